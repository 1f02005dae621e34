"""The map asks for its visible area: points when the area holds few organizations, clusters counted by the database
when it holds many, so the answer stays the same size however many organizations the region has."""

import pytest

from innoinfra.registry import mapdata
from innoinfra.registry.mapdata import MAX_CELLS_PER_SIDE, Viewport, grid_steps

from ..factories import OrganizationFactory, make_site

pytestmark = pytest.mark.django_db

URL = "/registry/map/data.json"


def answer(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def org_at(municipality, name, lat, lon, **site):
    org = OrganizationFactory(municipality=municipality, short_name=name, latitude=lat, longitude=lon)
    make_site(organization=org, **site)
    return org


@pytest.fixture
def two_towns(school):
    """Three schools in Amursk (50.2 N, 136.9 E) and two in Vyselki, far to the south-west (45.6 N, 39.0 E)."""
    amursk = [org_at(school.municipality, f"Амурск {i}", 50.2 + i / 100, 136.9 + i / 100) for i in range(3)]
    vyselki = [org_at(school.municipality, f"Выселки {i}", 45.6 + i / 100, 39.0 + i / 100) for i in range(2)]
    return amursk, vyselki


@pytest.fixture
def limit_of_three(monkeypatch):
    monkeypatch.setattr(mapdata, "POINT_LIMIT", 3)


def test_the_visible_area_shows_only_the_organizations_in_it(client, two_towns):
    data = answer(client, "?bbox=49,130,52,140&zoom=8")
    assert [p["name"] for p in data["points"]] == ["Амурск 0", "Амурск 1", "Амурск 2"]
    assert (data["clusters"], data["total"]) == ([], 3)
    assert data["bounds"] == [[50.2, 136.9], [50.22, 136.92]]
    assert answer(client, "?bbox=0,0,10,10&zoom=8")["points"] == []


def test_an_area_across_the_180th_meridian_takes_both_sides(client, school):
    org_at(school.municipality, "Анадырь", 64.73, 177.5)
    org_at(school.municipality, "Уэлен", 66.16, -169.8)
    org_at(school.municipality, "Амурск", 50.2, 136.9)
    assert [p["name"] for p in answer(client, "?bbox=60,170,70,-160&zoom=5")["points"]] == ["Анадырь", "Уэлен"]


def test_too_many_organizations_come_as_clusters_with_counts_centres_and_extents(client, two_towns, limit_of_three):
    data = answer(client, "?bbox=40,30,55,140&zoom=5")
    assert data["points"] == []
    assert data["total"] == 5
    amursk, vyselki = data["clusters"]  # biggest first
    assert (amursk["count"], amursk["label"]) == (3, "3 организации")
    assert (amursk["lat"], amursk["lon"]) == pytest.approx((50.21, 136.91))
    assert amursk["bounds"] == [[50.2, 136.9], [50.22, 136.92]]
    assert (vyselki["count"], vyselki["label"]) == (2, "2 организации")
    assert data["bounds"] == [[45.6, 39.0], [50.22, 136.92]]
    # zoomed in on Amursk: its three schools as points again
    assert [p["name"] for p in answer(client, "?bbox=50,136,51,137&zoom=10")["points"]] == [
        "Амурск 0",
        "Амурск 1",
        "Амурск 2",
    ]


def test_an_old_client_without_an_area_gets_points_or_clusters_of_the_whole_world(client, two_towns, monkeypatch):
    assert answer(client)["total"] == 5
    assert len(answer(client)["points"]) == 5
    monkeypatch.setattr(mapdata, "POINT_LIMIT", 3)
    data = answer(client)
    assert (data["points"], sum(c["count"] for c in data["clusters"])) == ([], 5)


def test_the_filters_apply_within_the_area(client, school):
    org_at(school.municipality, "МИП", 50.2, 136.9)
    # placed by hand: the factory's coordinates move with its sequence, out of the area late in a long run
    lyceum = OrganizationFactory(municipality=school.municipality, latitude=50.3, longitude=137.0)
    kip = make_site(kind_abbr="КИП", organization=lyceum)
    assert [p["name"] for p in answer(client, f"?bbox=49,130,52,140&zoom=8&kind={kip.kind_id}")["points"]] == [
        lyceum.short_name
    ]


@pytest.mark.parametrize("clustered", [False, True])
def test_the_answer_takes_a_fixed_number_of_queries(client, school, assert_constant_queries, monkeypatch, clustered):
    if clustered:
        monkeypatch.setattr(mapdata, "POINT_LIMIT", 0)

    def grow(n):
        for i in range(n):
            org_at(school.municipality, f"Школа {i}", 50 + i / 10, 136 + i / 10)

    # the form's academic years, the state of the kept grid (registry.mapgrid: stale here, as the data has just
    # grown), the first organizations, then their statuses or the grid
    assert_constant_queries(client, f"{URL}?bbox=40,120,60,150&zoom=6", grow, maximum=4)


def test_the_grid_never_cuts_an_area_into_more_than_33_cells_a_side():
    for view in (
        Viewport(-90, -180, 90, 180, zoom=22),
        Viewport(40, 30, 70, 180),
        Viewport(10, 170, 20, -170, zoom=18),
    ):
        lat_step, lng_step = grid_steps(view)
        assert (view.north - view.south) / float(lat_step) <= MAX_CELLS_PER_SIDE
        assert view.lng_span / float(lng_step) <= MAX_CELLS_PER_SIDE
    # a real screen at zoom 7 over the Khabarovsk territory: cells of CELL_PIXELS, the same wherever the map is panned
    assert grid_steps(Viewport(46, 130, 54, 142, zoom=7)) == grid_steps(Viewport(47, 131, 55, 143, zoom=7))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?bbox=a,b,c,d",
            "Область карты задаётся четырьмя числами через запятую: юг, запад, север, восток (в градусах).",
        ),
        (
            "?bbox=1,2,3",
            "Область карты задаётся четырьмя числами через запятую: юг, запад, север, восток (в градусах).",
        ),
        ("?bbox=nan,1,2,3", "Границы области карты должны быть конечными числами."),
        ("?bbox=1,2,inf,3", "Границы области карты должны быть конечными числами."),
        ("?bbox=-100,0,10,10", "Широта должна быть от −90 до 90, долгота — от −180 до 180."),
        ("?bbox=0,0,10,500", "Широта должна быть от −90 до 90, долгота — от −180 до 180."),
        ("?bbox=50,0,40,10", "Южная граница области карты должна быть не севернее северной."),
        ("?bbox=40,0,50,10&zoom=nan", "Введите число."),
        ("?bbox=40,0,50,10&zoom=много", "Введите число."),
    ],
)
def test_a_wrong_area_is_refused_with_the_reason_in_russian(client, db, query, message):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json() == {"errors": [message]}


@pytest.mark.parametrize("zoom", ["1e308", "-5", "99"])
def test_a_zoom_out_of_range_is_brought_into_it(client, two_towns, limit_of_three, zoom):
    data = answer(client, f"?bbox=-90,-180,90,180&zoom={zoom}")
    assert sum(c["count"] for c in data["clusters"]) == 5
    assert len(data["clusters"]) <= (MAX_CELLS_PER_SIDE + 1) ** 2
