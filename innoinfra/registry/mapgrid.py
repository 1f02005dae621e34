"""The map's summary: the organizations the unfiltered map shows (statuses in force today), counted per cell of the
map's grid at each zoom band up to SUMMARY_MAX_ZOOM (MapCell), with their number and extent (MapGrid).

A map of the whole region (or the first, area-less request of the map page) groups every organization with a status
in force when done live: work that grows with the region. From the summary it reads at most 33 × 33 rows, whatever
the region holds. The summary is trusted only while it is current:

- any save or delete of an organization, a site, its participants or its state changes (core.signals.on_change) makes
  it stale at once for this process (a mark in the cache) and for every process when the transaction commits (a
  flag in the database); bulk writes that send no signals call `mark_stale` themselves;
- a summary built on another day is stale too: which statuses are in force moves with the date.

A stale summary is rebuilt in one set-based INSERT … SELECT per zoom band (and by bulk loads). Where a task worker
runs (a backend that can defer: `manage.py db_worker`), the rebuild is its work: a committed change queues it, a few
seconds on so that a burst of saves costs one rebuild, and the next area-less request queues it when the day has
turned; no visitor's request rebuilds it, and until the worker has, the map groups live, as it does for every filtered
request. Without a worker (the inline backend) the next area-less unfiltered request — the map page's first — rebuilds
it, as nothing else would.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone
from django_tasks import task

from innoinfra.core.signals import on_commit_once

from .models import MapCell, MapGrid

# Set by a change not yet committed (or committed where the database flag is not yet read); cleared by a refresh.
# It bridges the moment until the change commits and flags the database, no more: in a cache of one process's memory
# it is cleared only by a rebuild in that process, and one in the worker would leave it standing.
CHANGED_KEY = "registry-map-grid-changed"
CHANGED_TIMEOUT = 60
# The bands kept: the map fits a filter at zoom 12 at most (static/js/map.js), and an area that holds the whole
# region at a finer zoom holds few organizations.
SUMMARY_MAX_ZOOM = 12
# The client sends the area to five decimals (map.js, areaOf): an area that misses the extent by less still holds it.
TOLERANCE = 1e-5


# Set while a rebuild waits in the worker's queue: changes meanwhile queue none (it counts them too). Deleted by the
# task as it starts; the timeout lets a task lost with a dead worker be queued again, and bounds the wait where the
# cache is each process's own memory (the worker cannot delete another process's key).
QUEUED_KEY = "registry-map-grid-queued"
QUEUED_TIMEOUT = 60
# How long a queued rebuild waits for the rest of a burst of changes (an import, a council's order of many sites).
COALESCE_SECONDS = 5


def mark_stale(model=None) -> None:
    """The facts behind the map changed: stale now for this process (and every process sharing the cache), and for
    all once the transaction commits, when a worker is asked to rebuild it."""
    cache.set(CHANGED_KEY, True, CHANGED_TIMEOUT)
    on_commit_once(_mark_stale_in_database, robust=True)  # an import of a thousand rows costs one UPDATE
    if _has_worker():
        on_commit_once(_queue_rebuild, robust=True)


def _mark_stale_in_database() -> None:
    MapGrid.objects.filter(stale=False).update(stale=True)


def is_current(grid: MapGrid | None) -> bool:
    return grid is not None and not grid.stale and grid.built_on == timezone.localdate() and not cache.get(CHANGED_KEY)


def current_grid(*, renew: bool) -> MapGrid | None:
    """The summary's state when it is current, else None. A stale one is renewed when `renew`: rebuilt here when no
    worker runs the tasks, else queued for the worker (and None till then)."""
    grid = MapGrid.objects.filter(pk=1).first()
    if is_current(grid):
        return grid
    if not renew:
        return None
    if _has_worker():
        _queue_rebuild()  # the day has turned, or a queued task was lost: nothing else would queue it
        return None
    return refresh()


def _has_worker() -> bool:
    # the inline backend runs a task at once, in the request that queues it, and cannot defer one
    return rebuild_task.get_backend().supports_defer


def _queue_rebuild() -> None:
    if cache.add(QUEUED_KEY, True, QUEUED_TIMEOUT):
        rebuild_task.using(run_after=timezone.now() + dt.timedelta(seconds=COALESCE_SECONDS)).enqueue()


@task()
def rebuild_task() -> None:
    """The worker's rebuild (django-tasks): a change committed from here on queues another."""
    cache.delete(QUEUED_KEY)
    if not is_current(MapGrid.objects.filter(pk=1).first()):
        refresh()


