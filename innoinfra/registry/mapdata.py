"""The map of innovation activity and its matrix (organizations × directions): which sites they show,
the points, the matrix cells and totals, the caption of the chosen filters for print and Excel."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Floor
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from innoinfra.core.dates import academic_year_bounds, academic_year_label, russian_date
from innoinfra.core.numerals import numeral
from innoinfra.core.xlsx import build_workbook, put
from innoinfra.reference.enums import CycleStage
from innoinfra.reference.models import Direction, Organization

from . import mapgrid, queries
from .enums import FINAL_STATES, UPCOMING, Level, SiteState
from .models import Site, SiteKind, SiteParticipant, SiteStateChange

NO_DIRECTION = "Направление не указано"


def held_in_academic_year(sites: QuerySet[Site], first_year: int) -> QuerySet[Site]:
    """Sites whose status period overlaps the academic year (1 September – 31 August). A status that
    was completed or revoked before the year began is out even if its planned end date is later:
    ending a status early changes the state (dated in SiteStateChange), not the end date."""
    start, end = academic_year_bounds(first_year)
    ended_before = SiteStateChange.objects.filter(site=OuterRef("pk"), to_state__in=FINAL_STATES, date__lt=start)
    return sites.filter(
        Q(start_date__lte=end) | Q(start_date__isnull=True),
        Q(end_date__gte=start) | Q(end_date__isnull=True),
    ).exclude(Exists(ended_before))


def map_sites(params: dict) -> QuerySet[Site]:
    """The sites the map and the matrix show. With no academic year and no state chosen: the statuses
    in force now; with a year: every status held at any time in it, whatever its state today."""
    params = dict(params)
    academic_year = params.pop("academic_year", None)
    if academic_year is None and not params.get("state"):
        params["state"] = SiteState.ACTIVE
    sites = queries.filter_sites(Site.objects.all(), params)
    if academic_year is not None:
        sites = held_in_academic_year(sites, academic_year)
    return sites


def describe_filters(params: dict) -> list[str]:
    """The chosen filters in words, for the printed title and the Excel sheet: a printed map must say what it shows."""
    if params.get("academic_year"):
        parts = [academic_year_label(params["academic_year"])]
    elif params.get("state"):
        state = params["state"]
        parts = [f"Состояние: {'Вступает в силу' if state == UPCOMING else SiteState(state).label}"]
    else:
        parts = [f"Действующие статусы на {russian_date(timezone.localdate())}"]
    if params.get("year"):
        parts.append(f"Календарный год: {params['year']}")
    if params.get("expiring"):
        parts.append("Истекает в этом году")
    if params.get("kind"):
        kind = params["kind"]
        parts.append(f"Вид: {kind.name} ({kind.abbreviation})" if kind.abbreviation else f"Вид: {kind.name}")
    if params.get("level"):
        parts.append(f"Уровень: {Level(params['level']).label}")
    if params.get("cycle_stage"):
        parts.append(f"Этап цикла: {CycleStage(params['cycle_stage']).label}")
    for key, label in (("subsystem", "Подсистема"), ("municipality", "Муниципалитет"), ("direction", "Направление")):
        if params.get(key):
            parts.append(f"{label}: {params[key]}")
    if params.get("q"):
        parts.append(f"Поиск: «{params['q']}»")
    return parts


# What the map shows: organizations in the visible area, as points when few and as clusters when many ---------------

# A map answer never holds more than this many organizations as points: beyond it the visible area comes as
# clusters, so the answer and the work behind it stay the same size whether the region has 3 000 organizations
# or a country 300 000.
POINT_LIMIT = 500
# A cluster stands for a square of about this many screen pixels (the map's tiles are 256 pixels wide).
CELL_PIXELS = 80
# Whatever zoom is asked, the visible area is cut into at most this many cells a side (so at most 33 × 33 clusters).
MAX_CELLS_PER_SIDE = 32
MAX_GRID_ZOOM = 22  # the finest zoom of the map's tiles (MapViewportForm brings a zoom into 0…22)
ORGANIZATIONS = ("организация", "организации", "организаций")


@dataclass(frozen=True)
class Viewport:
    """The visible area of the map in degrees and the zoom of its tiles. West east of east means the area crosses
    the 180th meridian (Chukotka)."""

    south: float
    west: float
    north: float
    east: float
    zoom: float | None = None

    @property
    def crosses_antimeridian(self) -> bool:
        return self.west > self.east

    @property
    def lng_span(self) -> float:
        return self.east - self.west + (360 if self.crosses_antimeridian else 0)


WORLD = Viewport(-90, -180, 90, 180)


def band_steps(zoom: int) -> tuple[Decimal, Decimal]:
    """The size of a cluster's cell at a zoom, latitude and longitude, in degrees: CELL_PIXELS on the screen. The grid
    is fixed to the zoom, not to the area, so panning does not reshuffle the clusters and the unfiltered grid can be
    kept counted (registry.mapgrid). Each zoom's cell is exactly two of the next one's a side (the finest rounded,
    the rest doubled), so a coarser band is counted from the finer one. A degree of latitude is taller on the
    (Mercator) screen by 1/cos(latitude): taken at the district's centre (MAP_CENTER), one decimal, so that the grid
    is one for the whole map."""
    finest = CELL_PIXELS * 360 / (256 * 2**MAX_GRID_ZOOM)
    cos = max(round(math.cos(math.radians(settings.INNOINFRA["MAP_CENTER"][0])), 1), 0.1)
    times = 2 ** (MAX_GRID_ZOOM - zoom)
    return Decimal(f"{finest * cos:.6g}") * times, Decimal(f"{finest:.6g}") * times


def grid_zoom(view: Viewport) -> int:
    """The zoom band whose grid cuts the area: the view's own zoom (none asked: the finest), coarsened until the area
    spans at most MAX_CELLS_PER_SIDE cells a side."""
    zoom = MAX_GRID_ZOOM if view.zoom is None else min(math.floor(view.zoom), MAX_GRID_ZOOM)
    while zoom > 0:
        lat, lng = band_steps(zoom)
        if (view.north - view.south) / float(lat) <= MAX_CELLS_PER_SIDE and view.lng_span / float(lng) <= (
            MAX_CELLS_PER_SIDE
        ):
            break
        zoom -= 1
    return zoom


def grid_steps(view: Viewport) -> tuple[Decimal, Decimal]:
    return band_steps(grid_zoom(view))


def shown_organizations(params: dict, view: Viewport | None = None) -> QuerySet[Organization]:
    """Organizations with coordinates that take part in a shown site, within the visible area when one is given.
    The bounds are a range on (latitude, longitude), served by the index organization_coordinates, which also
    holds the id: the grid is counted from the index alone."""
    shown = SiteParticipant.objects.filter(organization=OuterRef("pk"), site__in=map_sites(params).values("pk"))
    return Organization.objects.filter(Exists(shown), in_view(view)).order_by()


def in_view(view: Viewport | None, prefix: str = "") -> Q:
    """Has coordinates, within `view` if given (`prefix` reaches the organization from a related model)."""
    q = Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})
    if view is None:
        return q
    q &= Q(**{f"{prefix}latitude__gte": _degrees(view.south), f"{prefix}latitude__lte": _degrees(view.north)})
    west = Q(**{f"{prefix}longitude__gte": _degrees(view.west)})
    east = Q(**{f"{prefix}longitude__lte": _degrees(view.east)})
    return q & ((west | east) if view.crosses_antimeridian else (west & east))


def _degrees(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def map_answer(params: dict, view: Viewport | None = None) -> dict:
    """The map's data for the visible area (the whole world when none is given): the organizations counted on a
    grid, and when there are at most POINT_LIMIT of them, each as a point with its statuses instead. Without filters
    and with an area that holds them all, the grid is read from the kept summary (registry.mapgrid: at most 33 × 33
    rows, however big the region); otherwise the database counts it live. A few queries at most (the form's academic
    years aside). `bounds` is the extent of what was found, for fitting the map to a new filter."""
    clusters = _summary_clusters(params, view)
    if clusters is None:
        clusters = _clusters(shown_organizations(params, view), grid_steps(view or WORLD))
    total = sum(c["count"] for c in clusters)
    bounds = None
    if clusters:
        bounds = [
            [min(c["bounds"][0][0] for c in clusters), min(c["bounds"][0][1] for c in clusters)],
            [max(c["bounds"][1][0] for c in clusters), max(c["bounds"][1][1] for c in clusters)],
        ]
    if total > POINT_LIMIT:
        return {"points": [], "clusters": clusters, "total": total, "bounds": bounds}
    return {"points": _points(params, view) if total else [], "clusters": [], "total": total, "bounds": bounds}


def _summary_clusters(params: dict, view: Viewport | None) -> list[dict] | None:
    """The grid from the kept summary, or None when it cannot answer: a filter chosen, a zoom finer than it keeps,
    an area that leaves some organizations out, or a summary gone stale (the area-less request, the map page's
    first, renews it: registry.mapgrid)."""
    if any(params.values()):  # the cleaned filters: empty values are falsy
        return None
    zoom = grid_zoom(view or WORLD)
    if zoom > mapgrid.SUMMARY_MAX_ZOOM:
        return None
    grid = mapgrid.current_grid(renew=view is None)
    if grid is None or not mapgrid.covers(grid, view):
        return None
    return _as_clusters(mapgrid.cells(zoom))


def _points(params: dict, view: Viewport | None) -> list[dict]:
    """One point per organization in the area, coloured by the kind with the highest rank among its shown sites (so,
    with a year chosen, by the strongest status held in that year); one row per (organization, shown site)."""
    rows = (
        SiteParticipant.objects.filter(in_view(view, "organization__"), site__in=map_sites(params).values("pk"))
        .values(
            "organization_id",
            "organization__short_name",
            "organization__address",
            "organization__latitude",
            "organization__longitude",
            "organization__municipality__name",
            "organization__municipality__short_name",
            "site_id",
            "site__theme",
            "site__kind__name",
            "site__kind__abbreviation",
            "site__kind__color",
            "site__kind__rank",
        )
        .order_by("organization__short_name", "organization_id", "-site__kind__rank", "site_id")
    )
    points: dict[int, dict] = {}
    for row in rows:
        org_id = row["organization_id"]
        if org_id not in points:
            points[org_id] = {
                "id": org_id,
                "name": row["organization__short_name"],
                "address": row["organization__address"],
                "municipality": row["organization__municipality__short_name"]
                or row["organization__municipality__name"],
                "lat": float(row["organization__latitude"]),
                "lon": float(row["organization__longitude"]),
                "color": row["site__kind__color"],
                "kind": row["site__kind__name"],
                "statuses": [],
                "url": reverse("portal:organization", args=[org_id]),
            }
        points[org_id]["statuses"].append(
            {
                "kind": row["site__kind__abbreviation"] or row["site__kind__name"],
                "theme": row["site__theme"],
                "site": row["site_id"],
            }
        )
    return list(points.values())


def grouped_cells(orgs: QuerySet[Organization], lat_step: Decimal, lng_step: Decimal) -> QuerySet:
    """The organizations counted per grid cell in one GROUP BY: how many, their mean position (where the cluster is
    drawn) and their extent (where a click on it zooms to)."""
    return (
        orgs.annotate(cell_lat=Floor(F("latitude") / Value(lat_step)), cell_lng=Floor(F("longitude") / Value(lng_step)))
        .values("cell_lat", "cell_lng")
        .annotate(
            count=Count("id"),
            lat=Avg("latitude"),
            lon=Avg("longitude"),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        .order_by()
    )


def _clusters(orgs: QuerySet[Organization], steps: tuple[Decimal, Decimal]) -> list[dict]:
    return _as_clusters(grouped_cells(orgs, *steps))


def _as_clusters(cells) -> list[dict]:
    """Cells as the map draws them, biggest first."""
    clusters = [
        {
            "lat": round(float(cell["lat"]), 6),
            "lon": round(float(cell["lon"]), 6),
            "count": cell["count"],
            "label": numeral(cell["count"], ORGANIZATIONS),
            "bounds": [[float(cell["south"]), float(cell["west"])], [float(cell["north"]), float(cell["east"])]],
        }
        for cell in cells
    ]
    clusters.sort(key=lambda c: (-c["count"], c["lat"], c["lon"]))
    return clusters


# The matrix ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindMark:
    abbreviation: str
    name: str
    color: str
    rank: int

    @property
    def text_color(self) -> str:
        return contrast_text(self.color)


@dataclass(frozen=True)
class MatrixCell:
    column: str  # the direction's name, for the cell's tooltip and for finding it in tests
    marks: list[KindMark]  # strongest kind first; empty when the organization has no status in the direction

    @property
    def text(self) -> str:
        return ", ".join(mark.abbreviation for mark in self.marks)


@dataclass
class MatrixRow:
    organization_id: int
    name: str
    municipality: str
    cells: list[MatrixCell] = field(default_factory=list)  # one per column
    total: int = 0  # filled cells: directions the organization works in

    @property
    def url(self) -> str:
        return reverse("portal:organization", args=[self.organization_id])


@dataclass
class Matrix:
    columns: list[str]  # direction names (and «Направление не указано» if some site has none)
    rows: list[MatrixRow]
    column_totals: list[int]  # organizations with a status in the direction
    total: int  # all filled cells


def legend() -> list[KindMark]:
    """The kinds in use, strongest first, as the map colours them."""
    kinds = SiteKind.objects.filter(is_active=True).order_by("-rank", "position")
    return [KindMark(k.abbreviation or k.name, k.name, k.color, k.rank) for k in kinds]


def build_matrix(params: dict) -> Matrix:
    """Organizations × directions in two queries: the directions, and one row per (organization, site kind,
    direction) of the shown sites. With a direction chosen, only its column: the other directions of
    the same sites would answer a question nobody asked."""
    chosen = params.get("direction")
    directions = [chosen] if chosen else list(Direction.objects.order_by("name"))
    rows = (
        SiteParticipant.objects.filter(site__in=map_sites(params).values("pk"))
        .values(
            "organization_id",
            "organization__short_name",
            "organization__municipality__name",
            "organization__municipality__short_name",
            "site__kind__abbreviation",
            "site__kind__name",
            "site__kind__color",
            "site__kind__rank",
            "site__directions",
        )
        .distinct()
        .order_by()
    )
    by_org: dict[int, MatrixRow] = {}
    marks: dict[tuple[int, int | None], set[KindMark]] = {}
    for row in rows:
        org_id = row["organization_id"]
        if org_id not in by_org:
            by_org[org_id] = MatrixRow(
                organization_id=org_id,
                name=row["organization__short_name"],
                municipality=row["organization__municipality__short_name"] or row["organization__municipality__name"],
            )
        mark = KindMark(
            row["site__kind__abbreviation"] or row["site__kind__name"],
            row["site__kind__name"],
            row["site__kind__color"],
            row["site__kind__rank"],
        )
        marks.setdefault((org_id, row["site__directions"]), set()).add(mark)

    keys: list[int | None] = [d.pk for d in directions]
    columns = [d.name for d in directions]
    if not chosen and any(direction is None for _, direction in marks):
        keys.append(None)
        columns.append(NO_DIRECTION)
    ordered = sorted(by_org.values(), key=lambda r: (r.municipality, r.name, r.organization_id))
    column_totals = [0] * len(keys)
    for matrix_row in ordered:
        for i, key in enumerate(keys):
            cell = sorted(marks.get((matrix_row.organization_id, key), ()), key=lambda m: (-m.rank, m.abbreviation))
            matrix_row.cells.append(MatrixCell(columns[i], cell))
            if cell:
                matrix_row.total += 1
                column_totals[i] += 1
    return Matrix(columns=columns, rows=ordered, column_totals=column_totals, total=sum(column_totals))


# Site kinds × stages of the innovation cycle ------------------------------------------------------

NO_STAGE = "Этап не указан"


@dataclass
class StageRow:
    kind_id: int
    name: str
    cells: list[tuple[int, str]]  # (count, link to the registry filtered by the kind and the stage), per column
    total: int


@dataclass
class StageMatrix:
    columns: list[str]  # the five stages in cycle order, and «Этап не указан» when some site has none
    rows: list[StageRow]
    column_totals: list[int]
    total: int


def build_stage_matrix(params: dict) -> StageMatrix:
    """How many shown sites of each kind stand at each stage of the cycle, in one grouped query. Each
    count links to the registry with the same kind and stage (and «действует» when the map shows the
    statuses in force), so the number can be opened as a list."""
    counts = (
        map_sites(params)
        .values("kind_id", "kind__name", "kind__abbreviation", "kind__rank", "kind__position", "cycle_stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    stages: list[str] = [s.value for s in CycleStage]
    by_kind: dict[int, dict] = {}
    for row in counts:
        kind = by_kind.setdefault(
            row["kind_id"],
            {
                "name": row["kind__name"] + (f" ({row['kind__abbreviation']})" if row["kind__abbreviation"] else ""),
                "order": (-row["kind__rank"], row["kind__position"], row["kind__name"]),
                "counts": {},
            },
        )
        kind["counts"][row["cycle_stage"] or ""] = row["n"]
    if any("" in kind["counts"] for kind in by_kind.values()):
        stages.append("")
    columns = [CycleStage(s).label if s else NO_STAGE for s in stages]
    base = reverse("registry:sites")
    state = params.get("state") or ("" if params.get("academic_year") else SiteState.ACTIVE)
    rows = []
    for kind_id, kind in sorted(by_kind.items(), key=lambda item: item[1]["order"]):
        cells = []
        for stage in stages:
            query = f"?kind={kind_id}&cycle_stage={stage}" + (f"&state={state}" if state else "")
            cells.append((kind["counts"].get(stage, 0), base + query))
        rows.append(StageRow(kind_id, kind["name"], cells, sum(kind["counts"].values())))
    column_totals = [sum(row.cells[i][0] for row in rows) for i in range(len(stages))]
    return StageMatrix(columns=columns, rows=rows, column_totals=column_totals, total=sum(column_totals))


def contrast_text(color: str) -> str:
    """Black or white text on a kind's colour: the catalogue has dark red as well as yellow and cyan."""
    value = _excel_color(color)
    if value is None:
        return "#000000"
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _excel_color(color: str) -> str | None:
    """«#b02a37» → «B02A37»; staff type colours by hand, so «#abc» is widened and anything else left uncoloured."""
    value = color.lstrip("#").upper()
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return value if len(value) == 6 and all(ch in "0123456789ABCDEF" for ch in value) else None


