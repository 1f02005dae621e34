"""«Забыли пароль?»: a Russian e-mail with a one-time link that sets a new password."""

import re

import pytest
from django.core import mail
from django.test import TestCase

from innoinfra.core.mail import send_due
from innoinfra.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def request_link(client, email):
    """Ask for a link; the letter leaves from the mail queue once the request's work commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/accounts/password_reset/", {"email": email}, follow=True)


def test_it_mails_a_russian_link_that_sets_a_new_password(client, teacher):
    response = request_link(client, "Petr@Example.org")

    assert "Проверьте почту" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["petr@example.org"]
    assert message.subject.startswith("Восстановление пароля в системе")
    assert "Чтобы задать новый пароль, перейдите по ссылке" in message.body
    assert "«petr»" in message.body
    path = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)

    form_page = client.get(path, follow=True)
    assert "Установка пароля" in form_page.content.decode()
    assert 'class="form-control' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Тайга-Амур-2025", "new_password2": "Тайга-Амур-2025"},
        follow=True,
    )

    assert "Пароль установлен" in done.content.decode()
    assert client.login(username="petr", password="Тайга-Амур-2025")
    used_again = client.get(path, follow=True)
    assert "Ссылка недействительна" in used_again.content.decode()


def test_it_explains_a_weak_password_in_russian(client, teacher):
    request_link(client, "petr@example.org")
    path = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]

    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})

    assert "Введённый пароль слишком широко распространён." in response.content.decode()
    assert client.login(username="petr", password="demo")


def test_it_says_the_same_for_an_unknown_address_and_sends_nothing(client, teacher):
    response = request_link(client, "nobody@example.org")

    assert "Проверьте почту" in response.content.decode()
    assert mail.outbox == []


def test_a_person_still_without_a_password_can_ask_for_a_link(client, methodist, school):
    from innoinfra.accounts import services

    services.create_user(
        by=methodist,
        username="maria",
        email="maria@example.org",
        last_name="Соколова",
        first_name="Мария",
        organization=school,
        send_link=False,
    )

    request_link(client, "maria@example.org")

    assert len(mail.outbox) == 1


def test_a_broken_link_is_explained(client):
    response = client.get("/accounts/reset/MQ/set-password-xyz/")

    assert response.status_code == 200
    assert "Ссылка недействительна" in response.content.decode()


def test_a_mail_outage_still_says_check_your_mail_and_the_link_goes_later(client, teacher, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = request_link(client, "petr@example.org")

    assert response.status_code == 200 and "Проверьте почту" in response.content.decode()
    letter = OutgoingMail.objects.get()
    assert (letter.to, letter.kind, letter.status) == ("petr@example.org", "password", "queued")
    assert letter.subject.startswith("Восстановление пароля в системе")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_due(now=letter.next_attempt_at)
    assert "/accounts/reset/" in mail.outbox[0].body
    letter.refresh_from_db()
    assert letter.status == "sent" and "/accounts/reset/" not in letter.body  # the link is not kept
