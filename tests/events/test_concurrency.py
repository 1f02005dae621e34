"""Two people press «Зарегистрироваться» for the last seat at the same moment: one gets it, one waits.

Needs real row locks (SELECT … FOR UPDATE) and separate connections per thread: PostgreSQL. SQLite has no row
locks (Django ignores select_for_update there) and its test database is one in-memory connection shared by
threads, so the race cannot be staged on it."""

import threading

import pytest
from django.db import connection, connections

from innoinfra.events import services
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Registration

from ..factories import MunicipalityFactory, OrganizationFactory
from .factories import make_event, sign_up

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks and shares one in-memory test connection between threads; "
        "run with DATABASE_URL=postgres://… to test the race",
    ),
]


def test_two_simultaneous_last_seat_registrations_give_one_seat_and_one_waiting_place():
    event = make_event(OrganizationFactory(municipality=MunicipalityFactory()), capacity=3)
    sign_up(event, 2)
    start = threading.Barrier(2)
    errors = []

    def register(n):
        try:
            start.wait(timeout=10)
            services.register(event=event, full_name=f"Гонщикова {n}", email=f"racer{n}@example.org", consent=True)
        except Exception as error:  # reported below, a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    racers = Registration.objects.filter(email__startswith="racer")
    assert sorted(racers.values_list("state", flat=True)) == sorted([RS.CONFIRMED, RS.WAITING])
    assert services.seats_taken(event) == 3


def test_a_hundred_racers_for_ten_seats_never_overbook():
    event = make_event(OrganizationFactory(municipality=MunicipalityFactory()), capacity=10)
    start = threading.Barrier(20)
    errors = []

    def register(n):
        try:
            start.wait(timeout=10)
            for k in range(5):
                services.register(
                    event=event, full_name=f"Участник {n}-{k}", email=f"p{n}-{k}@example.org", consent=True
                )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert services.seats_taken(event) == 10
    assert Registration.objects.filter(state=RS.WAITING).count() == 90
