"""Reads from a PostgreSQL streaming replica, writes to the primary (docs/deploy.md, «Топология для региона»).

Enabled when DATABASE_REPLICA_URL is set: settings add DATABASES["replica"], this router and the middleware below.
Only a request may read from the replica, and only while nothing says it must see the latest data:

- a safe request (GET, HEAD, OPTIONS) of anyone, signed in or not, reads from the replica;
- a request that changes something (POST and the rest) reads from the primary from its first query;
- a request that writes anything (any statement but a SELECT sent to the primary) reads from the primary from then
  on, so the rows it has just written are the rows it reads back. Not db_for_write: get_or_create asks for the write
  database to read a row that usually exists (the installation settings on every page), which must not pin anything;
- what the ORM reads for a write (get_or_create, select_for_update) is read on the primary, as Django asks;
- for PIN_SECONDS after a request that changed something, the same browser reads from the primary (a cookie with the
  time it ends), so the page after «Сохранить» shows what was saved even if the replica is a moment behind;
- inside transaction.atomic() every read goes to the primary: a transaction must see one database;
- management commands, the task worker and the tests outside a request read from the primary.

Migrations run only on the primary; the replica is read-only (a write sent there fails with «read-only transaction»).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
PIN_COOKIE = "innoinfra_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _RequestReads:
    replica: bool  # reads may go to the replica
    wrote: bool = False  # the request has written something: its later reads, and the browser's next ones, see it


# No state: outside a request (commands, the worker, tests) every read goes to the primary. A context variable, not a
# thread-local, so each request of a threaded or async server has its own.
_reads: ContextVar[_RequestReads | None] = ContextVar("innoinfra_replica_reads", default=None)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _reads.get()
        if state is None or not state.replica or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary: a row read there may point at one from here

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def pin_seconds() -> int:
    return settings.REPLICA_PIN_SECONDS


def _pinned_until(request) -> int:
    try:
        return int(request.COOKIES.get(PIN_COOKIE, "0"))  # int, not float: "nan" or "inf" would pin for ever
    except ValueError:  # a cookie someone wrote by hand only decides where their own reads go: ignore it
        return 0


def _is_read(sql: str) -> bool:
    return sql.lstrip()[:6].upper() == "SELECT"


@contextmanager
def replica_reads(*, allowed: bool = True):
    """The reads of one request: from the replica while `allowed` and nothing has been written yet."""
    state = _RequestReads(replica=allowed)

    def watch(execute, sql, params, many, context):
        if not _is_read(sql):  # anything else (INSERT, UPDATE, DELETE, a savepoint) counts as a write: safe side
            state.replica = False
            state.wrote = True
        return execute(sql, params, many, context)

    token = _reads.set(state)
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(watch):
            yield state
    finally:
        _reads.reset(token)


class ReplicaReadsMiddleware:
    """Decides, per request, whether its reads may go to the replica; pins a browser to the primary after a change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        allowed = request.method in SAFE_METHODS and _pinned_until(request) <= now
        with replica_reads(allowed=allowed) as state:
            response = self.get_response(request)
        if request.method not in SAFE_METHODS or state.wrote:
            seconds = pin_seconds()
            response.set_cookie(
                PIN_COOKIE,
                str(int(now) + seconds + 1),  # +1: whole seconds, never shorter than promised
                max_age=seconds + 1,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
