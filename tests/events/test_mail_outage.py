"""A mail outage never breaks a registration: the person is registered and told so, the letter waits in the
queue and goes once the mail server answers again."""

import pytest
from django.core import mail
from django.test import Client

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
