"""Reporting pages as people use them: the methodist runs a campaign and builds its form, the school's head fills
and submits, the curator returns or accepts; nobody sees another organization's report."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from innoinfra.core.typography import plain
from innoinfra.reports import services
from innoinfra.reports.enums import CampaignState, ReportState
from innoinfra.reports.models import Answer, Campaign, Report
from tests.factories import OrganizationFactory, make_site

from .factories import DEADLINE, PERIOD, template
from .test_services import submit_small

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def ids(report):
    return {i.title: i.pk for i in report.campaign.form.items.all()}


# ---------------------------------------------------------------- who sees what


@pytest.fixture
def neighbour_report(small_campaign, amursky):
    """The same campaign's report of another Amursky school, which Ирина does not head."""
    neighbour = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 7 п. Эльбан")
    return Report.objects.create(
        campaign=small_campaign, organization=neighbour, site=make_site(organization=neighbour), municipality=amursky
    )


def test_an_organization_sees_only_its_own_reports(client_for, orgadmin, report, neighbour_report):
    client = client_for(orgadmin)
    page = text(client.get("/reports/"))
    assert "Отчёты моей организации" in page and "МБОУ СОШ № 1 г. Амурска" in page
    assert "Эльбан" not in page and "Отчётные кампании" not in page
    assert "МБОУ СОШ № 1 г. Амурска" in text(client.get("/reports/mine/"))
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert client.get(f"/reports/{neighbour_report.pk}/").status_code == 404
    assert client.get(f"/reports/{neighbour_report.pk}/fill/").status_code == 404
    assert client.get(f"/reports/{neighbour_report.pk}/docx/").status_code == 404
    assert client.get(f"/reports/campaigns/{report.campaign_id}/").status_code == 403


@pytest.mark.parametrize("role", ["teacher", "expert", "other_methodist"])
def test_teachers_experts_and_other_districts_see_nothing(role, request, client_for, report):
    client = client_for(request.getfixturevalue(role))
    page = text(client.get("/reports/"))
    assert "МБОУ СОШ № 1 г. Амурска" not in page
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/campaigns/{report.campaign_id}/").status_code == 403


def test_the_anonymous_visitor_is_sent_to_log_in(client, report):
    assert client.get("/reports/").url.startswith("/accounts/login/")
    assert client.get(f"/reports/{report.pk}/").url.startswith("/accounts/login/")


# ---------------------------------------------------------------- the methodist


def test_the_methodist_creates_a_campaign_from_a_ready_form_and_starts_collecting(client_for, methodist, amursky, site):
    client = client_for(methodist)
    form_page = text(client.get("/reports/campaigns/new/"))
    assert "Ежегодный отчёт инновационной площадки (готовая форма)" in form_page
    assert "Мониторинг инновационной деятельности организации (готовая форма)" in form_page
    response = client.post(
        "/reports/campaigns/new/",
        {
            "title": "Отчёты площадок за 2024/2025 учебный год",
            "municipality": amursky.pk,
            "period_start": PERIOD[0],
            "period_end": PERIOD[1],
            "deadline": DEADLINE,
            "audience": "sites",
            "source": template().pk,
        },
    )
    campaign = Campaign.objects.get()
    assert response.url == f"/reports/campaigns/{campaign.pk}/form/"
    builder = text(client.get(response.url))
    assert "Диагностическая деятельность" in builder and "Трансляционная деятельность" in builder
    response = client.post(f"/reports/campaigns/{campaign.pk}/state/", {"state": "open"}, follow=True)
    assert "Сбор отчётов начат: создано отчётов — 1." in text(response)
    assert Report.objects.get().site == site


def test_a_campaign_without_dates_is_not_saved(client_for, methodist, amursky):
    response = client_for(methodist).post("/reports/campaigns/new/", {"title": "Без дат", "source": template().pk})
    assert response.status_code == 400 and not Campaign.objects.exists()
    assert "Обязательное поле." in text(response)


