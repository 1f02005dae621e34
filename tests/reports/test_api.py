"""Reporting through the API: the pages' visibility, and submit / accept / return through the same services."""

from __future__ import annotations

import pytest

from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Report
from tests.api.clients import api, ids, persona
from tests.factories import OrganizationFactory, make_site

from .test_services import submit_small

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(small_campaign, amursky):
    organization = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 7 п. Эльбан")
    return Report.objects.create(
        campaign=small_campaign,
        organization=organization,
        site=make_site(organization=organization),
        municipality=amursky,
    )


@pytest.mark.parametrize(
    "role", ["methodist", "authority", "other_methodist", "expert", "orgadmin", "teacher", "admin_user", None]
)
def test_campaigns_and_reports_are_seen_by_the_territory_and_the_organization(role, request, report, neighbour):
    client = api(persona(request, role))
    campaigns = client.get("/api/v1/campaigns/").json()["results"]
    reports = client.get("/api/v1/reports/").json()["results"]
    seen = {row["id"] for row in reports}
    if role in ("methodist", "authority", "admin_user"):
        assert [c["id"] for c in campaigns] == [report.campaign_id] and seen == {report.pk, neighbour.pk}
        assert campaigns[0]["reports_total"] == 2
    elif role == "orgadmin":
        assert campaigns == [] and seen == {report.pk}
    else:
        assert campaigns == [] and seen == set()


def test_the_school_submits_the_curator_returns_and_accepts(client_for, report, orgadmin, methodist):
    items = {i.title: i.pk for i in report.campaign.form.items.all()}
    school, curator = api(orgadmin), api(methodist)
    refused = school.post(f"/api/v1/reports/{report.pk}/submit/", {"answers": {}}, format="json")
    assert refused.status_code == 400
    assert "«Практическая деятельность»: раздел не заполнен." in refused.json()["detail"]

    answers = {str(items["Практическая деятельность"]): "Семинары.", str(items["Проведено мероприятий"]): "4"}
    response = school.post(f"/api/v1/reports/{report.pk}/submit/", {"answers": answers}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "submitted"
    assert response.json()["answers"][str(items["Проведено мероприятий"])] == 4

    assert school.post(f"/api/v1/reports/{report.pk}/accept/").status_code == 403
    assert curator.post(f"/api/v1/reports/{report.pk}/return/", {"remarks": ""}).status_code == 400
    returned = curator.post(f"/api/v1/reports/{report.pk}/return/", {"remarks": "Добавьте цифры."})
    assert (
        returned.json()["state_label"] == "Возвращён на доработку" and returned.json()["remarks"] == "Добавьте цифры."
    )
    school.post(f"/api/v1/reports/{report.pk}/submit/", {}, format="json")
    assert curator.post(f"/api/v1/reports/{report.pk}/accept/").json()["state"] == "accepted"


def test_an_illegal_step_is_a_400_and_changes_nothing(report, methodist, orgadmin):
    response = api(methodist).post(f"/api/v1/reports/{report.pk}/accept/")
    assert response.status_code == 400 and response.json()["detail"] == "Принять можно только представленный отчёт."
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    submit_small(report, orgadmin)
    assert api(orgadmin).post(f"/api/v1/reports/{report.pk}/submit/", {}, format="json").status_code == 400


def test_another_district_cannot_touch_the_report(report, orgadmin, other_methodist):
    submit_small(report, orgadmin)
    assert api(other_methodist).post(f"/api/v1/reports/{report.pk}/accept/").status_code == 404


def test_indicators_are_the_items_of_visible_forms(report, methodist, teacher, orgadmin):
    form_id = report.campaign.form_id
    rows = api(methodist).get("/api/v1/indicators/", {"form": form_id}).json()["results"]
    assert [(r["title"], r["code"], r["max_value"]) for r in rows] == [
        ("Практическая деятельность", "", None),
        ("Проведено мероприятий", "events_held", "100.0000"),
    ]
    assert ids(api(orgadmin).get("/api/v1/indicators/", {"form": form_id})) == {r["id"] for r in rows}
    assert ids(api(teacher).get("/api/v1/indicators/", {"form": form_id})) == set()
    ready = api(teacher).get("/api/v1/indicators/").json()["count"]
    assert ready > 20  # the two ready forms are public knowledge for anyone logged in
