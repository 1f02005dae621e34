"""The report page saves its draft by itself: a request marked X-Autosave gets a JSON answer; a wrong value saves
nothing and says so."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Answer, Report

from ..factories import make_site
from .factories import indicator, make_campaign, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(amursky, school, methodist):
    make_site(organization=school)
    today = timezone.localdate()
    make_campaign(
        amursky,
        by=methodist,
        period=(today - dt.timedelta(days=200), today - dt.timedelta(days=1)),
        deadline=today + dt.timedelta(days=10),
        items=[section("Практическая деятельность"), indicator("Проведено мероприятий", min_value=0)],
        open_it=True,
    )
    return Report.objects.get()


def fields(report):
    section_item, number_item = report.campaign.form.items.order_by("position")
    return f"item_{section_item.pk}", f"item_{number_item.pk}"


def test_an_autosave_keeps_the_draft_and_answers_in_json(report, orgadmin, client_for):
    text, number = fields(report)
    response = client_for(orgadmin).post(
        f"/reports/{report.pk}/fill/", {text: "Три семинара", number: "3", "action": "save"}, HTTP_X_AUTOSAVE="1"
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert "сохранён автоматически" in response.json()["message"]
    assert Answer.objects.get(report=report, item__title="Практическая деятельность").text == "Три семинара"
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_wrong_value_is_not_autosaved(report, orgadmin, client_for):
    text, number = fields(report)
    response = client_for(orgadmin).post(
        f"/reports/{report.pk}/fill/", {text: "Три семинара", number: "-5", "action": "save"}, HTTP_X_AUTOSAVE="1"
    )
    assert response.status_code == 400 and response.json()["saved"] is False
    assert not Answer.objects.filter(report=report, text="Три семинара").exists()


def test_a_stranger_cannot_autosave(report, other_methodist, teacher, client_for):
    text, _number = fields(report)
    for user in (other_methodist, teacher):
        response = client_for(user).post(f"/reports/{report.pk}/fill/", {text: "Чужое"}, HTTP_X_AUTOSAVE="1")
        assert response.status_code in (403, 404)
    assert not Answer.objects.filter(text="Чужое").exists()
