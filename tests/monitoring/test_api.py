"""The stats API answers the same figures as the dashboards: the public overview of a territory, and for staff
each dashboard's numbers."""

from __future__ import annotations

import pytest

from tests.api.clients import api

from .world import YEAR

pytestmark = pytest.mark.django_db


def test_the_overview_of_a_municipality(world, amursky):
    response = api().get("/api/v1/stats/overview/", {"municipality": amursky.pk, "year": YEAR})
    assert response.status_code == 200
    body = response.json()
    assert body["active_sites"] == 2
    assert body["sites_by_kind"] == [{"kind": "МИП", "name": "Муниципальная инновационная площадка", "count": 2}]
    assert body["sites_by_level"] == [{"level": "municipal", "label": "Муниципальный", "count": 2}]
    assert body["organizations"] == 5 and body["events_held"] == 2
    assert body["municipality"] == amursky.pk and body["territory"] == "Амурский муниципальный район"
    assert body["academic_year_label"] == "2025/2026 учебный год"


def test_the_overview_of_the_whole_installation(world):
    body = api().get("/api/v1/stats/overview/", {"year": YEAR}).json()
    assert body["active_sites"] == 3 and body["municipality"] is None and body["organizations"] == 6


def test_the_overview_explains_a_wrong_municipality(world):
    response = api().get("/api/v1/stats/overview/", {"municipality": "Амурский"})
    assert response.status_code == 400
    assert response.json() == {"municipality": "Укажите id муниципалитета числом."}
    unknown = api().get("/api/v1/stats/overview/", {"municipality": 987654})
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Муниципалитета с таким id нет."}


def test_staff_sections_hold_the_dashboard_figures(methodist, world):
    client = api(methodist)
    sites = client.get("/api/v1/stats/sites/", {"year": YEAR}).json()["sites"]
    # in force today (by the registry's definition): depends on the day the test runs, checked in registry tests
    assert isinstance(sites["totals"].pop("in_force_today"), int)
    assert sites["totals"] == {"sites": 2, "organizations": 2, "all_organizations": 5, "coverage": 40}
    applications = client.get("/api/v1/stats/applications/", {"year": YEAR}).json()["applications"]["by_year"]
    assert applications[-1] == {
        "year": YEAR,
        "label": "2025/2026 учебный год",
        "submitted": 2,
        "success": 1,
        "refused": 1,
        "withdrawn": 0,
        "in_progress": 0,
        "success_rate": 50,
    }
    plans = client.get("/api/v1/stats/plans/", {"year": YEAR}).json()["plans"]
    assert plans["execution"]["overdue"] == 2 and plans["sites_with_overdue_items"]["total"] == 1
    events = client.get("/api/v1/stats/events/", {"year": YEAR}).json()["events"]
    assert events["totals"] == {"events": 2, "participants": 3}
    deficits = client.get("/api/v1/stats/deficits/", {"year": YEAR}).json()["deficits"]
    assert deficits["total"] == 2
    assert client.get("/api/v1/stats/mentoring/").json()["mentoring"]["requests_open"] == 1
    trends = client.get("/api/v1/stats/trends/", {"year": YEAR}).json()["trends"]["by_year"]
    assert [row["active_sites"] for row in trends] == [0, 1, 2, 3, 2]


def test_an_unknown_section_is_not_found(methodist):
    response = api(methodist).get("/api/v1/stats/nothing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Такого раздела мониторинга нет."}
