"""The address of the client, the one rule for every use: the sign-in lockout, the access log, rate limits.

Behind nginx, REMOTE_ADDR is nginx's own address and the client's is in X-Forwarded-For, which each proxy extends
with the address it received the request from. Only the entries added by our own proxies can be believed: anything
further left was written by the client and may be forged to dodge a lockout. With TRUSTED_PROXY_COUNT = N proxies in
front of Django, the client is the N-th entry from the right; with 0 (the default: Django serves directly, or
nobody configured it) the header is ignored and REMOTE_ADDR is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's IP address as text; an unreadable header falls back to the connecting address."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            found = _valid(forwarded[-trusted])
            if found:
                return found
    return _valid(remote) or remote
