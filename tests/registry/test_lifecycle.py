"""Statuses live by their dates: one whose period is over reads «Завершена (срок истёк)» everywhere at once (and is
recorded so by the daily job), one whose order starts later reads «Вступает в силу …», and the registry page, its API,
the map, the home page and monitoring count the same statuses as «действующие»."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from innoinfra.core.models import Notification
from innoinfra.monitoring import stats
from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.lifecycle import expire_statuses, send_expiry_reminders
from innoinfra.registry.mapdata import map_sites
from innoinfra.registry.models import Site, SiteStateChange

from ..factories import OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db
# The day of the finding: December 2026.
TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def december():
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def world(december, school, amursky):
    def org(name):
        return OrganizationFactory(municipality=amursky, short_name=name)

    return {
        "kip": make_site(
            kind_abbr="КИП",
            organization=org("МБОУ СОШ № 2"),
            theme="Краевая площадка 2022–2024",
            start_date=dt.date(2022, 1, 1),
            end_date=dt.date(2024, 12, 31),
        ),
        "old": make_site(
            organization=org("МБОУ СОШ № 3"),
            theme="Муниципальная площадка 2023–2025",
            start_date=dt.date(2023, 1, 1),
            end_date=dt.date(2025, 12, 31),
        ),
        "future": make_site(
            organization=org("МБОУ СОШ № 4"),
            theme="Площадка с 1 января 2027 года",
            start_date=dt.date(2027, 1, 1),
            end_date=dt.date(2029, 12, 31),
        ),
        "now": make_site(
            organization=school,
            theme="Действующая площадка",
            start_date=dt.date(2025, 9, 1),
            end_date=dt.date(2027, 6, 30),
        ),
        "ending": make_site(
            organization=org("МБДОУ № 5"),
            theme="Площадка, срок которой истекает в этом году",
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2026, 12, 31),
        ),
    }


def listed(client, query=""):
    return sorted(site.theme for site in client.get(f"/registry/?{query}").context["page"].object_list)


def test_the_three_findings_read_right_even_before_the_job_runs(client, world):
    # What the database still says (nobody ran the job): every one of them «active».
    assert set(Site.objects.values_list("state", flat=True)) == {SiteState.ACTIVE}
    page = client.get("/registry/").content.decode()
    assert page.count('state-expired">Завершена (срок истёк)<') == 2
    assert 'state-upcoming">Вступает в силу 01.01.2027<' in page
    assert page.count('state-active">Действует<') == 2  # «now» and «ending»
    site_page = client.get(world["kip"].get_absolute_url()).content.decode()
    assert 'state-expired">Завершена (срок истёк)<' in site_page and "state-active" not in site_page
    future_page = client.get(world["future"].get_absolute_url()).content.decode()
    assert 'state-upcoming">Вступает в силу 01.01.2027<' in future_page
    api = client.get("/api/v1/sites/").json()["results"]
    by_theme = {row["theme"]: (row["state"], row["state_label"]) for row in api}
    assert by_theme["Краевая площадка 2022–2024"] == ("expired", "Завершена (срок истёк)")
    assert by_theme["Площадка с 1 января 2027 года"] == ("upcoming", "Вступает в силу 01.01.2027")


def test_the_registry_its_api_the_map_the_home_page_and_monitoring_count_the_same(client, world, amursky):
    stored_active = Site.objects.filter(state=SiteState.ACTIVE).count()
    in_force = ["Действующая площадка", "Площадка, срок которой истекает в этом году"]
    # The mismatch of the finding: the stored column says 5, monitoring's academic year 2026/2027 counts the 3 whose
    # period touches it; «действуют» today are 2 — and every place now says 2.
    assert stored_active == 5
    assert stats.site_totals([amursky.pk], 2026)["sites"] == 3  # now, ending, future; «old» ended before it
    assert listed(client, "state=active") == in_force
    assert client.get("/api/v1/sites/", {"state": "active"}).json()["count"] == len(in_force)
    assert map_sites({}).count() == len(in_force)
    assert client.get("/").context["site_count"] == len(in_force)
    overview = client.get("/api/v1/stats/overview/", {"municipality": amursky.pk}).json()
    assert overview["in_force_today"] == len(in_force)
    assert stats.site_totals([amursky.pk], 2026)["in_force_today"] == len(in_force)


def test_the_daily_job_records_the_expiry_once_with_history(client, world):
    before = listed(client, "state=expired")
    expired = expire_statuses(today=timezone.localdate())
    assert sorted(s.theme for s in expired) == ["Краевая площадка 2022–2024", "Муниципальная площадка 2023–2025"]
    kip = Site.objects.get(pk=world["kip"].pk)
    assert kip.state == SiteState.EXPIRED
    change = SiteStateChange.objects.get(site=kip, to_state=SiteState.EXPIRED)
    assert (change.from_state, change.date) == (SiteState.ACTIVE, dt.date(2024, 12, 31))
    record = kip.history.order_by("-history_id").first()
    assert record.state == SiteState.EXPIRED
    assert record.history_change_reason.startswith("Срок статуса истёк")
    # the year's abbreviation ends the sentence with one full stop, in the history and in the state change
    assert record.history_change_reason.endswith("закончился 31 декабря 2024 г.")
    assert change.comment.endswith("закончился 31 декабря 2024 г.")
    assert expire_statuses(today=timezone.localdate()) == []  # a second run finds nothing
    assert SiteStateChange.objects.filter(to_state=SiteState.EXPIRED).count() == 2
    # The pages said so before the job and say the same after it.
    assert listed(client, "state=expired") == before
    assert Site.objects.get(pk=world["now"].pk).state == SiteState.ACTIVE
    assert Site.objects.get(pk=world["future"].pk).state == SiteState.ACTIVE
    page = client.get(world["kip"].get_absolute_url()).content.decode()
    assert "Срок статуса истёк" in page  # the history entry on the site page


def test_the_command_expires_and_reports(world):
    call_command("expire_statuses", "--today", "2026-12-10")
    assert Site.objects.filter(state=SiteState.EXPIRED).count() == 2


def test_a_suspended_status_expires_too(december, school):
    site = make_site(organization=school, start_date=dt.date(2023, 1, 1), end_date=dt.date(2025, 6, 30))
    services.change_site_state(site, SiteState.SUSPENDED, order=OrderFactory(municipality=school.municipality))
    assert [s.pk for s in expire_statuses(today=TODAY)] == [site.pk]
    assert SiteStateChange.objects.get(site=site, to_state=SiteState.EXPIRED).from_state == SiteState.SUSPENDED


def test_the_filter_expiring_this_year(client, world):
    assert listed(client, "expiring=on") == ["Площадка, срок которой истекает в этом году"]


def test_an_expired_status_frees_the_organization_for_a_new_one(december, school, settings):
    from innoinfra.core.models import InstallationSettings

    InstallationSettings.objects.update_or_create(pk=1, defaults={"one_status_per_organization": True})
    make_site(organization=school, start_date=dt.date(2022, 1, 1), end_date=dt.date(2024, 12, 31))
    # The old status is over (not yet recorded by the job): a new one may be granted.
    make_site(organization=school, theme="Новая тема", start_date=dt.date(2026, 9, 1), end_date=dt.date(2029, 8, 31))


def test_reminders_90_and_30_days_before_the_end_reach_the_head_and_the_curator_once(
    december, school, orgadmin, methodist, django_capture_on_commit_callbacks
):
    site = make_site(
        organization=school, start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 3, 1), curator=methodist
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expiry_reminders(today=dt.date(2026, 11, 20))["reminders"] == 0  # 101 days: too early
        first = send_expiry_reminders(today=dt.date(2026, 12, 1))  # 90 days
        again = send_expiry_reminders(today=dt.date(2026, 12, 2))
    assert first["reminders"] == 2 and again["reminders"] == 0
    keys = {f"registry:site:{site.pk}:ends:2027-03-01:90"}
    for user in (orgadmin, methodist):
        assert set(Notification.objects.filter(user=user).values_list("key", flat=True)) == keys
    notice = Notification.objects.get(user=orgadmin)
    assert notice.title == "Срок статуса «МИП» истекает 1 марта 2027 г."
    assert "До окончания периода — 90 дней." in notice.text
    assert sorted(m.to[0] for m in mail.outbox) == sorted([orgadmin.email, methodist.email])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        thirty = send_expiry_reminders(today=dt.date(2027, 1, 30))  # 30 days
        send_expiry_reminders(today=dt.date(2027, 1, 31))
    assert thirty["reminders"] == 2 and len(mail.outbox) == 2
    assert "До окончания периода — 30 дней." in mail.outbox[0].body


def test_the_expiring_filter_and_the_badges_do_not_query_per_row(client, december, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            organization = OrganizationFactory(municipality=school.municipality)
            make_site(organization=organization, start_date=dt.date(2022, 1, 1), end_date=dt.date(2026, 12, 31 - i))
            make_site(organization=organization, start_date=dt.date(2027, 1, 1), end_date=dt.date(2028, 1, 1))

    assert_constant_queries(client, "/registry/?expiring=on", grow, maximum=12)


def test_the_demo_shows_an_expired_and_an_upcoming_status(december):
    from innoinfra.demo.data.registry import UPCOMING_THEME, load

    load()
    kip = Site.objects.get(theme__startswith="Совершенствование инновационной инфраструктуры")
    assert (kip.state, kip.state_label) == (SiteState.EXPIRED, "Завершена (срок истёк)")
    assert kip.state_changes.filter(to_state=SiteState.EXPIRED).exists()
    assert Site.objects.get(theme=UPCOMING_THEME).state_label == "Вступает в силу 01.01.2027"
    load()  # a second run adds nothing
    assert Site.objects.filter(theme=UPCOMING_THEME).count() == 1


# committed for real: the summary hears a change once its transaction commits
@pytest.mark.django_db(transaction=True)
def test_the_home_page_figures_follow_a_change_and_the_date(client, world, settings):
    """The home page's figures are a summary (computed once per change of the facts): a new status shows at once,
    and a status that ends with the date stops counting the next day with no write at all."""
    settings.MONITORING_SNAPSHOT_MAX_AGE = 900  # summary storage on, as in production
    assert client.get("/").context["site_count"] == 2
    make_site(organization=OrganizationFactory(short_name="Новая школа"), theme="Ещё одна действующая площадка")
    home = client.get("/").context
    assert home["site_count"] == 3 and home["organization_count"] == 3
    # on 1 January the one ending this year no longer counts and the one «с 1 января 2027 года» does
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        figures = client.get("/").context
    assert figures["site_count"] == 3
    assert [kind["name"] for kind in figures["by_kind"]] == ["Муниципальная инновационная площадка"]