def test_the_form_builder_adds_moves_edits_and_deletes_items(client_for, methodist, amursky, site):
    from .factories import make_campaign, section

    campaign = make_campaign(amursky, by=methodist, items=[section("Первый раздел")])
    client = client_for(methodist)
    url = f"/reports/campaigns/{campaign.pk}/form/"
    response = client.post(
        url,
        {
            "kind": "indicator",
            "title": "Уровень участия",
            "value_type": "choice",
            "options_text": "Муниципальный\nРегиональный",
            "required": "on",
        },
    )
    assert response.status_code == 302
    refused = client.post(url, {"kind": "indicator", "title": "Выбор", "value_type": "choice", "options_text": "Один"})
    assert refused.status_code == 400 and "хотя бы два варианта" in text(refused)
    added = campaign.form.items.get(title="Уровень участия")
    assert added.options == ["Муниципальный", "Региональный"]
    client.post(f"/reports/items/{added.pk}/move/", {"direction": "up"})
    assert campaign.form.items.order_by("position").first().title == "Уровень участия"
    client.post(
        f"/reports/items/{added.pk}/edit/",
        {
            "kind": "indicator",
            "title": "Уровень участия в инновациях",
            "value_type": "choice",
            "options_text": "Муниципальный\nРегиональный\nФедеральный",
        },
    )
    added.refresh_from_db()
    assert added.title == "Уровень участия в инновациях" and len(added.options) == 3 and not added.required
    client.post(f"/reports/items/{added.pk}/delete/")
    assert list(campaign.form.items.values_list("title", flat=True)) == ["Первый раздел"]


def test_the_progress_table_filters_by_state_and_costs_the_same_for_any_number_of_reports(
    client_for, methodist, small_campaign, report, orgadmin, amursky, assert_constant_queries
):
    submit_small(report, orgadmin)

    def grow(n):
        for _ in range(n):
            organization = OrganizationFactory(municipality=amursky)
            Report.objects.create(
                campaign=small_campaign,
                organization=organization,
                site=make_site(organization=organization),
                municipality=amursky,
            )

    client = client_for(methodist)
    url = f"/reports/campaigns/{small_campaign.pk}/"
    assert_constant_queries(client, url, grow)
    assert_constant_queries(client, "/reports/", grow)
    page = text(client.get(url, {"state": "submitted"}))
    assert "МБОУ СОШ № 1 г. Амурска" in page and page.count('data-testid="report-state"') == 1
    page = text(client.get(url, {"state": "draft"}))
    assert "МБОУ СОШ № 1 г. Амурска" not in page and page.count('data-testid="report-state"') == 6  # grown twice: 3 + 3


def test_a_late_report_is_flagged_in_the_progress_table(client_for, methodist, small_campaign, report):
    Campaign.objects.filter(pk=small_campaign.pk).update(deadline=dt.date(2020, 1, 1))
    page = text(client_for(methodist).get(f"/reports/campaigns/{small_campaign.pk}/", {"late": "on"}))
    assert "С опозданием" in page and "МБОУ СОШ № 1 г. Амурска" in page


def version_of(report) -> dict:
    """The version the fill page carries in its hidden field (core.versioning)."""
    return {"version": Report.objects.get(pk=report.pk).version}


# ---------------------------------------------------------------- the school and the curator


def test_the_school_saves_a_draft_submits_is_returned_fixes_and_is_accepted(client_for, orgadmin, methodist, report):
    school, curator = client_for(orgadmin), client_for(methodist)
    item = ids(report)
    fill = f"/reports/{report.pk}/fill/"
    assert "Заполнить по данным системы" in text(school.get(fill))

    response = school.post(
        fill, {f"item_{item['Практическая деятельность']}": "Три семинара.", "action": "save", **version_of(report)}
    )
    assert response.status_code == 302
    assert Answer.objects.get(report=report, item_id=item["Практическая деятельность"]).text == "Три семинара."

    refused = school.post(
        fill,
        {
            f"item_{item['Практическая деятельность']}": "Изменённый текст",
            f"item_{item['Проведено мероприятий']}": "",
            "action": "submit",
            **version_of(report),
        },
    )
    assert refused.status_code == 400
    assert "Отчёт не представлен, ничего не сохранено" in text(refused)
    assert "«Проведено мероприятий»: укажите значение." in text(refused)
    assert Answer.objects.get(report=report, item_id=item["Практическая деятельность"]).text == "Три семинара."
    out_of_range = school.post(
        fill, {f"item_{item['Проведено мероприятий']}": "101", "action": "submit", **version_of(report)}
    )
    assert "значение не может быть больше 100 мероприятий." in text(out_of_range)

    response = school.post(
        fill, {f"item_{item['Проведено мероприятий']}": "4", "action": "submit", **version_of(report)}, follow=True
    )
    assert "Отчёт представлен куратору." in text(response)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert school.get(fill).status_code == 302  # nothing to fill until it comes back

    page = text(curator.get(f"/reports/{report.pk}/"))
    assert "Принять отчёт" in page and "Вернуть на доработку" in page
    refused = curator.post(f"/reports/{report.pk}/return/", {"remarks": ""}, follow=True)
    assert "Напишите замечания" in text(refused)
    curator.post(f"/reports/{report.pk}/return/", {"remarks": "Опишите результаты семинаров."})
    page = text(school.get(f"/reports/{report.pk}/"))
    assert "Опишите результаты семинаров." in page and "Исправить отчёт" in page

    school.post(
        fill,
        {
            f"item_{item['Практическая деятельность']}": "Три семинара, 60 участников.",
            "action": "submit",
            **version_of(report),
        },
    )
    curator.post(f"/reports/{report.pk}/accept/", {"remarks": ""})
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    history = text(curator.get(f"/reports/{report.pk}/"))
    assert "Представлен повторно" in history and "Принят" in history


