"""The dashboards show the district's figures as counted by hand (see world.py), for the year asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from innoinfra.monitoring import stats

from .helpers import as_dict, table_rows
from .world import YEAR

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def page(client_for, methodist):
    client = client_for(methodist)

    def get(path, year=YEAR, **params):
        return client.get(path, {"year": year, **params})

    return get


def test_sites_by_kind_level_direction_and_municipality(world, page, amursky):
    response = page("/monitoring/")
    assert as_dict(table_rows(response, "sites_by_kind"), 2) == {"МИП": "2"}
    assert as_dict(table_rows(response, "sites_by_level")) == {"Муниципальный": "2"}
    assert as_dict(table_rows(response, "sites_by_direction")) == {
        "Функциональная грамотность": "1",
        "Направление не указано": "1",
    }
    # 2 of the district's 5 educational organizations hold a status (the methodological centre is not one of them)
    assert table_rows(response, "sites_by_municipality") == [["Амурский муниципальный район", "2", "2", "5", "40 %"]]
    summary = response.content.decode()
    assert '2</div><div class="text-secondary">действующие площадки' in summary


def test_the_year_before_counts_the_sites_active_then(world, page):
    response = page("/monitoring/", year=YEAR - 1)
    # the МАП ended in June 2025 and the kindergarten's МИП was revoked in March 2025: both count in 2024/2025
    assert as_dict(table_rows(response, "sites_by_kind"), 2) == {"МИП": "2", "МАП": "1"}


def test_trends_cover_five_years(world, page):
    rows = table_rows(page("/monitoring/"), "trends")
    assert [row[0] for row in rows] == [f"{y}/{y + 1} учебный год" for y in range(YEAR - 4, YEAR + 1)]
    # active sites, held events, submitted applications: the МАП opens in 2022, the kindergarten's МИП in 2023
    assert [row[1:] for row in rows] == [
        ["0", "0", "0"],
        ["1", "0", "0"],
        ["2", "0", "0"],
        ["3", "1", "1"],
        ["2", "2", "2"],
    ]


def test_applications_and_success_rate_by_year(world, page):
    rows = table_rows(page("/monitoring/applications/"), "applications")
    by_year = {row[0]: row[1:] for row in rows}
    assert by_year["2025/2026 учебный год"] == ["2", "1", "1", "0", "0", "50 %"]
    assert by_year["2024/2025 учебный год"] == ["1", "1", "0", "0", "0", "100 %"]
    assert by_year["2023/2024 учебный год"] == ["0", "0", "0", "0", "0", "—"]


def test_plan_execution_counts_approved_plans_only(world, page):
    response = page("/monitoring/plans/")
    # the roadmap's seminar (done) and round table (overdue), the site plan's diagnostics (overdue); the draft is out
    assert as_dict(table_rows(response, "plan_execution")) == {
        "Пунктов со сроком в году": "3",
        "Выполнено": "1",
        "Не выполнено": "0",
        "Просрочено": "2",
        "Срок не наступил": "0",
        "Доля выполненных": "33 %",
    }
    assert table_rows(response, "plan_execution_by_municipality") == [
        ["Амурский муниципальный район", "3", "1", "0", "2", "0", "33 %"]
    ]
    overdue = table_rows(response, "overdue_sites")
    assert overdue == [["МБОУ СОШ № 1 г. Амурска", "МИП", "Амурский муниципальный район", "1", overdue[0][4]]]
    assert f'href="/registry/sites/{world["site"].pk}/"' in response.content.decode()


def test_events_by_format_and_month(world, page):
    response = page("/monitoring/events/")
    assert table_rows(response, "events_by_format") == [["Семинар", "1", "2"], ["Вебинар", "1", "1"]]
    months = {row[0]: row[1:] for row in table_rows(response, "events_by_month")}
    assert len(months) == 12 and next(iter(months)) == "сентябрь 2025"
    assert months["октябрь 2025"] == ["1", "2"] and months["февраль 2026"] == ["1", "1"]
    assert months["декабрь 2025"] == ["0", "0"]  # announced, never marked held
    assert as_dict(table_rows(response, "mentoring"))["Запросов ждут наставника"] == "1"


def test_deficits_list_organizations_without_activity(world, page):
    response = page("/monitoring/deficits/")
    rows = table_rows(response, "deficits")
    assert [row[0] for row in rows] == ["МБДОУ № 5", "МБОУ СОШ № 9 п. Эльбан"]
    assert f'href="/registry/organizations/{world["idle"].pk}/"' in response.content.decode()
    # a year earlier the kindergarten still held its МИП and school № 9 had no activity either
    earlier = [row[0] for row in table_rows(page("/monitoring/deficits/", year=YEAR - 1), "deficits")]
    assert earlier == ["МБОУ СОШ № 2 г. Амурска", "МБОУ СОШ № 9 п. Эльбан"]


def test_stats_functions_agree_with_independent_counts(world, amursky):
    from innoinfra.events.models import Registration
    from innoinfra.registry.models import Site

    ids = [amursky.pk]
    # independently: sites whose period touches the year, minus the one revoked before it began
    touching = Site.objects.filter(lead_organization__municipality=amursky, end_date__gte=dt.date(YEAR, 9, 1))
    assert stats.active_sites(ids, YEAR).count() == touching.exclude(state="revoked").count() == 2
    attended = Registration.objects.filter(event__municipality=amursky, state="attended", event__state="held")
    in_year = attended.filter(event__starts_at__date__gte=dt.date(YEAR, 9, 1)).count()
    assert stats.event_totals(ids, YEAR) == {"events": 2, "participants": in_year} == {"events": 2, "participants": 3}
    assert stats.plan_execution(ids, YEAR, TODAY)["overdue"] == 2
    assert stats.mentoring(ids)["requests_open"] == 1


def test_publications_by_level_count_the_territory_in_the_academic_year(world, page, school, vyselki, teacher):
    from innoinfra.publications.enums import PublicationLevel

    from ..factories import OrganizationFactory
    from ..publications.factories import make_publication

    first, last = dt.date(YEAR, 9, 1), dt.date(YEAR + 1, 8, 31)
    for level, date, organization in (
        (PublicationLevel.REGIONAL, first, school),
        (PublicationLevel.REGIONAL, last, school),
        (PublicationLevel.FEDERAL, dt.date(YEAR + 1, 1, 15), school),
        (PublicationLevel.FEDERAL, last + dt.timedelta(days=1), school),  # the next academic year
        (PublicationLevel.MUNICIPAL, first, OrganizationFactory(municipality=vyselki)),  # another territory
    ):
        make_publication(organization, level=level, published_on=date)
    counts = as_dict(table_rows(page("/monitoring/events/"), "publications_by_level"))
    assert counts == {
        "Уровень образовательной организации": "0",
        "Муниципальный": "0",
        "Региональный": "2",
        "Федеральный": "1",
        "Международный": "0",
    }


def test_consultations_count_the_territory_log_in_the_academic_year(world, page, school, vyselki):
    from innoinfra.consultations.services import record_consultation

    from ..factories import OrganizationFactory

    for held_on, form, organization, minutes in (
        (dt.date(YEAR, 9, 1), "online", school, 30),
        (dt.date(YEAR + 1, 3, 2), "group", school, 90),
        (dt.date(YEAR, 8, 31), "online", school, 30),  # the academic year before
        (dt.date(YEAR, 10, 1), "online", OrganizationFactory(municipality=vyselki), 30),  # another territory
    ):
        record_consultation(
            by=None, held_on=held_on, form=form, adviser_name="Кривошеева Л.", organization=organization,
            topic="Отчёт площадки", duration_minutes=minutes, participants=3 if form == "group" else 1,
        )  # fmt: skip
    counts = as_dict(table_rows(page("/monitoring/events/"), "consultations"))
    assert counts["Консультаций всего"] == "2"
    assert counts["— групповая"] == "1" and counts["— дистанционная (онлайн)"] == "1"
    assert counts["Участников"] == "4" and counts["Часов"] == "2,0"
