"""«Забыли пароль?» cannot be used to flood a mailbox or to probe addresses: past five requests in 15 minutes from
one address, or for one e-mail, the page answers 429 with a Russian message that says when to try again — the same
for a known and an unknown e-mail — and sends nothing more."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo

import pytest
import time_machine
from django.core import mail

pytestmark = pytest.mark.django_db
URL = "/accounts/password_reset/"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
LIMITED = "Слишком много запросов на восстановление пароля. Попробуйте снова через 15 минут, в 09:15."


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def ask(client, email, address="203.0.113.7"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def test_the_sixth_request_for_one_address_is_refused_and_sends_nothing(
    client, teacher, clock, django_capture_on_commit_callbacks
):
    # the letters leave through the mail queue after commit (core.mail)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask(client, "petr@example.org", address=f"198.51.100.{i}") for i in range(6)]

    assert [r.status_code for r in answers] == [302] * 5 + [429]
    assert LIMITED in answers[-1].content.decode()
    assert answers[-1]["Retry-After"] == "900"
    assert len(mail.outbox) == 5


def test_a_known_and_an_unknown_address_are_answered_alike(client, teacher, clock):
    known = [ask(client, "petr@example.org", address=f"198.51.100.{i}") for i in range(6)][-1]
    unknown = [ask(client, "nobody@example.org", address=f"192.0.2.{i}") for i in range(6)][-1]

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert LIMITED in unknown.content.decode()


def test_one_client_asking_for_many_addresses_is_refused(client, teacher, clock):
    answers = [ask(client, f"person{i}@example.org") for i in range(5)] + [ask(client, "petr@example.org")]

    assert answers[-1].status_code == 429
    assert mail.outbox == []


def test_it_works_again_after_the_window(client, teacher, clock, caplog):
    caplog.set_level(logging.WARNING, logger="innoinfra.security")
    for _ in range(6):
        ask(client, "petr@example.org")
    assert "password reset refused: ip=203.0.113.7 email=petr@example.org" in caplog.text

    clock.shift(dt.timedelta(minutes=15, seconds=1))

    assert ask(client, "petr@example.org").status_code == 302
