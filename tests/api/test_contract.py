"""The API keeps its contract (issue 21): schemathesis generates requests from /api/v1/schema/ for every operation
and checks each answer against the description — no server error, the body, the content type and the status code
as declared, and authentication declared as it is enforced (a read declared open answers an anonymous caller; an
operation declared protected refuses one).

It runs against the demo (`loaddemo`, once for the module, rolled back after it), anonymously and as the methodist
with an API token. The Django application is called in-process through WSGI (the whole middleware stack, as a
server would run it) rather than from a server thread: the demo lives in this module's transaction, which a
server thread's own connection could not see, and every write the generator makes is rolled back with it.

The number of examples is small and the seed fixed so the run is the same every time and fits the suite's time."""

from __future__ import annotations

import json
import secrets
from io import StringIO

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from innoinfra.accounts.models import User

pytestmark = pytest.mark.django_db
METHODIST_TOKEN = secrets.token_hex(20)  # the methodist's API token in this run (the demo fixture stores it)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
    ignored_auth,
]
EXAMPLES = settings(
    max_examples=3,
    phases=[Phase.explicit, Phase.generate],
    derandomize=True,  # the same requests every run: a failure is reproducible, the run time steady
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def described_api():
    """The description /api/v1/schema/ serves, built without a request (the same generator), so the operations are
    known when pytest collects the tests — one test per operation and caller."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


schema = schemathesis.openapi.from_dict(described_api())
schema.app = WSGIHandler()
# Requests the description allows: what the API promises for them is the contract. (A path that is no number at
# all, e.g. /regions/abc.5/, misses the routes and gets the site's own 404 page — not an API answer.)
schema.config.generation.update(modes=[GenerationMode.POSITIVE])


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddemo", stdout=StringIO())
        Token.objects.update_or_create(user=User.objects.get(username="methodist"), defaults={"key": METHODIST_TOKEN})
        # Django closes "old" connections around each request; in-process that would close the connection holding
        # this module's transaction (the test client disconnects the same two receivers while it runs).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            yield
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            transaction.set_rollback(True)


class MethodistToken:
    """The methodist's API token, given through schemathesis's own auth mechanism rather than as a fixed header:
    then schemathesis knows the credentials are ours, and `ignored_auth` can strip them (and send a wrong token) to
    check that an operation declared protected refuses the anonymous and the forger."""

    def get(self, case, ctx) -> str:
        return METHODIST_TOKEN  # no database here: schemathesis may ask while pytest collects the tests

    def set(self, case, data: str, ctx) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def call(case):
    # Each request in a savepoint: a request that fails in the database must not abort the module's transaction.
    with transaction.atomic():
        case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_anonymous(case):
    call(case)


@schema.auth.apply(MethodistToken, refresh_interval=None)
@schema.parametrize()
@EXAMPLES
def test_methodist(case):
    call(case)
    assert case.headers["Authorization"] == f"Token {METHODIST_TOKEN}"  # the requests were the methodist's
