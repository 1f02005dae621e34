"""Monitoring panels from summary storage (monitoring.snapshots): the stored tables equal a direct aggregate, also
after a change through a service; a warm page reads them in a fixed number of queries; a rolled-back change, the
age limit and the refresh command."""

from __future__ import annotations

import datetime as dt
import pickle
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from innoinfra.monitoring import snapshots
from innoinfra.monitoring.filters import Filters
from innoinfra.monitoring.models import Snapshot
from innoinfra.monitoring.sections import SECTIONS
from innoinfra.monitoring.tables import Table, build, rows_html, served
from innoinfra.plans import services as plan_services
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.models import Occurrence

from .helpers import table_rows
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


# the tables the figures are counted from; a warm page reads none of them (the territory filter reads municipalities)
FACT_TABLES = (
    "registry_site",
    "registry_organization",
    "plans_",
    "events_",
    "review_",
    "reports_",
    "publications_",
    "consultations_",
    "mentoring_",
)


@pytest.mark.parametrize(
    "path",
    ["/monitoring/", "/monitoring/applications/", "/monitoring/plans/", "/monitoring/events/", "/monitoring/deficits/"],
)
def test_a_warm_page_reads_its_tables_in_two_queries(world, path, client_for, methodist, django_assert_max_num_queries):
    client = client_for(methodist)
    cold = client.get(path, {"year": YEAR})
    assert cold.status_code == 200
    # the session, the user, the scope, the territory filter … as before, then the version and the stored tables
    # (on the sites page its totals too, in the same read)
    with django_assert_max_num_queries(11) as captured:
        warm = client.get(path, {"year": YEAR})
    read = [query["sql"] for query in captured.captured_queries]
    assert sum("monitoring_snapshot" in sql for sql in read) == 1
    assert [sql for sql in read if any(f'"{table}' in sql for table in FACT_TABLES)] == []
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


def test_a_warm_page_shows_a_change_made_through_a_service(
    committed, client_for, methodist, django_capture_on_commit_callbacks
):
    """The page read from the summaries, then an item of the plan marked done: the next page counts it."""
    client = client_for(methodist)
    before = table_rows(client.get("/monitoring/plans/", {"year": YEAR}), "plan_execution")
    assert table_rows(client.get("/monitoring/plans/", {"year": YEAR}), "plan_execution") == before  # stored
    occurrence = Occurrence.objects.filter(plan__site=committed["site"], status=OccurrenceStatus.PLANNED).first()
    with django_capture_on_commit_callbacks(execute=True):  # the bump runs as on a real commit
        plan_services.record_execution(
            occurrence, status=OccurrenceStatus.DONE, completed_on=timezone.localdate(), today=timezone.localdate()
        )
    after = table_rows(client.get("/monitoring/plans/", {"year": YEAR}), "plan_execution")
    done = dict((row[0], row[1]) for row in before)["Выполнено"]
    assert dict((row[0], row[1]) for row in after)["Выполнено"] == str(int(done) + 1)


def test_the_sites_page_keeps_its_totals_with_its_tables(world, client_for, methodist):
    client = client_for(methodist)
    cold = client.get("/monitoring/", {"year": YEAR})
    warm = client.get("/monitoring/", {"year": YEAR})
    assert warm.context["summary"] == cold.context["summary"]
    assert warm.context["summary"]["sites"] == 2  # the world's two МИП of 2025/26
    assert Snapshot.objects.filter(key__startswith="summary:").count() == 1


def test_a_page_table_is_stored_with_its_rows_drawn_and_escaped(world, amursky, client_for, methodist):
    district = Filters(YEAR, frozenset({amursky.pk}), amursky, amursky.name)
    [table] = served(["sites_by_municipality"], district, TODAY)
    assert table.body == rows_html(table) and '<th scope="row"' in table.body
    [whole] = served(["deficits"], district, TODAY, whole=True)
    assert whole.body is None  # a download draws no HTML

    odd = Table("x", "X", ["Название", "Число"], [["<b>Школа & сад</b>", 12345]], links=['/o/?a=1&b="2"'])
    assert rows_html(odd) == (
        '<tr><th scope="row" class="fw-normal"><a href="/o/?a=1&amp;b=&quot;2&quot;">'
        "&lt;b&gt;Школа &amp; сад&lt;/b&gt;</a></th><td>12\u00a0345</td></tr>"
    )
    assert "Данных за этот год нет" in rows_html(Table("x", "X", ["a"], []))


def test_the_page_draws_the_stored_rows_without_drawing_them_again(world, client_for, methodist):
    client = client_for(methodist)
    client.get("/monitoring/applications/", {"year": YEAR})
    stored = Snapshot.objects.get(key__startswith="applications:")
    table = pickle.loads(bytes(stored.data))
    table.body = '<tr><th scope="row">из сводки</th></tr>'
    Snapshot.objects.filter(pk=stored.pk).update(data=pickle.dumps(table))
    assert table_rows(client.get("/monitoring/applications/", {"year": YEAR}), "applications") == [["из сводки"]]


def test_a_table_by_municipality_shows_the_largest_hundred_and_the_excel_all(monkeypatch, world):
    """A country's thousand municipalities: the page's table (and its chart) keeps the LIST_LIMIT with most sites,
    says so, and the download keeps every row."""
    import datetime as dt

    from innoinfra.monitoring import stats, tables
    from innoinfra.monitoring.filters import Filters

    def many(f, today):
        counts = [n % 7 for n in range(150)]
        return tables.Table(
            "sites_by_municipality",
            "Действующие площадки по муниципалитетам",
            ["Муниципалитет", "Площадок"],
            [[f"Район № {n:03}", c] for n, c in enumerate(counts)],
            tables._chart("bar", [f"Район № {n:03}" for n in range(150)], ("Площадок", counts)),
        )

    monkeypatch.setitem(tables.BUILDERS, "sites_by_municipality", many)
    f = Filters(2025, None, None, "все территории")
    page = tables.build("sites_by_municipality", f, dt.date(2025, 12, 1))
    assert len(page.rows) == stats.LIST_LIMIT == 100
    assert [row[1] for row in page.rows] == sorted((n % 7 for n in range(150)), reverse=True)[:100]
    assert page.rows[0] == ["Район № 006", 6]  # ties keep the builder's order
    assert page.chart["labels"] == [row[0] for row in page.rows]
    assert page.chart["datasets"][0]["data"] == [row[1] for row in page.rows]
    assert "Показаны 100 муниципалитетов из 150 — с наибольшим числом площадок; все — в Excel." in page.note
    assert page.body.count("<tr>") == 100
    whole = tables.build("sites_by_municipality", f, dt.date(2025, 12, 1), whole=True)
    assert len(whole.rows) == 150
