"""The map: a page that works without a tile server, and the JSON of points behind it."""

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


def points(client, query=""):
    response = client.get(f"/registry/map/data.json{query}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json()["points"]


def test_it_shows_the_map_page_with_its_legend(client, db):
    response = client.get("/registry/map/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Карта инновационной деятельности" in content
    assert "Условные обозначения" in content
    assert "Федеральная инновационная площадка" in content
    assert '"tileUrl": ""' in content
    assert '"dataUrl": "/registry/map/data.json"' in content


def test_it_gives_one_point_per_organization_coloured_by_its_strongest_status(client, school):
    mip = make_site(organization=school, theme="Проектная школа")
    kip = make_site(kind_abbr="КИП", organization=school, theme="Читательская грамотность")
    [point] = points(client)
    school.refresh_from_db()  # coordinates are decimals in the database
    assert point == {
        "id": school.pk,
        "name": "МБОУ СОШ № 1 г. Амурска",
        "address": school.address,
        "lat": float(school.latitude),
        "lon": float(school.longitude),
        "color": "#b02a37",
        "kind": "Краевая (региональная) инновационная площадка",
        "statuses": [
            {"kind": "КИП", "theme": "Читательская грамотность", "site": kip.pk},
            {"kind": "МИП", "theme": "Проектная школа", "site": mip.pk},
        ],
        "url": f"/registry/organizations/{school.pk}/",
    }


def test_it_leaves_out_organizations_without_coordinates(client, school):
    nowhere = OrganizationFactory(municipality=school.municipality, latitude=None, longitude=None)
    make_site(organization=school)
    make_site(organization=nowhere)
    assert [p["id"] for p in points(client)] == [school.pk]


def test_it_shows_network_participants_too(client, school):
    partner = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 9")
    make_site(kind_abbr="ИК", organization=school, participants=[partner])
    assert sorted(p["name"] for p in points(client)) == ["МБОУ СОШ № 1 г. Амурска", "МБОУ СОШ № 9"]


def test_it_shows_only_active_sites_unless_a_state_is_chosen(client, school):
    other = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 4")
    make_site(organization=school)
    done = make_site(organization=other)
    services.change_site_state(done, SiteState.COMPLETED, order=OrderFactory(municipality=school.municipality))
    assert [p["name"] for p in points(client)] == ["МБОУ СОШ № 1 г. Амурска"]
    assert [p["name"] for p in points(client, "?state=completed")] == ["МБОУ СОШ № 4"]


def test_it_applies_the_registry_filters(client, school, vyselki):
    far = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 3 ст. Выселки")
    robotics = DirectionFactory(name="Робототехника")
    make_site(organization=school)
    kip = make_site(kind_abbr="КИП", organization=far, directions=[robotics])
    assert [p["name"] for p in points(client, f"?kind={kip.kind_id}")] == ["МБОУ СОШ № 3 ст. Выселки"]
    assert [p["name"] for p in points(client, "?level=municipal")] == ["МБОУ СОШ № 1 г. Амурска"]
    assert [p["name"] for p in points(client, f"?municipality={vyselki.pk}")] == ["МБОУ СОШ № 3 ст. Выселки"]
    assert [p["name"] for p in points(client, f"?direction={robotics.pk}")] == ["МБОУ СОШ № 3 ст. Выселки"]
    assert points(client, "?year=2010") == []


def test_it_answers_an_empty_list_when_nothing_is_registered(client, db):
    assert points(client) == []


def test_it_reads_the_points_in_a_fixed_number_of_queries(client, school, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_site(
                kind_abbr="ИК",
                organization=OrganizationFactory(municipality=school.municipality),
                participants=[school],
            )

    assert_constant_queries(client, "/registry/map/data.json", grow)
