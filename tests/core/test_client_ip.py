"""One rule for the client's address (core/client_ip.py), used by the sign-in lockout and the access log: behind
TRUSTED_PROXY_COUNT proxies the address is the one the last trusted proxy saw, never what the client wrote."""

from __future__ import annotations

import logging

import pytest
from django.test import RequestFactory

from innoinfra.core.client_ip import client_ip


def request_with(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy configured: the header is the client's word, ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged left part changes nothing
        (2, "6.6.6.6, 198.51.100.1, 172.16.0.9", "198.51.100.1"),
        (1, None, "10.0.0.2"),  # a proxy that did not add the header: the connecting address
        (2, "198.51.100.1", "10.0.0.2"),  # fewer entries than proxies: nothing in it can be believed
        (1, "not-an-address", "10.0.0.2"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_it_trusts_exactly_the_configured_proxies(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted

    assert client_ip(request_with(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_the_access_log_names_the_forwarded_address(client_for, methodist, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    caplog.set_level(logging.INFO, logger="innoinfra.access")

    client_for(methodist).get("/manage/profile/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1")

    (line,) = [r.getMessage() for r in caplog.records if r.name == "innoinfra.access"]
    assert "ip=198.51.100.1 GET /manage/profile/ 200" in line
