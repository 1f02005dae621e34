"""A counter of requests per key in a fixed time window, kept in Django's cache.

For actions that django-axes does not cover (a password reset is no sign-in): the caller decides what is counted
(a client address, an e-mail address) and what to answer once the limit is passed. The cache is per process unless
a shared one (Redis) is configured, so with several gunicorn workers the real limit is up to workers × limit — still
a limit, which is what stops a flood of reset letters.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.utils import timezone


def hit(scope: str, ident: str, *, limit: int, window: dt.timedelta) -> dt.datetime | None:
    """Counts one request of `ident` in `scope`; returns when its window ends if it passed `limit`, else None."""
    key = _key(scope, ident)
    timeout = int(window.total_seconds())
    started = cache.get_or_set(f"{key}:start", timezone.now().timestamp(), timeout)
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls: this request opens a new one
        cache.set(key, 1, timeout)
        count = 1
    if count <= limit:
        return None
    return dt.datetime.fromtimestamp(started, tz=dt.UTC) + window


def exceeded(scope: str, ident: str, *, limit: int) -> bool:
    """Whether `ident` already passed `limit` in the current window, without counting this request (a lookup that
    counts only its failures asks this first, so that a blocked client learns nothing from a success either)."""
    return (cache.get(_key(scope, ident)) or 0) > limit


def _key(scope: str, ident: str) -> str:
    return "rate-limit:" + hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()