def matrix_workbook(matrix: Matrix, caption: list[str]) -> bytes:
    """The matrix as on the page: cells in the colour of their strongest kind, a totals row, and the
    chosen filters under it (left out of the header's auto-filter, so sorting keeps them last)."""
    headers = ["Организация", "Муниципалитет", *matrix.columns, "Итого"]
    rows: list[list] = [[r.name, r.municipality, *(cell.text for cell in r.cells), r.total] for r in matrix.rows]
    rows.append(["Итого", "", *matrix.column_totals, matrix.total])
    content = build_workbook("Матрица", headers, rows)

    book = load_workbook(BytesIO(content))
    sheet = book.active
    last_column = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last_column}{len(matrix.rows) + 1}"
    # Direction names are long and wrap in the header (build_workbook wraps it): narrow columns keep the
    # matrix on one screen.
    for column_number in range(3, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column_number)].width = 14
    sheet.row_dimensions[1].height = 75
    for row_number, matrix_row in enumerate(matrix.rows, start=2):
        for column_number, cell in enumerate(matrix_row.cells, start=3):
            target = sheet.cell(row=row_number, column=column_number)
            target.alignment = Alignment(horizontal="center")
            color = _excel_color(cell.marks[0].color) if cell.marks else None
            if color:
                target.fill = PatternFill("solid", fgColor=color)
                target.font = Font(bold=True, color=contrast_text(color).lstrip("#").upper())
    for cell in sheet[len(matrix.rows) + 2]:
        cell.font = Font(bold=True)
    put(sheet.cell(row=len(matrix.rows) + 4, column=1), "; ".join(caption))  # holds the search text as typed
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
