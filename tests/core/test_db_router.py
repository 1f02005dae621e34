"""The replica router's decisions without a replica (tests/core/test_replica.py runs them against a real one)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from innoinfra.core.db_router import PIN_COOKIE, ReplicaReadsMiddleware, ReplicaRouter, replica_reads
from innoinfra.reference.models import Region

router = ReplicaRouter()


def test_outside_a_request_everything_is_on_the_primary():
    assert router.db_for_read(Region) == "default"
    assert router.db_for_write(Region) == "default"


@pytest.mark.django_db(transaction=True)  # outside the test's own transaction, where every read is on the primary
def test_reads_go_to_the_replica_until_the_request_writes():
    with replica_reads() as state:
        assert router.db_for_read(Region) == "replica"
        assert router.db_for_write(Region) == "default"
        assert router.db_for_read(Region) == "replica"  # asking where to write is not writing (get_or_create)
        Region.objects.using("default").create(name="Хабаровский край", code="27")
        assert router.db_for_read(Region) == "default"
        assert state.wrote
    assert router.db_for_read(Region) == "default"  # the request is over


@pytest.mark.django_db
def test_reads_inside_a_transaction_are_on_the_primary():
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Region) == "default"


def test_migrations_only_on_the_primary():
    assert router.allow_migrate("default", "reference")
    assert not router.allow_migrate("replica", "reference")


def _route_of(request) -> tuple[str, HttpResponse]:
    seen = []

    def view(request):
        seen.append(router.db_for_read(Region))
        return HttpResponse()

    response = ReplicaReadsMiddleware(view)(request)
    return seen[0], response


def test_a_get_reads_from_the_replica_and_sets_no_pin():
    where, response = _route_of(RequestFactory().get("/"))
    assert where == "replica"
    assert PIN_COOKIE not in response.cookies


def test_a_post_reads_from_the_primary_and_pins_the_browser():
    where, response = _route_of(RequestFactory().post("/"))
    assert where == "default"
    pin = response.cookies[PIN_COOKIE]
    assert float(pin.value) > time.time() + settings.REPLICA_PIN_SECONDS - 1
    assert pin["httponly"]


@pytest.mark.django_db
def test_a_get_that_wrote_pins_the_browser():
    def view(request):
        Region.objects.using("default").create(name="Хабаровский край", code="27")
        return HttpResponse()

    response = ReplicaReadsMiddleware(view)(RequestFactory().get("/"))
    assert PIN_COOKIE in response.cookies


@pytest.mark.parametrize(
    ("cookie", "where"),
    [
        (lambda: str(int(time.time()) + 5), "default"),  # pinned
        (lambda: str(int(time.time()) - 1), "replica"),  # the pin has run out
        (lambda: "нечто", "replica"),  # a hand-made cookie decides nothing and breaks nothing
        (lambda: "nan", "replica"),
        (lambda: "inf", "replica"),
    ],
)
def test_the_pin_cookie(cookie, where):
    request = RequestFactory().get("/")
    request.COOKIES[PIN_COOKIE] = cookie()
    assert _route_of(request)[0] == where


def test_settings_wire_the_replica_only_when_asked():
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([sorted(s.DATABASES), s.DATABASES.get('replica', {}).get('PORT'), s.DATABASE_ROUTERS,"
        " s.MIDDLEWARE]))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "innoinfra.settings", "SECRET_KEY": "x", "PATH": "/usr/bin:/bin"}

    def run(**extra):
        output = subprocess.run(
            [sys.executable, "-c", probe], env={**env, **extra}, capture_output=True, text=True, check=True
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    aliases, port, routers, middleware = run(DATABASE_REPLICA_URL="postgres://u@10.0.0.11:5433/innoinfra")
    assert aliases == ["default", "replica"] and port == 5433
    assert routers == ["innoinfra.core.db_router.ReplicaRouter"]
    # before the session middleware: the session and the user are read where the router says
    assert middleware.index("innoinfra.core.db_router.ReplicaReadsMiddleware") == 1
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") > 1

    aliases, port, routers, middleware = run()
    assert aliases == ["default"] and routers == []
    assert "innoinfra.core.db_router.ReplicaReadsMiddleware" not in middleware
