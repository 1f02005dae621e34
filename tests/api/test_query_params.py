"""No query parameter gives a 500: a number too big for the database, a negative id, a word or an empty value
where a number is expected is the client's mistake — 400 with a Russian message, or an empty list.

Every list endpoint of the API is walked (read from the OpenAPI schema), with every filter it declares and every
field of the page filter form it borrows; then detail endpoints with impossible ids."""

from __future__ import annotations

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

from .clients import api

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [str(2**70), "-1", "abc", "1e309", ""]


def _endpoints():
    """(path, parameter names) for each GET endpoint without path parameters, plus the stats section pages."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        path = path.replace("{section}", "plans")
        if "{" in path:
            continue
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        view = getattr(resolve(path).func, "cls", None)
        form = getattr(view, "filter_form", None)
        if form is not None:
            names |= set(form.base_fields)
        found.append((path, sorted(names | {"page"})))
    return found


ENDPOINTS = _endpoints()
# The stats pages answer an unknown territory with 404 (public) or 403 like one outside the reader's scope (staff), so
# the staff answer does not tell which ids exist; a page number past the last page is DRF's 404 «Неправильная страница».
ALSO_ALLOWED = {"municipality": {403, 404}, "page": {404}}


def _is_russian(response) -> bool:
    return any("а" <= ch <= "я" for ch in str(response.json()).lower())


@pytest.mark.parametrize(("path", "names"), ENDPOINTS, ids=[path for path, _ in ENDPOINTS])
def test_no_query_value_breaks_a_list(admin_user, path, names):
    client = api(admin_user)
    broken = []
    for name in names:
        for value in HOSTILE_VALUES:
            response = client.get(path, {name: value})
            allowed = {200, 400} | (ALSO_ALLOWED.get(name, set()) if "stats" in path or name == "page" else set())
            if response.status_code not in allowed or (response.status_code >= 400 and not _is_russian(response)):
                broken.append((name, value, response.status_code))

    assert broken == []


def test_a_huge_application_number_on_reviews_is_refused_in_russian(admin_user):
    response = api(admin_user).get("/api/v1/reviews/", {"application": "19099968284996558389248"})

    assert response.status_code == 400
    assert response.json() == {"application": ["Такого номера нет: ожидается целое число от 1 до 9223372036854775807."]}


DETAILS = sorted({path.split("?")[0] for path, _ in ENDPOINTS if path.count("/") == 4 and "stats" not in path})


@pytest.mark.parametrize("path", DETAILS)
@pytest.mark.parametrize("pk", [str(2**70), "-1", "abc"])
def test_an_impossible_id_is_not_found(admin_user, path, pk):
    response = api(admin_user).get(f"{path}{pk}/")

    assert response.status_code == 404
