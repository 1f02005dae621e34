"""Who may open monitoring: staff of the education authority and the methodological centre, each for the territory
they run. Лариса (Amursky) sees Amursky, Вера (Vyselki) sees Vyselki and is refused Amursky's figures; the head of
a school, a teacher, an expert and anonymous visitors are refused every page, download and staff API endpoint."""

from __future__ import annotations

import pytest

from innoinfra.monitoring.tables import BUILDERS
from tests.api.clients import api

from .helpers import as_dict, table_rows
from .world import YEAR

pytestmark = pytest.mark.django_db

PAGES = ["/monitoring/", "/monitoring/applications/", "/monitoring/plans/", "/monitoring/events/"]
PAGES += ["/monitoring/deficits/", "/monitoring/report.docx"]
PAGES += [f"/monitoring/tables/{key}.xlsx" for key in BUILDERS]
API_SECTIONS = ["sites", "applications", "plans", "events", "mentoring", "deficits", "trends"]
REFUSED = ["expert", "orgadmin", "teacher"]
ALLOWED = ["methodist", "authority", "other_methodist", "admin_user"]


@pytest.mark.parametrize("role", REFUSED)
def test_people_without_a_territory_are_refused_every_page(role, request, client_for, world):
    client = client_for(request.getfixturevalue(role))
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 403, url
    assert "Недостаточно прав для этого действия." in client.get(PAGES[0]).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client_for, world):
    for url in PAGES:
        response = client_for(None).get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next="), url


@pytest.mark.parametrize("role", ALLOWED)
def test_staff_open_every_page(role, request, client_for, world):
    client = client_for(request.getfixturevalue(role))
    for url in PAGES:
        # the report's old address sends staff to the button that builds it in the background
        expected = 302 if url.endswith("report.docx") else 200
        assert client.get(url, {"year": YEAR}).status_code == expected, url


def test_vera_sees_none_of_amursky_figures(client_for, other_methodist, world):
    client = client_for(other_methodist)
    response = client.get("/monitoring/", {"year": YEAR})
    # her own district: Vyselki's one МИП, nothing of Amursky's
    assert table_rows(response, "sites_by_municipality") == [["Выселковский район", "1", "1", "1", "100 %"]]
    assert as_dict(table_rows(response, "sites_by_kind"), 2) == {"МИП": "1"}
    assert "Амурский" not in response.content.decode()
    for url in ("/monitoring/applications/", "/monitoring/plans/", "/monitoring/events/"):
        assert "Амурск" not in client.get(url, {"year": YEAR}).content.decode(), url
    deficits = table_rows(client.get("/monitoring/deficits/", {"year": YEAR}), "deficits")
    assert deficits == []  # Vyselki's only school holds its МИП


def test_vera_may_not_ask_for_amursky_by_its_id(client_for, other_methodist, amursky, world):
    client = client_for(other_methodist)
    for url in ("/monitoring/", "/monitoring/tables/sites_by_kind.xlsx", "/monitoring/report.docx"):
        response = client.get(url, {"municipality": amursky.pk})
        assert response.status_code == 403, url
    assert (
        "Показатели этой территории вам недоступны."
        in client.get(PAGES[0], {"municipality": amursky.pk}).content.decode()
    )
    response = api(other_methodist).get("/api/v1/stats/sites/", {"municipality": amursky.pk})
    assert response.status_code == 403
    assert response.json() == {"detail": "Показатели этой территории вам недоступны."}


def test_the_installation_admin_chooses_any_territory(client_for, admin_user, amursky, vyselki, world):
    client = client_for(admin_user)
    both = table_rows(client.get("/monitoring/", {"year": YEAR}), "sites_by_municipality")
    assert {row[0] for row in both} == {"Амурский муниципальный район", "Выселковский район"}
    only = table_rows(client.get("/monitoring/", {"year": YEAR, "municipality": vyselki.pk}), "sites_by_municipality")
    assert [row[0] for row in only] == ["Выселковский район"]


def test_an_unknown_table_is_not_found(client_for, methodist):
    assert client_for(methodist).get("/monitoring/tables/nothing.xlsx").status_code == 404


# ---------------------------------------------------------------- API


@pytest.mark.parametrize("role", [None, *REFUSED])
def test_staff_endpoints_refuse_others(role, request, world):
    client = api(request.getfixturevalue(role) if role else None)
    for section in API_SECTIONS:
        response = client.get(f"/api/v1/stats/{section}/")
        assert response.status_code == 403, section
        assert "detail" in response.json()


@pytest.mark.parametrize("role", ALLOWED)
def test_staff_endpoints_answer_staff(role, request, world):
    client = api(request.getfixturevalue(role))
    for section in API_SECTIONS:
        response = client.get(f"/api/v1/stats/{section}/", {"year": YEAR})
        assert response.status_code == 200, section
        body = response.json()
        assert body["academic_year"] == YEAR and body["academic_year_label"] == "2025/2026 учебный год"
        assert section in body


@pytest.mark.parametrize("role", [None, *REFUSED, *ALLOWED])
def test_the_overview_is_public(role, request, world):
    response = api(request.getfixturevalue(role) if role else None).get("/api/v1/stats/overview/", {"year": YEAR})
    assert response.status_code == 200
    assert response.json()["active_sites"] == 3  # Amursky's two and Vyselki's one


def test_a_territory_list_longer_than_a_page_asks_the_registry_for_the_users_own(
    client_for, admin_user, methodist, amursky, vyselki, world
):
    """An administrator of a country: the territory select holds the chosen one alone, and its autocomplete is
    the registry's, limited to the territories the user manages (all, for the administrator)."""
    from innoinfra.core.options import INLINE_OPTIONS
    from innoinfra.reference.models import Municipality

    Municipality.objects.bulk_create(
        Municipality(region=amursky.region, name=f"Район № {n:03}") for n in range(INLINE_OPTIONS)
    )
    client = client_for(admin_user)
    page = client.get("/monitoring/", {"year": YEAR, "municipality": vyselki.pk}).content.decode()
    select = page[page.index('<select name="municipality"') :].split("</select>")[0]
    assert 'data-options-url="/registry/municipalities/options/?mine=1"' in select
    assert 'id="monitoring-municipality"' in select  # the label «Территория» names it
    assert select.count("<option") == 2 and f'<option value="{vyselki.pk}" selected>Выселковский район' in select
    whole = client.get("/monitoring/").content.decode()
    assert whole[whole.index('<select name="municipality"') :].split("</select>")[0].count("<option") == 1
    # a district's methodist keeps her short list written out
    own = client_for(methodist).get("/monitoring/").content.decode()
    own = own[own.index('<select name="municipality"') :].split("</select>")[0]
    assert "data-options-url" not in own and f'<option value="{amursky.pk}">' in own
