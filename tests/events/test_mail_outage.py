"""A mail outage never breaks a registration: the person is registered and told so, the letter waits in the
queue and goes once the mail server answers again."""

import pytest
from django.core import mail
from django.test import Client

from innoinfra.core.mail import send_due
from innoinfra.core.models import OutgoingMail
from innoinfra.events.models import Registration

from ..mail_backends import CONNECTIONS
from .factories import make_event

DOWN = "tests.mail_backends.DownBackend"


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = DOWN
    CONNECTIONS["down"] = 0


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_registration_succeeds_while_the_mail_server_is_down(school, mail_server_down):
    """Autocommit as in production: the letter's after-commit work runs inside the request."""
    event = make_event(school, capacity=10)
    client = Client(raise_request_exception=False)

    response = client.post(
        event.get_absolute_url(),
        {"full_name": "Смирнова Анна Петровна", "email": "anna@example.org", "consent": "on"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Регистрация принята: участие подтверждено." in response.content.decode()
    assert Registration.objects.get().email == "anna@example.org"
    assert mail.outbox == []


def test_the_letter_waits_for_the_mail_server_and_goes_when_it_is_back(
    client, school, mail_server_down, settings, django_capture_on_commit_callbacks
):
    event = make_event(school, capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.get_absolute_url(),
            {"full_name": "Смирнова Анна Петровна", "email": "anna@example.org", "consent": "on"},
        )
    assert response.status_code == 302
    letter = OutgoingMail.objects.get()
    assert (letter.to, letter.kind, letter.status, letter.attempts) == ("anna@example.org", "event", "queued", 1)
    assert "Почтовый сервер недоступен" in letter.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_due(now=letter.next_attempt_at)

    (sent,) = mail.outbox
    assert sent.to == ["anna@example.org"] and sent.subject == f"Регистрация на мероприятие «{event.title}»"
    assert Registration.objects.get().token in sent.body


def test_a_refused_registration_queues_no_letter(client, school, django_capture_on_commit_callbacks):
    event = make_event(school)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.get_absolute_url(), {"full_name": "Смирнова Анна", "email": "anna@example.org"})
    assert not OutgoingMail.objects.exists() and mail.outbox == []
