"""The administrator finds a letter the mail server did not take and sends it again once mail works."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from innoinfra.core.enums import MailStatus
from innoinfra.core.models import OutgoingMail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_sends_a_failed_letter_again(page, login, admin_user, screenshot):
    OutgoingMail.objects.create(
        to="anna@example.org",
        subject="Регистрация на мероприятие «Семинар»",
        body="Вы зарегистрированы.",
        kind="event",
        status=MailStatus.FAILED,
        attempts=5,
        last_error="Почтовый сервер недоступен (ConnectionRefusedError: [Errno 111] Connection refused)",
    )
    OutgoingMail.objects.create(to="petr@example.org", subject="Сводка", body="…", status=MailStatus.SENT, attempts=1)
    login("anna")
    page.get_by_role("button", name="Управление").click()
    page.get_by_role("link", name="Исходящие письма").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Исходящие письма")

    page.get_by_label("Состояние").select_option(label="Не отправлено")
    rows = page.get_by_test_id("mail-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("anna@example.org")
    expect(rows.first).to_contain_text("Почтовый сервер недоступен")
    screenshot("outgoing-mail-failed")

    rows.first.get_by_role("button", name="Отправить ещё раз письмо для anna@example.org").click()

    expect(page.get_by_role("alert")).to_contain_text("Письмо для anna@example.org поставлено в очередь ещё раз.")
    expect(page.get_by_test_id("mail-row")).to_have_count(0)  # still on the list of failed ones: none left
    page.get_by_label("Состояние").select_option(label="Отправлено")
    expect(page.get_by_test_id("mail-row").filter(has_text="anna@example.org")).to_contain_text("Отправлено")
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
