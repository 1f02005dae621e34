"""Monitoring panels from summary storage (monitoring.snapshots): the stored tables equal a direct aggregate, also
after a change through a service; a warm page reads them in a fixed number of queries; a rolled-back change, the
age limit and the refresh command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from innoinfra.monitoring import snapshots
from innoinfra.monitoring.filters import Filters
from innoinfra.monitoring.models import Snapshot
from innoinfra.monitoring.sections import SECTIONS
from innoinfra.monitoring.tables import build, served
from innoinfra.plans import services as plan_services
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.models import Occurrence

from .world import YEAR

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 20)
KEYS = [key for section in SECTIONS.values() for key in section.tables]


@pytest.fixture(autouse=True)
def stored(settings):
    settings.MONITORING_SNAPSHOT_MAX_AGE = 900


@pytest.fixture
def committed(world):
    """The district as if committed: the bump its building queued (the test's transaction never commits) is dropped,
    so the bumps the test captures are those of its own changes."""
    connection.run_on_commit.clear()
    return world


def _direct(filters):
    return [(t.key, t.headers, t.rows, t.total, t.chart) for t in (build(key, filters, TODAY) for key in KEYS)]


def _served(filters):
    return [(t.key, t.headers, t.rows, t.total, t.chart) for t in served(KEYS, filters, TODAY)]


def test_stored_tables_equal_the_direct_aggregates_and_follow_a_change_through_a_service(
    committed, amursky, django_capture_on_commit_callbacks
):
    world = committed
    district = Filters(YEAR, frozenset({amursky.pk}), amursky, amursky.name)
    assert _served(district) == _direct(district)  # computed and stored
    assert Snapshot.objects.count() == len(KEYS)
    assert _served(district) == _direct(district)  # read back from storage

    occurrence = Occurrence.objects.filter(plan__site=world["site"], status=OccurrenceStatus.PLANNED).first()
    before = _direct(district)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.record_execution(occurrence, status=OccurrenceStatus.DONE, completed_on=TODAY, today=TODAY)
    after = _direct(district)
    assert after != before  # the change shows in the figures …
    assert _served(district) == after  # … and in the stored ones


def test_the_whole_installation_is_stored_apart_from_one_district(world, amursky):
    everywhere = Filters(YEAR, None, None, "")
    district = Filters(YEAR, frozenset({amursky.pk}), amursky, amursky.name)
    assert _served(district) == _direct(district)
    assert _served(everywhere) == _direct(everywhere)
    assert _direct(everywhere) != _direct(district)  # Vyselki's site counts only in the former


def test_a_rolled_back_change_keeps_the_version_and_a_committed_one_moves_it(
    committed, school, django_capture_on_commit_callbacks
):
    version = snapshots.version()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        school.short_name = "Переименована и откатилась"
        school.save()
        raise RuntimeError
    assert snapshots.version() == version
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        school.save()
        school.save()  # one bump per transaction, however many rows it saved
    assert [callback for callback in callbacks if callback is snapshots.bump] == [snapshots.bump]
    assert snapshots.version() == version + 1


def test_an_old_snapshot_is_computed_anew(world, amursky, settings):
    district = Filters(YEAR, frozenset({amursky.pk}), amursky, amursky.name)
    served(["sites_by_kind"], district, TODAY)
    Snapshot.objects.update(built_at=timezone.now() - dt.timedelta(seconds=901))
    stale = Snapshot.objects.get()
    served(["sites_by_kind"], district, TODAY)
    assert Snapshot.objects.get().built_at > stale.built_at


@pytest.mark.parametrize("path", ["/monitoring/", "/monitoring/plans/", "/monitoring/events/"])
def test_a_warm_page_reads_its_tables_in_two_queries(world, path, client_for, methodist, django_assert_max_num_queries):
    client = client_for(methodist)
    cold = client.get(path, {"year": YEAR})
    assert cold.status_code == 200
    # the session, the user, the scope, the territory filter … as before, then the version and the stored tables
    with django_assert_max_num_queries(13 if path == "/monitoring/" else 11):
        warm = client.get(path, {"year": YEAR})
    # the same tables (the page itself differs by its per-request CSP nonce and CSRF token)
    assert [(t.key, t.rows, t.total) for t in warm.context["tables"]] == [
        (t.key, t.rows, t.total) for t in cold.context["tables"]
    ]


def test_the_refresh_command_stores_every_panel_for_each_territory(world, amursky, vyselki):
    out = StringIO()
    call_command("refresh_monitoring", "--year", str(YEAR), stdout=out)
    # the whole installation, the region(s) and each municipality, each territory once
    assert "Сводок мониторинга рассчитано" in out.getvalue()
    assert Snapshot.objects.count() == int(out.getvalue().split(":")[1].strip(" .\n"))
    assert Snapshot.objects.count() >= 3 * len(KEYS)
