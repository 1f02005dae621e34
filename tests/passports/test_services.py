"""Keeping a site passport: the registry's data until someone writes it, a version per save, refusals that change
nothing, and the passport an application brings into the site created from it."""

import datetime as dt

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import VersionConflict
from innoinfra.passports import services
from innoinfra.passports.models import SitePassport
from innoinfra.review import services as review_services
from tests.factories import make_site
from tests.review.factories import PASSPORT

from .conftest import meeting  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(school):
    school.address = "г. Амурск, пр. Комсомольский, 3"
    school.phone = "8(42142)2-22-22"
    school.head_name = "Иванова Ирина Сергеевна"
    school.save()
    return make_site(organization=school, supervisor="Петрова А. А., к. п. н.")


def test_a_site_without_a_passport_reads_the_registry(site):
    passport = services.passport_of(site)
    assert not passport.is_saved and passport.version == 1
    assert passport.theme == site.theme
    assert passport.organization_name == site.lead_organization.full_name
    assert passport.head_name == "Иванова Ирина Сергеевна" and passport.supervisor == "Петрова А. А., к. п. н."
    assert passport.contacts == "Тел. 8(42142)2-22-22"


def test_the_first_save_keeps_the_registry_version_and_the_editor_s(site, orgadmin):
    passport = services.save_passport(
        site, by=orgadmin, version=1, goal="Создать модель", year_tasks=[{"year": 2024, "text": "Апробация"}]
    )
    assert passport.version == 2 and passport.goal == "Создать модель"
    assert passport.year_task_entries() == [("2024/2025 учебный год", "Апробация")]
    rows = list(passport.history.order_by("history_id"))
    assert [r.history_change_reason for r in rows] == ["Паспорт составлен по данным реестра", ""]
    assert [r.history_user for r in rows] == [orgadmin, orgadmin]
    assert rows[0].goal == "" and rows[1].goal == "Создать модель"


def test_a_stale_save_is_refused_and_changes_nothing(site, orgadmin, methodist):
    services.save_passport(site, by=orgadmin, version=1, goal="Первая цель")
    with pytest.raises(VersionConflict, match="Иванова"):
        services.save_passport(site, by=methodist, version=1, goal="Чужая цель")
    passport = SitePassport.objects.get(site=site)
    assert (passport.goal, passport.version, passport.history.count()) == ("Первая цель", 2, 2)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"theme": "  "}, "Тема"),
        ({"year_tasks": [{"year": "абв", "text": "x"}]}, "первым годом"),
        ({"year_tasks": [{"year": 1800, "text": "x"}]}, "вне допустимых"),
        ({"year_tasks": [{"year": 2024, "text": "a"}, {"year": 2024, "text": "b"}]}, "дважды"),
        ({"head_name": "И" * 300}, "длиннее 255"),
        ({"colour": "red"}, "нет разделов"),
    ],
)
def test_bad_input_is_refused_in_russian(site, orgadmin, fields, message):
    with pytest.raises(ServiceError, match=message):
        services.save_passport(site, by=orgadmin, version=1, **fields)
    assert not SitePassport.objects.exists()


def test_empty_years_are_dropped_and_years_sorted(site, orgadmin):
    passport = services.save_passport(
        site,
        by=orgadmin,
        year_tasks=[{"year": 2025, "text": "Б"}, {"year": 2024, "text": "А"}, {"year": 2026, "text": "  "}],
    )
    assert passport.year_tasks == [{"year": 2024, "text": "А"}, {"year": 2025, "text": "Б"}]


def test_an_approved_application_brings_its_passport(amursky, school, methodist):
    from tests.council.conftest import reviewed_application

    application = reviewed_application(amursky, school)
    application.supervisor = "Сидоров С. С., д. п. н."
    application.save(update_fields=["supervisor"])
    review_services.record_council_decision(application, recommended=True, by=methodist)
    site = make_site(organization=school, theme=application.theme, start_date=dt.date(2025, 9, 1))
    review_services.approve_by_order(application, order=site.order, site=site, by=methodist)
    passport = SitePassport.objects.get(site=site)
    for code in ("authors", "main_idea", "goal", "novelty", "expected_results", "resources", "partners"):
        assert getattr(passport, code) == PASSPORT[code]
    assert passport.supervisor == "Сидоров С. С., д. п. н." and passport.theme == application.theme
    assert passport.year_tasks == [{"year": 2025, "text": PASSPORT["year_tasks"]}]
    assert passport.history.get().history_change_reason == f"Паспорт перенесён из заявки {application.label}"


def test_the_council_order_creates_sites_with_their_application_passports(meeting, amursky, school, methodist):  # noqa: F811
    from innoinfra.council import orders
    from innoinfra.council import services as council_services
    from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
    from tests.council.conftest import add_item, decide, reviewed_application

    application = reviewed_application(amursky, school)
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND, by=methodist)
    council_services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    orders.issue_order(meeting, number="215-Д", date=dt.date.today() + dt.timedelta(days=1), by=methodist)
    application.refresh_from_db()
    assert application.site.passport.goal == PASSPORT["goal"]
