"""Criteria of effectiveness in a real browser: the methodist creates her district's criteria, adds one with a
formula (a wrong formula is explained), and reads the scores of the year with a school's accepted report."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.effectiveness import services
from innoinfra.reports.enums import ItemKind, ReportState, ValueType
from innoinfra.reports.models import Answer, Campaign, FormItem, Report, ReportForm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accepted_report(school, year, publications):
    form = ReportForm.objects.create(title="Отчёт площадки")
    item = FormItem.objects.create(
        form=form, kind=ItemKind.INDICATOR, title="Публикаций", code="publications", value_type=ValueType.INTEGER
    )
    campaign = Campaign.objects.create(
        title="Отчёты площадок",
        region=school.municipality.region,
        municipality=school.municipality,
        period_start=dt.date(year, 6, 1),
        period_end=dt.date(year + 1, 5, 31),
        deadline=dt.date(year + 1, 6, 10),
        form=form,
    )
    report = Report.objects.create(
        campaign=campaign,
        organization=school,
        municipality=school.municipality,
        state=ReportState.ACCEPTED,
        accepted_at=timezone.now(),
    )
    Answer.objects.create(report=report, item=item, number=Decimal(publications))


def test_the_methodist_sets_criteria_and_reads_the_scores(page, login, methodist, school, screenshot):
    year = services.current_year()
    accepted_report(school, year, publications=2)
    login("larisa")
    page.goto("/effectiveness/criteria/")
    page.get_by_role("link", name="Новый набор критериев").click()
    page.get_by_label("Территория").select_option(value=str(school.municipality_id))
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Набор критериев создан")).to_be_visible()

    form = page.get_by_test_id("criterion-form")
    form.get_by_label("Критерий").fill("Публикации по теме проекта")
    form.get_by_label("Формула").fill("publications.__class__")
    form.get_by_label("Целевое значение").fill("4")
    form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_text("допустимы только числа, коды показателей")).to_be_visible()
    form = page.get_by_test_id("criterion-form")
    form.get_by_label("Формула").fill("publications")
    form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_test_id("criteria")).to_contain_text("Публикации по теме проекта")
    screenshot("effectiveness-criteria")

    page.goto("/effectiveness/")
    page.get_by_label("Учебный год").select_option(value=str(year))
    page.get_by_role("button", name="Показать").click()
    scores = page.get_by_test_id("scores")
    expect(scores).to_contain_text(school.short_name)
    expect(scores.get_by_test_id("total")).to_have_text("50,0")
    screenshot("effectiveness-scores")
