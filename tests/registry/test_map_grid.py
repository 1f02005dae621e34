"""The map's kept summary (registry.mapgrid): a whole-region map reads at most 33 × 33 counted cells instead of
grouping every organization, and answers exactly what live grouping would, or is not used."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from innoinfra.registry import mapdata, mapgrid
from innoinfra.registry.mapdata import Viewport, grid_steps, grid_zoom, map_answer
from innoinfra.registry.models import MapGrid

from ..factories import OrganizationFactory, make_site
from ..task_worker import WORKER, run_worker

pytestmark = pytest.mark.django_db

URL = "/registry/map/data.json"


def org_at(municipality, name, lat, lon, **site):
    org = OrganizationFactory(municipality=municipality, short_name=name, latitude=lat, longitude=lon)
    make_site(organization=org, **site)
    return org


@pytest.fixture
def towns(school, monkeypatch):
    """Six schools round Amursk and three round Vyselki; clusters from four organizations on."""
    monkeypatch.setattr(mapdata, "POINT_LIMIT", 3)
    amursk = [org_at(school.municipality, f"Амурск {i}", 50.2 + i / 50, 136.9 + i / 50) for i in range(6)]
    vyselki = [org_at(school.municipality, f"Выселки {i}", 45.6 + i / 50, 39.0 + i / 50) for i in range(3)]
    return amursk, vyselki


def live(params, view):
    """The answer grouped live, as before the summary existed."""
    clusters = mapdata._clusters(mapdata.shown_organizations(params, view), grid_steps(view or mapdata.WORLD))
    return sorted((c["count"], c["lat"], c["lon"], str(c["bounds"])) for c in clusters)


def summarised(answer):
    return sorted((c["count"], c["lat"], c["lon"], str(c["bounds"])) for c in answer["clusters"])


WHOLE = "?bbox=45.6,39.0,50.3,137.0&zoom=3"


def test_the_first_request_builds_the_summary_and_the_whole_region_reads_it(client, towns, django_assert_num_queries):
    data = client.get(URL).json()  # the map page's first request: no area; the summary is stale, so built here
    assert data["total"] == 9 and data["points"] == []
    assert summarised(data) == live({}, None)
    grid = MapGrid.objects.get()
    assert (grid.total, grid.stale, grid.built_on) == (9, False, timezone.localdate())
    assert (float(grid.south), float(grid.west), float(grid.north), float(grid.east)) == (45.6, 39.0, 50.3, 137.0)
    # the whole region in view: the form's academic years, the summary's state, its cells; nothing grows with it
    with django_assert_num_queries(3):
        data = client.get(URL + WHOLE).json()
    view = Viewport(45.6, 39.0, 50.3, 137.0, zoom=3)
    assert summarised(data) == live({}, view)
    assert data["bounds"] == [[45.6, 39.0], [50.3, 137.0]]
    assert len(data["clusters"]) == 2


def test_the_summary_keeps_cells_of_every_band_the_map_may_ask():
    for zoom in range(mapgrid.SUMMARY_MAX_ZOOM + 1):
        assert grid_zoom(Viewport(45, 39, 51, 138, zoom=zoom)) <= zoom
    # the world without a zoom (the area-less request) is cut at a band the summary keeps
    assert grid_zoom(mapdata.WORLD) <= mapgrid.SUMMARY_MAX_ZOOM


def test_a_change_makes_the_summary_stale_at_once_and_the_map_counts_live(client, towns, school):
    client.get(URL)
    org_at(school.municipality, "Новая", 48.0, 100.0)  # inside the whole region's area
    data = client.get(URL + WHOLE).json()
    assert data["total"] == 10
    assert summarised(data) == live({}, Viewport(45.6, 39.0, 50.3, 137.0, zoom=3))
    assert client.get(URL).json()["total"] == 10  # and the next area-less request rebuilds it
    assert MapGrid.objects.get().total == 10


def test_a_summary_of_another_day_is_not_trusted(client, towns, school):
    mapgrid.refresh()
    MapGrid.objects.update(built_on=timezone.localdate() - dt.timedelta(days=1))
    assert mapgrid.current_grid(renew=False) is None
    assert client.get(URL + WHOLE).json()["total"] == 9  # counted live


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_a_burst_of_changes_queues_one_rebuild_and_no_visitor_waits_for_it(
    client, towns, school, settings, monkeypatch
):
    """Committed for real: each save of the burst (an organization, its site, its participant) commits apart."""
    mapgrid.refresh()
    settings.TASKS = WORKER
    org_at(school.municipality, "Новая", 48.0, 100.0)
    org_at(school.municipality, "Ещё одна", 48.5, 100.0)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "innoinfra.registry.mapgrid.rebuild_task"
    assert queued.run_after > timezone.now()  # it waits for the rest of the burst
    assert MapGrid.objects.get().stale is True
    # the map page's first request counts live: it neither rebuilds the summary nor queues another rebuild
    data = client.get(URL).json()
    assert data["total"] == 11 and summarised(data) == live({}, None)
    assert MapGrid.objects.get().total == 9 and DBTaskResult.objects.count() == 1  # the summary as it was

    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker(monkeypatch)
    grid = MapGrid.objects.get()
    assert (grid.total, grid.stale, grid.built_on) == (11, False, timezone.localdate())
    assert client.get(URL + WHOLE).json()["total"] == 11
    # a change after the rebuild queues the next one
    org_at(school.municipality, "Третья", 49.0, 100.0)
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_with_a_worker_a_new_day_queues_the_rebuild_from_the_map_page(client, towns, settings, monkeypatch):
    mapgrid.refresh()
    MapGrid.objects.update(built_on=timezone.localdate() - dt.timedelta(days=1))
    settings.TASKS = WORKER
    assert client.get(URL).json()["total"] == 9  # counted live
    assert client.get(URL).json()["total"] == 9
    assert DBTaskResult.objects.count() == 1  # queued once
    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker(monkeypatch)
    assert MapGrid.objects.get().built_on == timezone.localdate()


def test_filters_and_parts_of_the_region_are_counted_live(client, towns, school):
    mapgrid.refresh()
    lyceum = OrganizationFactory(municipality=school.municipality, latitude=50.25, longitude=136.95)
    kip = make_site(kind_abbr="КИП", organization=lyceum)
    mapgrid.refresh()
    filtered = client.get(f"{URL}{WHOLE}&kind={kip.kind_id}").json()
    assert [p["name"] for p in filtered["points"]] == [lyceum.short_name]
    # Amursk alone: the summary's cells would count Vyselki too
    amursk = client.get(f"{URL}?bbox=50,136,51,138&zoom=3").json()
    assert amursk["total"] == 7
    assert summarised(amursk) == live({}, Viewport(50, 136, 51, 138, zoom=3))


def test_the_summary_answers_as_live_grouping_at_every_band(towns):
    mapgrid.refresh()
    for zoom in range(mapgrid.SUMMARY_MAX_ZOOM + 1):
        view = Viewport(45.6, 39.0, 50.3, 137.0, zoom=zoom)
        assert summarised(map_answer({}, view)) == live({}, view), zoom


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_marks_the_summary_stale_for_every_process_once(school, django_assert_num_queries):
    """Another app server sees no cache mark of this one's (a local-memory cache): the flag in the database tells it,
    set when the change commits — once for a transaction of many rows, never for one rolled back."""
    from django.core.cache import cache
    from django.db import transaction

    org_at(school.municipality, "Амурск", 50.2, 136.9)
    mapgrid.refresh()
    assert MapGrid.objects.get().stale is False

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        OrganizationFactory(municipality=school.municipality, latitude=50.3, longitude=137.0)
        raise Undo
    cache.delete(mapgrid.CHANGED_KEY)  # as another process sees it
    assert MapGrid.objects.get().stale is False  # the change was rolled back: the summary still holds

    with transaction.atomic():
        for i in range(3):
            OrganizationFactory(municipality=school.municipality, latitude=50.3 + i / 100, longitude=137.0)
        queued = [func for _sids, func, _robust in transaction.get_connection().run_on_commit]
        assert queued.count(mapgrid._mark_stale_in_database) == 1  # three saves, one UPDATE on commit
    cache.delete(mapgrid.CHANGED_KEY)
    assert MapGrid.objects.get().stale is True
    assert mapgrid.current_grid(renew=False) is None
