"""Public pages kept in the shared cache for anonymous visitors (docs/deploy.md, «Кэш Redis»).

The registry, the map data and the catalogue of practices are read by many more people than change them, and most
readers are not signed in. `cached_for_visitors(*namespaces)` keeps such a view's answer for a visitor without a
session; `bump(namespace)` makes every page of a namespace stale at once. Apps call `bump_on_change(models, namespace)`
in their AppConfig.ready, so any save or delete of their models — through a service, the admin, an import — bumps.

Pages are cached when settings.PUBLIC_CACHE is on: by default, when the cache is shared (Redis); the memory of one
process would keep a page another process had already seen changed.

A cached page must be the page anybody else would get, so:
- only GET/HEAD of a visitor with no session cookie, no pending messages and no Authorization header is served from
  or stored in the cache; a signed-in user always gets a fresh page;
- only a plain 200 the view did not mark private, that set no cookie, wrote nothing into the session and added no
  message is stored;
- the key is the full address with its query, the host, the HTMX headers that choose a partial, the low-vision
  settings (core.low_vision), the language, the time zone and today's date;
- pages carry a CSRF token (base.html gives it to HTMX): the visitor's masked token is cut out before storing and
  each visitor gets a token of their own on the way out, so nobody's token is handed to another and CsrfViewMiddleware
  sets each visitor's cookie as for a fresh page.

Invalidation is by version: a page's key includes the current version of each of its namespaces, and a bump writes
a new version, so stale pages are never read again and expire by PUBLIC_CACHE_TIMEOUT. A bump runs at once and again
when the transaction commits (a page rendered between the two from not yet committed data is dropped). Writes that
send no signals (QuerySet.update, bulk_create) must call `bump` themselves; PUBLIC_CACHE_TIMEOUT bounds what slips.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.cache import get_max_age

from . import low_vision
from .signals import on_change

VERSION_KEY = "public-page-version:{}"
PAGE_KEY = "public-page:{}"
# Stands in for the visitor's CSRF token in a stored page; never produced by a template (NUL is not HTML).
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
# A masked CSRF token: 64 characters of Django's alphabet, not part of a longer run.
_MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_TARGET")
HIT_HEADER = "X-Public-Cache"


def bump(namespace: str) -> None:
    """Every cached page of `namespace` is stale from now on."""
    cache.set(VERSION_KEY.format(namespace), uuid.uuid4().hex, None)


def _bump_now_and_on_commit(namespace: str) -> None:
    bump(namespace)
    transaction.on_commit(lambda: bump(namespace), robust=True)


def bump_on_change(models, namespace: str) -> None:
    """Bump `namespace` whenever one of `models` is saved or deleted, or a many-to-many field of it changes."""
    on_change(models, lambda model: _bump_now_and_on_commit(namespace), name=f"public-cache:{namespace}")


def _versions(namespaces) -> list[str]:
    keys = [VERSION_KEY.format(namespace) for namespace in namespaces]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)  # add: two first visitors agree on one version
            found[key] = cache.get(key)
    return [str(found[key]) for key in keys]


def _serves_from_cache(request) -> bool:
    return (
        settings.PUBLIC_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES  # messages.storage.cookie.CookieStorage.cookie_name
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _page_key(request, namespaces) -> str:
    parts = [
        request.build_absolute_uri(),
        *(request.META.get(header, "") for header in _HTMX_HEADERS),
        low_vision.from_request(request).cookie_value if low_vision.COOKIE in request.COOKIES else "",
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        # registry pages work out a status from the dates (a period ends at midnight by itself): a new day, new pages
        timezone.localdate().isoformat(),
        *_versions(namespaces),
    ]
    return PAGE_KEY.format(hashlib.sha256("\x1f".join(parts).encode()).hexdigest())


def _may_store(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and getattr(response, "is_rendered", True)
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and get_max_age(response) != 0
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "added_new", False))
    )


def _without_csrf_token(request, content: bytes) -> bytes | None:
    """The content with this visitor's CSRF tokens replaced by the placeholder; None when the secret itself shows,
    which no stored page may carry."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    content = _MASKED_TOKEN.sub(
        lambda found: CSRF_PLACEHOLDER if _unmask_cipher_token(found.group().decode()) == secret else found.group(),
        content,
    )
    return None if secret.encode() in content else content


def _stored(request, response) -> dict | None:
    content = _without_csrf_token(request, response.content)
    if content is None:
        return None
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    return {"status": response.status_code, "content": content, "headers": headers}


def _restored(request, page: dict) -> HttpResponse:
    content = page["content"]
    if CSRF_PLACEHOLDER in content:
        # get_token also tells CsrfViewMiddleware to give this visitor their cookie, as a fresh render would
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=page["status"], headers=dict(page["headers"]))
    response[HIT_HEADER] = "hit"
    return response


def cached_for_visitors(*namespaces: str):
    """The view's answers to anonymous visitors kept in the cache until a namespace is bumped (see the module)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _serves_from_cache(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, namespaces)
            page = cache.get(key)
            if page is not None:
                return _restored(request, page)
            response = view(request, *args, **kwargs)
            if _may_store(request, response):
                page = _stored(request, response)
                if page is not None:
                    cache.set(key, page, settings.PUBLIC_CACHE_TIMEOUT)
            return response

        return wrapped

    return decorator
