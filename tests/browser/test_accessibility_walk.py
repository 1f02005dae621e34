"""Every page of the project, as every role that may open it, checked by axe-core (WCAG 2.1 A and AA).

The pages and who may open them come from ACCESS of tests/test_permissions_walk.py, and the objects behind the URLs
from its world: a new page classified there is checked here too, with nothing to add. A public page is opened by the
anonymous visitor, a page for the logged-in by every persona, a staff page by each role the table lets in. Pages
that answer something else than HTML (files, feeds, JSON, calendars) are skipped by their content type.

One browser context per role, logged in once by its session cookie. Each page is first rendered in-process by
Django's test client (cheap); Chromium opens it and axe (the slow part) runs only on markup not yet checked: of
some 700 page × role openings about 335 reach the browser. The navigation differs by role and is checked on each role's first
page; the content of <main> (CSRF tokens aside) is checked once, whoever sees it first — the result could not
differ for another role.

The walk runs on SQLite only: the HTML does not depend on the database engine, and on the PostgreSQL run (the same
suite again) it would only double the slowest browser test."""

from __future__ import annotations

import hashlib
import re
import time

import pytest
from django.db import connection
from django.test import Client

from ..conftest import ROLE_FIXTURES
from ..live import browser_cookies
from ..test_permissions_walk import ACCESS, LOGGED_IN, PUBLIC, fill, project_urls, world  # noqa: F401 (fixture)
from .axe import describe, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "postgresql",
        reason="the accessibility walk runs on SQLite: HTML does not depend on the database engine",
    ),
]

ROLES = ["anonymous", *ROLE_FIXTURES]
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
MAIN = re.compile(rb"<main\b.*</main>", re.S)


def roles_for(rule) -> list[str]:
    """Who opens the page in the walk: the anonymous visitor for public pages, else whoever the table lets in."""
    if rule.method != "GET" or 200 not in rule.ok:
        return []  # actions and pages that redirect have no markup of their own to check
    if rule.who == PUBLIC:
        return ["anonymous"]
    if rule.who == LOGGED_IN:
        return list(ROLE_FIXTURES)
    return [role for role in ROLE_FIXTURES if role in rule.who]


def pages_by_role(objects) -> dict[str, list[tuple[str, str]]]:
    urls = project_urls()
    walk: dict[str, list[tuple[str, str]]] = {role: [] for role in ROLES}
    for key in sorted(urls):
        for role in roles_for(ACCESS[key]):
            walk[role].append((key, fill(urls[key], objects)))
    return walk


def markup(client, url: str) -> bytes | None:
    """The page as the server renders it, or None for files, feeds and data."""
    response = client.get(url)
    try:
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            return None
        return response.content
    finally:
        response.close()


def test_every_page_has_no_serious_accessibility_problems(browser, live_server, world, request):  # noqa: F811
    started = time.monotonic()
    walk = pages_by_role(world)
    seen: set[bytes] = set()  # the <main> of pages already checked
    checked = skipped = repeated = blocking = 0
    axe_time = 0.0
    problems: list[str] = []
    for role in ROLES:
        user = None if role == "anonymous" else request.getfixturevalue(role)
        # The server's answer is read in-process first (no browser, no static files): only markup not yet checked
        # is opened in Chromium, which is where the time goes.
        client = Client()
        if user is not None:
            client.force_login(user)
        context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900}, base_url=live_server.url)
        context.set_default_timeout(20_000)
        context.add_cookies(
            [{"name": name, "value": value, "url": live_server.url} for name, value in browser_cookies(user).items()]
        )
        page = context.new_page()
        navigation_checked = False  # the menu differs by role: each role's first page is checked whole
        try:
            for key, url in walk[role]:
                html = markup(client, url)
                if html is None:
                    skipped += 1
                    continue
                main = MAIN.search(html)
                fingerprint = hashlib.sha1(TOKEN.sub(b"", main.group() if main else html)).digest()
                if fingerprint in seen and navigation_checked:
                    repeated += 1
                    continue
                seen.add(fingerprint)
                navigation_checked = True
                response = page.goto(url)
                assert response is not None and response.status == 200, url
                checked += 1
                axe_started = time.monotonic()
                # an HTMX fragment (a modal's form, a table row) is checked on its own, as it will stand in its page
                found = violations(page, fragment=b"<html" not in html[:2000])
                axe_time += time.monotonic() - axe_started
                if found:
                    blocking += len(found)
                    problems.append(describe(found, f"{role} {url} ({key})"))
        finally:
            context.close()
    opened = sum(len(pages) for pages in walk.values())
    summary = (
        f"accessibility walk: {opened} page × role openings, {checked} checked by axe, {repeated} with the content of "
        f"one checked, {skipped} not HTML (files, feeds, data); {blocking} serious/critical violation(s) "
        f"in {len(problems)} page(s); {time.monotonic() - started:.0f} s, of them {axe_time:.0f} s in axe"
    )
    print(summary)
    assert not problems, summary + "\n" + "\n".join(problems)
