"""The map's summary: the organizations the unfiltered map shows (statuses in force today), counted per cell of the
map's grid at each zoom band up to SUMMARY_MAX_ZOOM (MapCell), with their number and extent (MapGrid).

A map of the whole region (or the first, area-less request of the map page) groups every organization with a status
in force when done live: work that grows with the region. From the summary it reads at most 33 × 33 rows, whatever
the region holds. The summary is trusted only while it is current:

- any save or delete of an organization, a site, its participants or its state changes (core.signals.on_change) makes
  it stale at once for this process (a version in the cache) and for every process when the transaction commits (a
  flag in the database); bulk writes that send no signals call `mark_stale` themselves;
- a summary built on another day is stale too: which statuses are in force moves with the date.

A stale summary is rebuilt by the next area-less unfiltered request (the map page's first), in one set-based INSERT …
SELECT per zoom band, and by bulk loads. Until then the map groups live, as it does for every filtered request.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from .models import MapCell, MapGrid

VERSION_KEY = "registry-map-grid-version"
# The bands kept: the map fits a filter at zoom 12 at most (static/js/map.js), and an area that holds the whole
# region at a finer zoom holds few organizations.
SUMMARY_MAX_ZOOM = 12
# The client sends the area to five decimals (map.js, areaOf): an area that misses the extent by less still holds it.
TOLERANCE = 1e-5


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)  # add: two first readers agree on one version
        version = cache.get(VERSION_KEY)
    return str(version)


def mark_stale(model=None) -> None:
    """The facts behind the map changed: stale now for this process, and for all once the transaction commits."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(_mark_stale_in_database, robust=True)


def _mark_stale_in_database() -> None:
    MapGrid.objects.filter(stale=False).update(stale=True)


def is_current(grid: MapGrid | None) -> bool:
    return (
        grid is not None
        and not grid.stale
        and grid.built_on == timezone.localdate()
        and grid.version == _current_version()
    )


def current_grid(*, rebuild: bool) -> MapGrid | None:
    """The summary's state when it is current; a stale one is rebuilt first when `rebuild`, else None."""
    grid = MapGrid.objects.filter(pk=1).first()
    if is_current(grid):
        return grid
    return refresh() if rebuild else None


def refresh() -> MapGrid:
    """Count the shown organizations anew at every band, in one transaction that holds the state row locked (two
    refreshes at once would count twice)."""
    from .mapdata import band_steps, grouped_cells, shown_organizations

    version = _current_version()  # read first: a change while counting bumps it again and leaves the summary stale
    MapGrid.objects.get_or_create(pk=1)
    with transaction.atomic():
        grid = MapGrid.objects.select_for_update().get(pk=1)
        MapCell.objects.all().delete()
        orgs = shown_organizations({})
        columns = ("cell_lat", "cell_lng", "count", "lat", "lon", "south", "west", "north", "east")
        target = ", ".join(connection.ops.quote_name(c) for c in ("zoom", *columns))
        source = ", ".join(f"grouped.{connection.ops.quote_name(c)}" for c in columns)
        table = connection.ops.quote_name(MapCell._meta.db_table)
        with connection.cursor() as cursor:
            for zoom in range(SUMMARY_MAX_ZOOM + 1):
                sql, params = grouped_cells(orgs, *band_steps(zoom)).query.sql_with_params()
                cursor.execute(
                    f"INSERT INTO {table} ({target}) SELECT %s, {source} FROM ({sql}) grouped", (zoom, *params)
                )
        extent = orgs.aggregate(
            total=Count("id"),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        for name, value in extent.items():
            setattr(grid, name, value)
        grid.built_on = timezone.localdate()
        grid.version = version
        grid.stale = False
        grid.save()
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
