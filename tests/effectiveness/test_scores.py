"""Scores of a year from accepted reports and system facts, computed by hand in the test."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from innoinfra.effectiveness import scoring
from innoinfra.effectiveness.models import CriteriaSet, Criterion
from innoinfra.events import services as event_services
from innoinfra.reports.enums import ItemKind, ReportState, ValueType
from innoinfra.reports.models import Answer, Campaign, FormItem, Report, ReportForm

from ..events.factories import make_event, sign_up
from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def campaign_with(amursky, *, year, answers_by_org, state=ReportState.ACCEPTED):
    form = ReportForm.objects.create(title="Отчёт площадки")
    items = {
        code: FormItem.objects.create(
            form=form, position=n, kind=ItemKind.INDICATOR, title=code, code=code, value_type=ValueType.INTEGER
        )
        for n, code in enumerate(["publications", "partners"], start=1)
    }
    campaign = Campaign.objects.create(
        title=f"Отчёты {year}/{year + 1}",
        region=amursky.region,
        municipality=amursky,
        period_start=dt.date(year, 6, 1),
        period_end=dt.date(year + 1, 5, 31),
        deadline=dt.date(year + 1, 6, 10),
        form=form,
    )
    for organization, answers in answers_by_org.items():
        report = Report.objects.create(
            campaign=campaign,
            organization=organization,
            municipality=organization.municipality,
            state=state,
            accepted_at=timezone.now() if state == ReportState.ACCEPTED else None,
        )
        for code, number in answers.items():
            Answer.objects.create(report=report, item=items[code], number=Decimal(number))
    return campaign


def test_scores_combine_report_values_and_system_facts(amursky, school):
    year = 2024
    lyceum = OrganizationFactory(municipality=amursky, short_name="Лицей")
    late = OrganizationFactory(municipality=amursky, short_name="Не сдавшая")
    campaign_with(amursky, year=year, answers_by_org={school: {"publications": 6, "partners": 1}, lyceum: {}})
    campaign_with(amursky, year=year, answers_by_org={late: {"publications": 9}}, state=ReportState.SUBMITTED)
    # the school held one event in the year with two participants present
    event = make_event(school, starts_in=dt.timedelta(days=1))
    people = sign_up(event, 3)
    starts = timezone.make_aware(dt.datetime(2025, 3, 12, 10, 0))
    event.__class__.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    event.refresh_from_db()
    event_services.mark_attendance(event, attended=[p.pk for p in people[:2]], now=starts + dt.timedelta(hours=1))
    event_services.mark_held(event, now=starts + dt.timedelta(hours=3))

    criteria_set = CriteriaSet.objects.create(title="Критерии", first_year=2023)
    for n, (title, formula, target, weight) in enumerate(
        [
            ("Публикации", "publications", "3", "1"),  # school 6/3 → 100 %; lyceum: no data
            ("Охват", "event_participants", "4", "2"),  # school 2/4 → 50 %; lyceum 0 → 0 %
            ("Партнёры", "partners * 2", "4", "1"),  # school 2/4 → 50 %
        ],
        start=1,
    ):
        Criterion.objects.create(
            criteria_set=criteria_set, position=n, title=title, formula=formula, target=Decimal(target),
            weight=Decimal(weight),
        )

    rows = scoring.scores([amursky.pk], year)
    by_name = {row.organization: row for row in rows}
    assert set(by_name) == {school.short_name, "Лицей"}  # a report not yet accepted is not scored
    school_row = by_name[school.short_name]
    assert [r.value for r in school_row.results] == [6.0, 2.0, 2.0]
    # (1 × 1 + 0.5 × 2 + 0.5 × 1) ÷ 4 = 62.5 %
    assert school_row.total == 62.5 and school_row.complete
    lyceum_row = by_name["Лицей"]
    assert [r.value for r in lyceum_row.results] == [None, 0.0, None]
    assert lyceum_row.total == 0.0 and not lyceum_row.complete
    assert [row.organization for row in rows] == [school.short_name, "Лицей"]
    # another year: nothing accepted
    assert scoring.scores([amursky.pk], 2023) == []


def test_the_scores_page_shows_the_table(amursky, school, methodist, client_for):
    campaign_with(amursky, year=2024, answers_by_org={school: {"publications": 3}})
    criteria_set = CriteriaSet.objects.create(title="Критерии района", municipality=amursky, first_year=2024)
    Criterion.objects.create(criteria_set=criteria_set, title="Публикации", formula="publications", target=3)
    page = client_for(methodist).get("/effectiveness/?year=2024").content.decode()
    assert "Критерии района" in page and school.short_name in page and "100.0" in page.replace(",", ".")
    response = client_for(methodist).get("/effectiveness/scores.xlsx?year=2024")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("№", "Организация", "Публикации")
    assert rows[1][1] == school.short_name and rows[1][-1] == 100.0


def test_the_scores_page_runs_no_query_per_organization(amursky, methodist, client_for, assert_constant_queries):
    criteria_set = CriteriaSet.objects.create(title="Критерии", municipality=amursky, first_year=2024)
    Criterion.objects.create(criteria_set=criteria_set, title="Публикации", formula="publications", target=3)
    Criterion.objects.create(criteria_set=criteria_set, title="Охват", formula="event_participants", target=3)

    def grow(n):
        schools = {OrganizationFactory(municipality=amursky): {"publications": 2} for _ in range(n)}
        campaign_with(amursky, year=2024, answers_by_org=schools)

    client = client_for(methodist)
    client.get("/effectiveness/?year=2024")
    assert_constant_queries(client, "/effectiveness/?year=2024", grow)