def refresh() -> MapGrid:
    """Count the shown organizations anew at every band, in one transaction that holds the state row locked (two
    refreshes at once would count twice)."""
    # here, not at the top: mapdata imports this module
    from .mapdata import band_steps, grouped_cells, shown_organizations

    # The summary is derived data: written without signals, so that rebuilding it is no change of the facts to the
    # public cache, the monitoring snapshots or itself (core.signals), and its cells are deleted in one statement.
    MapGrid.objects.bulk_create([MapGrid(pk=1)], ignore_conflicts=True)
    with transaction.atomic():
        grid = MapGrid.objects.select_for_update().get(pk=1)
        cache.delete(CHANGED_KEY)  # before counting: a change while counting marks the summary stale again
        orgs = shown_organizations({})
        columns = ("zoom", "cell_lat", "cell_lng", "count", "lat", "lon", "south", "west", "north", "east")
        q = connection.ops.quote_name
        table, target = q(MapCell._meta.db_table), ", ".join(q(c) for c in columns)
        source = ", ".join(f"grouped.{q(c)}" for c in columns[1:])
        finest = grouped_cells(orgs, *band_steps(SUMMARY_MAX_ZOOM))
        sql, params = finest.query.sql_with_params()
        # each band's cell is two of the finer band's a side (mapdata.band_steps): the organizations are grouped once,
        # at the finest band, and every coarser band from the one below it (a few thousand rows at most)
        coarser = (
            f"INSERT INTO {table} ({target}) SELECT %s, FLOOR({q('cell_lat')} / 2.0), FLOOR({q('cell_lng')} / 2.0), "
            f"SUM({q('count')}), SUM({q('lat')} * {q('count')}) / SUM({q('count')}), "
            f"SUM({q('lon')} * {q('count')}) / SUM({q('count')}), "
            f"MIN({q('south')}), MIN({q('west')}), MAX({q('north')}), MAX({q('east')}) "
            f"FROM {table} WHERE {q('zoom')} = %s "
            f"GROUP BY FLOOR({q('cell_lat')} / 2.0), FLOOR({q('cell_lng')} / 2.0)"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} ({target}) SELECT %s, {source} FROM ({sql}) grouped", (SUMMARY_MAX_ZOOM, *params)
            )
            for zoom in range(SUMMARY_MAX_ZOOM - 1, -1, -1):
                cursor.execute(coarser, (zoom, zoom + 1))
        # the extent and number from the coarsest band: a few rows, not the organizations again
        extent = MapCell.objects.filter(zoom=0).aggregate(
            total=Sum("count"), south=Min("south"), west=Min("west"), north=Max("north"), east=Max("east")
        )
        extent["total"] = extent["total"] or 0
        MapGrid.objects.filter(pk=1).update(built_on=timezone.localdate(), stale=False, **extent)
        grid.refresh_from_db()
    return grid


def covers(grid: MapGrid, view) -> bool:
    """Whether the visible area holds every organization the summary counts (then its cells are the live answer)."""
    if view is None or grid.total == 0:
        return True
    if view.lng_span >= 360 - TOLERANCE:
        east_west = True
    elif view.crosses_antimeridian:
        east_west = float(grid.west) >= view.west - TOLERANCE or float(grid.east) <= view.east + TOLERANCE
    else:
        east_west = float(grid.west) >= view.west - TOLERANCE and float(grid.east) <= view.east + TOLERANCE
    return east_west and float(grid.south) >= view.south - TOLERANCE and float(grid.north) <= view.north + TOLERANCE


def cells(zoom: int):
    return MapCell.objects.filter(zoom=zoom).values(
        "cell_lat", "cell_lng", "count", "lat", "lon", "south", "west", "north", "east"
    )
