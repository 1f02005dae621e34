"""Password guessing is throttled: after five wrong passwords for one account (or from one address) sign-in is
closed for 15 minutes, on the login page and the API token endpoint alike, with a Russian message that says when to
try again; the right password is refused meanwhile and accepted afterwards; the lockout is logged.

Пётр (`teacher`) is the one whose password is guessed; Лариса (`methodist`) signs in from another address."""

from __future__ import annotations

import datetime as dt
import logging
import re
import zoneinfo

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from innoinfra.accounts.throttling import login_lockout_message, try_again

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
START = dt.datetime(2026, 3, 2, 20, 30, tzinfo=MOSCOW)
LOCKED = re.compile(r"Слишком много неудачных попыток входа\. Попробуйте снова через (\d+) минут[уы]?, в (\d\d:\d\d)\.")


def guess(client, username="petr", times=1, address="203.0.113.7"):
    return [
        client.post(LOGIN, {"username": username, "password": f"guess-{i}"}, REMOTE_ADDR=address) for i in range(times)
    ]


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_thirty_wrong_passwords_meet_a_lockout_that_says_when_to_come_back(client, teacher, clock):
    answers = guess(client, times=30)

    assert [r.status_code for r in answers[:4]] == [200] * 4
    assert "Неверный логин (e-mail) или пароль." in answers[3].content.decode()
    assert {r.status_code for r in answers[4:]} == {429}
    page = answers[-1].content.decode()
    assert "Слишком много неудачных попыток входа. Попробуйте снова через 15 минут, в 20:45." in page
    assert answers[-1]["Retry-After"] == "900"


def test_the_right_password_is_refused_during_the_lockout_and_accepted_after_it(client, teacher, clock):
    guess(client, times=5)

    clock.shift(dt.timedelta(minutes=14))
    refused = client.post(LOGIN, {"username": "petr", "password": "demo"}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    # tries during the lockout do not prolong it: the page still names 20:45
    assert "через 1 минуту, в 20:45." in refused.content.decode()
    assert client.get("/manage/profile/").status_code == 302

    clock.shift(dt.timedelta(minutes=1, seconds=1))
    accepted = client.post(LOGIN, {"username": "petr", "password": "demo"}, REMOTE_ADDR="203.0.113.7")
    assert accepted.status_code == 302
    assert client.get("/manage/profile/").status_code == 200


def test_changing_case_or_using_the_e_mail_counts_against_the_same_account(client, teacher, clock):
    for address, login in enumerate(["petr", "PETR", " Petr", "petr@example.org", "PETR@EXAMPLE.ORG"]):
        last = client.post(LOGIN, {"username": login, "password": "x"}, REMOTE_ADDR=f"198.51.100.{address + 1}")

    assert last.status_code == 429


def test_another_account_from_another_address_is_unaffected(client, teacher, methodist, clock):
    guess(client, times=10)

    response = client.post(LOGIN, {"username": "larisa", "password": "demo"}, REMOTE_ADDR="192.0.2.50")

    assert response.status_code == 302


def test_one_address_guessing_many_accounts_is_locked_too(client, teacher, methodist, clock):
    for name in ["anna", "boris", "vera", "gleb", "dina"]:
        guess(client, username=name)

    response = client.post(LOGIN, {"username": "larisa", "password": "demo"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429


def test_signing_into_ones_own_account_between_guesses_does_not_reset_the_count(client, teacher, methodist, clock):
    for _ in range(2):
        guess(client, times=2)
        assert (
            client.post(LOGIN, {"username": "larisa", "password": "demo"}, REMOTE_ADDR="203.0.113.7").status_code == 302
        )
        client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.7")

    assert guess(client)[0].status_code == 429


def test_the_token_endpoint_locks_with_the_same_message_and_retry_after(teacher, clock):
    api = APIClient(REMOTE_ADDR="203.0.113.9")
    answers = [api.post(TOKEN, {"username": "petr", "password": "not-it"}, format="json") for _ in range(6)]

    assert [r.status_code for r in answers] == [400, 400, 400, 400, 429, 429]
    assert answers[-1].json() == {
        "detail": "Слишком много неудачных попыток входа. Попробуйте снова через 15 минут, в 20:45."
    }
    assert answers[-1]["Retry-After"] == "900"
    assert api.post(TOKEN, {"username": "petr", "password": "demo"}, format="json").status_code == 429

    clock.shift(dt.timedelta(minutes=15, seconds=1))
    assert "token" in api.post(TOKEN, {"username": "petr", "password": "demo"}, format="json").json()


def test_the_page_lockout_counts_for_the_api_too(client, teacher, clock):
    guess(client, times=5)

    response = APIClient(REMOTE_ADDR="192.0.2.77").post(TOKEN, {"username": "petr", "password": "demo"}, format="json")

    assert response.status_code == 429


def test_the_lockout_is_logged(client, teacher, clock, caplog):
    caplog.set_level(logging.INFO, logger="innoinfra.security")

    guess(client, times=6)

    lines = [r.getMessage() for r in caplog.records if r.name == "innoinfra.security"]
    assert lines[0] == (
        "sign-in locked out: username=petr ip=203.0.113.7 path=/accounts/login/ until=2026-03-02T17:45:00+00:00"
    )
    assert lines[1].startswith("sign-in refused during lockout: username=petr ip=203.0.113.7")


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, teacher, methodist, settings, clock):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):  # one guesser, forging the left part of the header, seen by nginx as 203.0.113.7
        client.post(
            LOGIN,
            {"username": f"user{i}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7",
        )

    guesser = client.post(
        LOGIN, {"username": "larisa", "password": "demo"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    neighbour = client.post(
        LOGIN, {"username": "larisa", "password": "demo"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.50"
    )

    assert guesser.status_code == 429
    assert neighbour.status_code == 302


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 минуту"),
        (2, "2 минуты"),
        (5, "5 минут"),
        (11, "11 минут"),
        (21, "21 минуту"),
        (60, "1 час"),
        (125, "2 часа 5 минут"),
    ],
)
def test_the_wait_is_said_in_correct_russian(minutes, words, clock):
    assert try_again(timezone.now() + dt.timedelta(minutes=minutes)).startswith(f"через {words}, ")


def test_a_lockout_past_midnight_says_tomorrow(clock):
    clock.move_to(dt.datetime(2026, 3, 2, 23, 55, tzinfo=MOSCOW))

    message = login_lockout_message(timezone.now() + dt.timedelta(minutes=15))

    assert message.endswith("через 15 минут, завтра в 00:10.")
    assert LOCKED.fullmatch(login_lockout_message(timezone.now() + dt.timedelta(minutes=3)))
