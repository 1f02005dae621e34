"""Many browsers at once against a live server (pytest-django's `live_server`): each request is a real HTTP request
with its own server thread and database connection, so races happen as they would in production.

Only PostgreSQL can host such a race: the SQLite test database is one in-memory connection shared by the threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="RACE TESTS SKIPPED: parallel requests against a live server need PostgreSQL (SQLite's test database is "
    "one in-memory connection shared by all threads). Run with DATABASE_URL=postgres://… to test them.",
)


@dataclass
class Answer:
    status: int
    location: str
    text: str


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer under test


def browser_cookies(user=None) -> dict[str, str]:
    """The cookies of a signed-in browser (or an anonymous one) that has a CSRF token."""
    cookies = {settings.CSRF_COOKIE_NAME: _get_new_csrf_string()}
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def post_at_once(url: str, forms: list[dict], cookies: dict[str, str], headers: dict | None = None) -> list[Answer]:
    """POST every form at the same moment (one thread each, released together) and collect the answers."""
    return post_each_at_once([(url, data) for data in forms], cookies, headers)


def post_each_at_once(
    posts: list[tuple[str, dict]], cookies: dict[str, str], headers: dict | None = None
) -> list[Answer]:
    """POST each (url, form) at the same moment: different objects raced against one another."""
    opener = build_opener(_NoRedirects)
    start = threading.Barrier(len(posts))
    header = "; ".join(f"{name}={value}" for name, value in cookies.items())

    def send(post: tuple[str, dict]) -> Answer:
        url, data = post
        body = urlencode({**data, "csrfmiddlewaretoken": cookies[settings.CSRF_COOKIE_NAME]}, doseq=True).encode()
        request = Request(url, data=body, headers={"Cookie": header, **(headers or {})})
        start.wait(timeout=30)
        try:
            with opener.open(request, timeout=120) as response:
                return Answer(response.status, response.headers.get("Location", ""), response.read().decode())
        except HTTPError as answer:
            return Answer(answer.code, answer.headers.get("Location", ""), answer.read().decode())

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))
