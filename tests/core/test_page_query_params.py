"""No address a visitor can type breaks a list page: every page without parameters in its path is opened by the
installation administrator (who sees every filter), and each field of its filter forms (a GET form) is given a
number too big for the database, a negative one and a word, and `page` an absurd page number."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "media/", "static/", "api/", "accounts/logout", "healthz")
HOSTILE_VALUES = ["19099968284996558389248", "-1", "abc"]
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
FIELD = re.compile(r"<(?:input|select)\b[^>]*\bname=\"(?P<name>[^\"]+)\"", re.I)


def _plain_paths(resolver=None, prefix=""):
    """Paths of the project's pages that take no argument in the path."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        path = prefix + route
        if isinstance(entry, URLResolver):
            yield from _plain_paths(entry, path)
        elif isinstance(entry, URLPattern) and not path.startswith(SKIPPED_PREFIXES):
            yield "/" + path


def _filter_fields(html: str) -> set[str]:
    names = set()
    for form in FORM.finditer(html):
        if 'method="post"' in form["attrs"].lower():
            continue
        names |= {m["name"] for m in FIELD.finditer(form["body"]) if m["name"] != "csrfmiddlewaretoken"}
    return names


PATHS = sorted(set(_plain_paths()))


@pytest.mark.parametrize("path", PATHS)
def test_no_query_value_breaks_a_page(client, admin_user, path):
    client.force_login(admin_user)
    first = client.get(path)
    if first.status_code != 200 or "text/html" not in first.get("Content-Type", ""):
        pytest.skip(f"{path} is not a page ({first.status_code})")
    names = _filter_fields(first.content.decode()) | {"page"}

    broken = []
    for name in sorted(names):
        for value in [*HOSTILE_VALUES, "99999999999999999999"]:
            response = client.get(path, {name: value})
            if response.status_code >= 500:
                broken.append((name, value, response.status_code))

    assert broken == []


def test_a_huge_organization_id_in_the_registry_filter_is_ignored_politely(client):
    response = client.get("/registry/", {"organization": "19099968284996558389248", "page": "99999999999999999999"})

    assert response.status_code in (200, 400)
