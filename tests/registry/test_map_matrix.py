"""The matrix «organizations × directions» beside the map: cells, totals, filters, Excel, query count."""

import datetime as dt
from collections import defaultdict
from io import BytesIO

import pytest
from openpyxl import load_workbook

from innoinfra.reference.models import Direction
from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.mapdata import NO_DIRECTION
from innoinfra.registry.models import SiteKind

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db

LITERACY = "Функциональная грамотность"
MENTORING = "Наставничество"
DIGITAL = "Цифровая образовательная среда"


@pytest.fixture
def world(school, vyselki):
    """Organizations of two districts with statuses in several directions (catalogue directions)."""
    d = {name: Direction.objects.get(name=name) for name in (LITERACY, MENTORING, DIGITAL)}
    lyceum = OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска")
    far = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 3 ст. Выселки")
    nowhere = OrganizationFactory(
        municipality=vyselki, short_name="МБДОУ Детский сад № 5", latitude=None, longitude=None
    )
    partner = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 9")
    done = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 7 (завершила)")

    make_site(organization=school, directions=[d[LITERACY], d[MENTORING]])
    make_site(kind_abbr="КИП", organization=school, directions=[d[LITERACY]])
    make_site(kind_abbr="ИК", organization=lyceum, participants=[partner], directions=[d[DIGITAL]])
    make_site(kind_abbr="МАП", organization=far, directions=[d[MENTORING]], start_date=dt.date(2025, 6, 1))
    make_site(organization=nowhere)  # no direction, no coordinates: still a row of the matrix
    ended = make_site(organization=done, directions=[d[LITERACY]], end_date=dt.date(2025, 6, 30))
    services.change_site_state(ended, SiteState.COMPLETED, order=OrderFactory(), date=dt.date(2025, 6, 30))
    return d


def matrix_of(client, query=""):
    response = client.get(f"/registry/map/matrix/{query}")
    assert response.status_code == 200
    return response


def expected_matrix(sites):
    """What the matrix must hold, computed the plain way: site by site, organization by organization."""
    cells = defaultdict(set)  # (organization, direction name) → kinds
    for site in sites:
        directions = [d.name for d in site.directions.all()] or [NO_DIRECTION]
        for organization in site.organizations.all():
            for direction in directions:
                cells[(organization.short_name, direction)].add(site.kind)
    return {key: [k.abbreviation for k in sorted(kinds, key=lambda k: -k.rank)] for key, kinds in cells.items()}


def as_dict(matrix):
    return {(row.name, cell.column): [m.abbreviation for m in cell.marks] for row in matrix.rows for cell in row.cells}


def test_the_cells_and_totals_are_what_the_sites_say(client, world):
    from innoinfra.registry.models import Site

    matrix = matrix_of(client).context["matrix"]
    expected = expected_matrix(Site.objects.filter(state=SiteState.ACTIVE))

    catalogue = list(Direction.objects.order_by("name").values_list("name", flat=True))
    assert matrix.columns == [*catalogue, NO_DIRECTION]
    assert {key: marks for key, marks in as_dict(matrix).items() if marks} == expected
    # rows: by municipality, then name; the finished status and its organization are not there
    assert [(r.municipality, r.name) for r in matrix.rows] == [
        ("Амурский район", "МБОУ Лицей г. Амурска"),
        ("Амурский район", "МБОУ СОШ № 1 г. Амурска"),
        ("Амурский район", "МБОУ СОШ № 9"),
        ("Выселковский район", "МБДОУ Детский сад № 5"),
        ("Выселковский район", "МБОУ СОШ № 3 ст. Выселки"),
    ]
    assert expected[("МБОУ СОШ № 1 г. Амурска", LITERACY)] == ["КИП", "МИП"]  # the strongest first
    for row in matrix.rows:
        assert row.total == sum(1 for (name, _), _kinds in expected.items() if name == row.name)
    assert matrix.column_totals == [sum(1 for (_, column) in expected if column == name) for name in matrix.columns]
    assert matrix.total == len(expected) == 6


def test_the_page_shows_the_cells_coloured_like_the_legend(client, world):
    content = matrix_of(client).content.decode()
    kip = SiteKind.objects.get(abbreviation="КИП")
    assert "Матрица «организации × направления»" in content
    assert f'<span class="matrix-mark" data-bg="{kip.color}" data-fg="#ffffff">КИП</span>' in content
    assert f'data-direction="{LITERACY}" title="МБОУ СОШ № 1 г. Амурска — {LITERACY}: ' in content
    assert 'data-testid="grand-total">6<' in content


