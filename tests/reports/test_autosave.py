"""The report page saves its draft by itself: a request marked X-Autosave gets a JSON answer; a wrong value saves
nothing and says so."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Answer, Report

from ..factories import MembershipFactory, UserFactory, make_site
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
        f"/reports/{report.pk}/fill/",
        {text: "Три семинара", number: "3", "action": "save", "version": report.version},
        HTTP_X_AUTOSAVE="1",
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert "сохранён автоматически" in response.json()["message"]
    assert Answer.objects.get(report=report, item__title="Практическая деятельность").text == "Три семинара"
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_wrong_value_is_not_autosaved(report, orgadmin, client_for):
    text, number = fields(report)
    response = client_for(orgadmin).post(
        f"/reports/{report.pk}/fill/",
        {text: "Три семинара", number: "-5", "action": "save", "version": report.version},
        HTTP_X_AUTOSAVE="1",
    )
    assert response.status_code == 400 and response.json()["saved"] is False
    assert not Answer.objects.filter(report=report, text="Три семинара").exists()


def test_a_stranger_cannot_autosave(report, other_methodist, teacher, client_for):
    text, _number = fields(report)
    for user in (other_methodist, teacher):
        response = client_for(user).post(f"/reports/{report.pk}/fill/", {text: "Чужое"}, HTTP_X_AUTOSAVE="1")
        assert response.status_code in (403, 404)
    assert not Answer.objects.filter(text="Чужое").exists()


@pytest.fixture
def deputy(school):
    """Лариса Андреевна, the school's deputy head: she fills the report too."""
    user = UserFactory(username="deputy", first_name="Лариса", last_name="Андреева", organization=school)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=school)
    return user


def test_a_stale_autosave_is_refused_with_409_naming_who_saved(report, orgadmin, deputy, client_for):
    """Ирина and Лариса fill the same report; Ирина's page saved first, Лариса's page still carries version 1."""
    text, _number = fields(report)
    url = f"/reports/{report.pk}/fill/"
    irina = client_for(orgadmin).post(url, {text: "Текст Ирины", "version": 1}, HTTP_X_AUTOSAVE="1")
    assert irina.status_code == 200 and irina.json()["version"] == 2  # the page takes the new version

    larisa = client_for(deputy).post(url, {text: "Текст Ларисы", "version": 1}, HTTP_X_AUTOSAVE="1")

    assert larisa.status_code == 409 and larisa.json()["saved"] is False
    assert larisa.json()["message"].startswith("Запись изменил(а) Иванова Ирина")
    assert Answer.objects.get(report=report, item__title="Практическая деятельность").text == "Текст Ирины"
    again = client_for(orgadmin).post(url, {text: "Текст Ирины 2", "version": 2}, HTTP_X_AUTOSAVE="1")
    assert again.status_code == 200 and again.json()["version"] == 3


def test_a_stale_save_by_the_button_keeps_the_input_and_saves_nothing(report, orgadmin, deputy, client_for):
    text, _number = fields(report)
    url = f"/reports/{report.pk}/fill/"
    assert client_for(orgadmin).post(url, {text: "Текст Ирины", "action": "save", "version": 1}).status_code == 302

    page = client_for(deputy).post(url, {text: "Текст Ларисы", "action": "save", "version": 1})

    assert page.status_code == 409
    assert "Запись изменил(а) Иванова Ирина" in page.content.decode() and "Текст Ларисы" in page.content.decode()
    assert Answer.objects.get(report=report, item__title="Практическая деятельность").text == "Текст Ирины"