def test_the_school_cannot_accept_its_own_report(client_for, orgadmin, report):
    submit_small(report, orgadmin)
    assert client_for(orgadmin).post(f"/reports/{report.pk}/accept/").status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_the_curator_puts_an_accepted_site_report_on_a_council_agenda(client_for, methodist, orgadmin, report, amursky):
    from django.utils import timezone

    from innoinfra.council import services as council_services
    from innoinfra.council.models import AgendaItem
    from tests.factories import BodyFactory

    meeting = council_services.create_meeting(
        body=BodyFactory(municipality=amursky), date=timezone.localdate() + dt.timedelta(days=7), place="РМЦ", by=None
    )
    submit_small(report, orgadmin)
    services.accept(report, by=methodist)
    client = client_for(methodist)
    assert "Включить в повестку заседания" in text(client.get(f"/reports/{report.pk}/"))
    response = client.post(f"/reports/{report.pk}/agenda/", {"meeting": meeting.pk}, follow=True)
    assert "Площадка включена в повестку заседания" in text(response)
    assert AgendaItem.objects.get(meeting=meeting).site_id == report.site_id


# ---------------------------------------------------------------- documents


def test_the_campaign_spreadsheet_has_a_row_per_report_and_a_column_per_indicator(
    client_for, methodist, orgadmin, report, small_campaign
):
    submit_small(report, orgadmin, events="7")
    response = client_for(methodist).get(f"/reports/campaigns/{small_campaign.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == (
        "Муниципалитет",
        "Организация",
        "Площадка",
        "Состояние",
        "Представлен",
        "С опозданием",
        "Проведено мероприятий",  # not «Проведено мероприятий, мероприятий»
    )
    assert rows[1][1] == "МБОУ СОШ № 1 г. Амурска" and rows[1][3] == "Представлен"
    assert rows[1][5] == "нет" and rows[1][6] == 7


def test_the_report_in_word_follows_the_house_layout(client_for, orgadmin, report):
    submit_small(report, orgadmin)
    response = client_for(orgadmin).get(f"/reports/{report.pk}/docx/")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert all(abs(got - want) < Mm(0.1) for got, want in zip(margins, (Mm(20), Mm(10), Mm(20), Mm(20)), strict=True))
    assert section.different_first_page_header_footer
    body = "\n".join(plain(p.text) for p in document.paragraphs)
    assert "ОТЧЁТ" in body and "Практическая деятельность" in body and "Семинары и вебинары." in body
    assert f"/reports/{report.pk}/" in body  # the QR's caption: the report's page
    assert document.tables[0].rows[1].cells[2].text == "5 мероприятий"


@pytest.mark.parametrize(("events", "shown"), [("1", "1 мероприятие"), ("2", "2 мероприятия"), ("11", "11 мероприятий")])
def test_the_value_and_its_unit_agree_on_the_page_and_in_word(client_for, orgadmin, report, events, shown):
    submit_small(report, orgadmin, events=events)
    client = client_for(orgadmin)
    page = text(client.get(f"/reports/{report.pk}/"))
    assert shown in page
    assert not re.search(r"(?<!\d)[12] мероприятий", page)
    document = Document(io.BytesIO(client.get(f"/reports/{report.pk}/docx/").content))
    assert document.tables[0].rows[1].cells[2].text == shown


def test_the_campaign_cannot_be_opened_by_a_school(client_for, orgadmin, amursky, methodist, site):
    from .factories import make_campaign

    campaign = make_campaign(amursky, by=methodist)
    assert client_for(orgadmin).post(f"/reports/campaigns/{campaign.pk}/state/", {"state": "open"}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT
