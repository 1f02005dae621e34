"""«Исходящие письма»: installation administrators see every letter and its state, and send a failed one again."""

import pytest
from django.core import mail
from django.urls import reverse

from innoinfra.core.enums import MailStatus
from innoinfra.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

URL = "/manage/mail/"


def failed_letter(**fields):
    values = {
        "to": "anna@example.org",
        "subject": "Регистрация на мероприятие «Семинар»",
        "body": "Вы зарегистрированы. Ваша ссылка: секрет",
        "kind": "event",
        "status": MailStatus.FAILED,
        "attempts": 5,
        "last_error": "Почтовый сервер недоступен (ConnectionRefusedError: [Errno 111] Connection refused)",
    }
    return OutgoingMail.objects.create(**{**values, **fields})


def test_the_administrator_sees_a_failed_letter_with_its_reason(client_for, admin_user):
    failed_letter()
    OutgoingMail.objects.create(to="petr@example.org", subject="Сводка", body="…", status=MailStatus.SENT, attempts=1)

    page = client_for(admin_user).get(URL, {"status": "failed"}).content.decode()

    assert "anna@example.org" in page and "Регистрация на мероприятие «Семинар»" in page
    assert "Почтовый сервер недоступен (ConnectionRefusedError" in page
    assert "Отправить ещё раз" in page
    assert "petr@example.org" not in page  # filtered out
    assert "секрет" not in page  # the text of letters is not shown
    assert 'data-testid="total-failed">1<' in page and 'data-testid="total-sent">1<' in page


def test_the_list_searches_by_address_and_kind(client_for, admin_user):
    failed_letter()
    failed_letter(to="petr@example.org", kind="password", subject="Восстановление пароля")
    client = client_for(admin_user)
    by_address = client.get(URL, {"q": "petr@"}).content.decode()
    assert "petr@example.org" in by_address and "anna@example.org" not in by_address
    by_kind = client.get(URL, {"kind": "event"}).content.decode()
    assert "anna@example.org" in by_kind and "petr@example.org" not in by_kind


def test_district_staff_and_others_may_not_open_it(client_for, methodist, teacher):
    failed_letter()
    assert client_for(methodist).get(URL).status_code == 403
    assert client_for(teacher).get(URL).status_code == 403
    letter = OutgoingMail.objects.get()
    assert client_for(methodist).post(reverse("mail-resend", args=[letter.pk])).status_code == 403
    letter.refresh_from_db()
    assert letter.status == MailStatus.FAILED


def test_resending_a_failed_letter_sends_it_and_records_who(client_for, admin_user, django_capture_on_commit_callbacks):
    letter = failed_letter()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            reverse("mail-resend", args=[letter.pk]), {"next": f"{URL}?status=failed"}, follow=True
        )
    assert response.redirect_chain[-1][0] == f"{URL}?status=failed"
    assert "Письмо для anna@example.org поставлено в очередь ещё раз." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    letter.refresh_from_db()
    assert (letter.status, letter.attempts, letter.resent_by) == (MailStatus.SENT, 1, admin_user)
    assert letter.resent_at is not None


def test_a_letter_already_sent_is_not_sent_again(client_for, admin_user, django_capture_on_commit_callbacks):
    letter = failed_letter(status=MailStatus.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(reverse("mail-resend", args=[letter.pk]), follow=True)
    assert "Отправить ещё раз можно только неотправленное письмо." in response.content.decode()
    assert mail.outbox == []


def test_next_cannot_lead_away_from_the_list(client_for, admin_user):
    letter = failed_letter()
    response = client_for(admin_user).post(reverse("mail-resend", args=[letter.pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == URL


def test_the_list_runs_no_query_per_letter(client_for, admin_user, assert_constant_queries):
    def grow(count):
        for _ in range(count):
            failed_letter(resent_by=admin_user, resent_at="2026-01-01T10:00:00Z")

    client = client_for(admin_user)
    client.get(URL)  # the first page of a session also creates the installation settings row
    assert_constant_queries(client, URL, grow, maximum=8)
