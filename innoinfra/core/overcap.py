"""Which counts are over the cap, remembered for a while.

A search or a list counts its matches only up to a cap (fulltext.COUNT_CAP); past it the page says «более 10 000»
and lists the freshest. Finding out that a broad query is over the cap still reads every match from the index
(PostgreSQL's GIN builds the whole set before a LIMIT can stop it), so that one answer grows with the data: ten
times the region, ten times the work, on every page of the same results and for every visitor asking the same.
The answer is a single fact that changes slowly — ten thousand matches do not fall under the cap in minutes — so
it is kept in the cache (shared by the app servers when Redis is configured) for COUNT_OVER_CAP_SECONDS, and the
requests that follow only list their page. Counts under the cap are never kept: those pages show exact numbers and
must see a change at once.

The key is the exact statement being counted (with its parameters), so a user's visibility, the filters and the
query words are all part of it and nobody learns from another's answer more than that their query is broad."""

from __future__ import annotations

import hashlib
from array import array

from django.conf import settings
from django.core.cache import cache

PREFIX = "overcap:"


def _key(parts: tuple) -> str:
    return PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def known(*parts) -> bool:
    """Whether the count named by `parts` was found over the cap within COUNT_OVER_CAP_SECONDS."""
    if settings.COUNT_OVER_CAP_SECONDS <= 0:
        return False
    return bool(cache.get(_key(parts)))


def known_among(options, *parts) -> set:
    """Those of `options` whose count, named by `parts` and the option, was found over the cap: one cache read."""
    if settings.COUNT_OVER_CAP_SECONDS <= 0:
        return set()
    keys = {_key((*parts, option)): option for option in options}
    return {keys[key] for key in cache.get_many(list(keys))}


def remember(*parts) -> None:
    """The count named by `parts` is over the cap."""
    if settings.COUNT_OVER_CAP_SECONDS > 0:
        cache.set(_key(parts), True, settings.COUNT_OVER_CAP_SECONDS)


def recall_ids(*parts) -> list[int] | None:
    """The ids kept under `parts` by keep_ids within COUNT_OVER_CAP_SECONDS, or None."""
    if settings.COUNT_OVER_CAP_SECONDS <= 0:
        return None
    stored = cache.get(_key(parts))
    if stored is None:
        return None
    ids = array("q")
    ids.frombytes(stored)
    return ids.tolist()


def keep_ids(ids: list[int], *parts) -> None:
    """Keep a list of ids found over the cap (the freshest matches of a broad search) under `parts`; as 8 bytes an
    id, not a pickled list: ten thousand of them are 80 KB."""
    if settings.COUNT_OVER_CAP_SECONDS > 0:
        cache.set(_key(parts), array("q", ids).tobytes(), settings.COUNT_OVER_CAP_SECONDS)
