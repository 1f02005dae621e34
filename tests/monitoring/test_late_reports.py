"""Late reports on the dashboard: not submitted when the deadline has passed, or first submitted after it."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.core.dates import academic_year_of
from innoinfra.monitoring import stats
from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Report

from ..factories import OrganizationFactory, make_site
from ..reports.factories import make_campaign, section

pytestmark = pytest.mark.django_db


def test_late_reports_are_listed_and_reports_on_time_are_not(amursky, school, methodist, client_for):
    today = timezone.localdate()
    year = academic_year_of(today)
    deadline = max(today - dt.timedelta(days=3), dt.date(year, 9, 1))
    late_school = OrganizationFactory(municipality=amursky, short_name="Опоздавшая школа")
    on_time = OrganizationFactory(municipality=amursky, short_name="Школа вовремя")
    for organization in (school, late_school, on_time):
        make_site(organization=organization)
    make_campaign(
        amursky,
        by=methodist,
        period=(deadline - dt.timedelta(days=300), deadline - dt.timedelta(days=10)),
        deadline=deadline,
        items=[section("Практическая деятельность", required=False)],
        open_it=True,
    )
    Report.objects.filter(organization=late_school).update(
        state=ReportState.SUBMITTED, first_submitted_at=timezone.now(), submitted_late=True
    )
    Report.objects.filter(organization=on_time).update(
        state=ReportState.RETURNED, first_submitted_at=timezone.now() - dt.timedelta(days=5), submitted_late=False
    )
    found = stats.late_reports([amursky.pk], year, today + dt.timedelta(days=1))
    assert found["total"] == 2
    assert {(row["organization"], row["state"]) for row in found["rows"]} == {
        (school.short_name, "заполняется"),
        ("Опоздавшая школа", "представлен с опозданием"),
    }
    page = client_for(methodist).get(f"/monitoring/deficits/?year={year}").content.decode()
    assert "Отчёты с нарушением срока" in page and "Опоздавшая школа" in page and "Школа вовремя" not in page