def test_the_matrix_takes_the_map_filters(client, world, vyselki):
    only_mentoring = matrix_of(client, f"?direction={world[MENTORING].pk}").context["matrix"]
    assert only_mentoring.columns == [MENTORING]  # the other directions of the same sites are not asked for
    assert as_dict(only_mentoring) == {
        ("МБОУ СОШ № 1 г. Амурска", MENTORING): ["МИП"],
        ("МБОУ СОШ № 3 ст. Выселки", MENTORING): ["МАП"],
    }
    in_vyselki = matrix_of(client, f"?municipality={vyselki.pk}").context["matrix"]
    assert [r.name for r in in_vyselki.rows] == ["МБДОУ Детский сад № 5", "МБОУ СОШ № 3 ст. Выселки"]
    kip = SiteKind.objects.get(abbreviation="КИП")
    assert [r.name for r in matrix_of(client, f"?kind={kip.pk}").context["matrix"].rows] == ["МБОУ СОШ № 1 г. Амурска"]


def test_a_year_brings_back_the_statuses_held_in_it(client, world):
    rows = {r.name: r for r in matrix_of(client, "?academic_year=2024").context["matrix"].rows}
    assert [c.text for c in rows["МБОУ СОШ № 7 (завершила)"].cells if c.marks] == ["МИП"]
    # the statuses granted from September 2025 on are not in 2023/2024
    assert "МБОУ СОШ № 3 ст. Выселки" not in {
        r.name for r in matrix_of(client, "?academic_year=2023").context["matrix"].rows
    }
    response = matrix_of(client, "?academic_year=2024")
    assert response.context["caption"] == ["2024/2025 учебный год"]
    assert "2024/2025 учебный год" in response.content.decode()


def test_an_empty_matrix_says_so(client, db):
    content = matrix_of(client).content.decode()
    assert "При выбранных условиях нет организаций со статусом." in content


def test_the_excel_file_holds_the_same_matrix(client, world):
    matrix = matrix_of(client, "?academic_year=2024").context["matrix"]
    response = client.get("/registry/map/matrix/?academic_year=2024&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "matrica-napravleniy-2024-2025.xlsx" in response["Content-Disposition"]

    sheet = load_workbook(BytesIO(response.content)).active
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Организация", "Муниципалитет", *matrix.columns, "Итого"]
    body = values[1 : len(matrix.rows) + 1]
    assert body == [[r.name, r.municipality, *(c.text for c in r.cells), r.total] for r in matrix.rows]
    assert values[len(matrix.rows) + 1] == ["Итого", "", *matrix.column_totals, matrix.total]
    assert values[len(matrix.rows) + 3][0] == "2024/2025 учебный год"
    # a filled cell wears its kind's colour, as on the page
    school_row = next(i for i, r in enumerate(matrix.rows, start=2) if r.name == "МБОУ СОШ № 1 г. Амурска")
    literacy_column = matrix.columns.index(LITERACY) + 3
    cell = sheet.cell(row=school_row, column=literacy_column)
    assert cell.value == "КИП, МИП"
    assert cell.fill.fgColor.rgb.endswith(SiteKind.objects.get(abbreviation="КИП").color.lstrip("#").upper())


# The matrix itself is two queries (the directions, the cells) and the kinds × stages table one more; the rest is the
# page: the form's academic years, the choices of its kind, municipality and direction selects, the legend's kinds,
# the installation's name.
@pytest.mark.parametrize(("query", "maximum"), [("", 9), ("?academic_year=2024", 9), ("?format=xlsx", 3)])
def test_the_matrix_is_read_in_a_fixed_number_of_queries(client, school, assert_constant_queries, query, maximum):
    directions = list(Direction.objects.all()[:3])

    def grow(n):
        for i in range(n):
            organization = OrganizationFactory(municipality=school.municipality)
            make_site(organization=organization, directions=directions[: i + 1])
            make_site(kind_abbr="ИК", organization=organization, participants=[school], directions=[directions[0]])

    assert_constant_queries(client, f"/registry/map/matrix/{query}", grow, maximum=maximum)


def test_a_direction_outside_the_catalogue_filter_is_refused_quietly(client, world):
    DirectionFactory(name="Робототехника")
    matrix = matrix_of(client, "?direction=999999").context["matrix"]
    assert len(matrix.rows) == 5  # a wrong value is dropped, not an error page
