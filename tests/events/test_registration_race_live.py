"""Registrations sent at the same moment to a live server: the last seat goes to one person, a double-clicked
registration is one registration, and nobody sees an error page.

The service-level race (threads calling `services.register`) is in test_concurrency.py; these go through HTTP."""

import pytest

from innoinfra.core.once import new_token
from innoinfra.events import services
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Registration

from ..factories import MunicipalityFactory, OrganizationFactory
from ..live import browser_cookies, needs_postgresql, post_at_once
from .factories import make_event

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


@pytest.fixture
def one_seat():
    return make_event(OrganizationFactory(municipality=MunicipalityFactory()), capacity=1)


def person(n, **extra):
    return {"full_name": f"Гонщикова Мария {n}", "email": f"racer{n}@example.org", "consent": "on", **extra}


def test_ten_people_for_the_last_seat_give_one_seat_and_nine_waiting(live_server, one_seat):
    answers = post_at_once(
        f"{live_server.url}{one_seat.get_absolute_url()}",
        [person(n, submission_token=new_token()) for n in range(10)],
        browser_cookies(),
    )
    assert [a.status for a in answers] == [302] * 10
    assert Registration.objects.filter(state=RS.CONFIRMED).count() == 1
    assert Registration.objects.filter(state=RS.WAITING).count() == 9
    assert services.seats_taken(one_seat) == 1


def test_a_registration_clicked_ten_times_is_one_registration(live_server, one_seat):
    answers = post_at_once(
        f"{live_server.url}{one_seat.get_absolute_url()}",
        [person(1, submission_token=new_token())] * 10,
        browser_cookies(),
    )
    registration = Registration.objects.get()
    assert [a.status for a in answers] == [302] * 10
    assert {a.location for a in answers} == {registration.get_absolute_url()}
