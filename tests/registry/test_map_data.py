"""The map: a page that works without a tile server, and the JSON of points behind it."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.core.dates import academic_year_label, academic_year_of, russian_date
from innoinfra.registry import mapgrid, services
from innoinfra.registry.enums import SiteState

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


def answer(client, query=""):
    response = client.get(f"/registry/map/data.json{query}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json()


def points(client, query=""):
    return answer(client, query)["points"]


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
        "municipality": "Амурский район",
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


@pytest.mark.parametrize("query", ["", "?academic_year=2024"])
def test_it_reads_the_points_in_a_fixed_number_of_queries(client, school, assert_constant_queries, query):
    def grow(n):
        for _ in range(n):
            make_site(
                kind_abbr="ИК",
                organization=OrganizationFactory(municipality=school.municipality),
                participants=[school],
            )
        mapgrid.refresh()  # as the map page's first request leaves it (a stale summary is rebuilt by a fixed count)

    # the form's academic years, the state of the map's summary, the grid (from the summary when unfiltered), the
    # participations with their organizations
    assert_constant_queries(client, f"/registry/map/data.json{query}", grow, maximum=4)


# The academic year (1 September – 31 August): every status held at any time in it -----------------


def names(client, query):
    return [p["name"] for p in points(client, query)]


def test_a_year_shows_the_sites_whose_status_period_overlaps_it(client, school):
    def org(name):
        return OrganizationFactory(municipality=school.municipality, short_name=name)

    # 2024/2025: 1 September 2024 – 31 August 2025
    make_site(organization=org("Закончила 31 августа"), start_date=dt.date(2021, 9, 1), end_date=dt.date(2024, 8, 31))
    make_site(organization=org("Закончила 1 сентября"), start_date=dt.date(2021, 9, 1), end_date=dt.date(2024, 9, 1))
    make_site(organization=org("Начала 1 июня"), start_date=dt.date(2025, 6, 1), end_date=dt.date(2028, 5, 31))
    make_site(organization=org("Начала 31 августа"), start_date=dt.date(2025, 8, 31), end_date=None)
    make_site(organization=org("Начала 1 сентября"), start_date=dt.date(2025, 9, 1), end_date=dt.date(2028, 8, 31))
    make_site(organization=org("Без дат"), start_date=None, end_date=None)

    assert names(client, "?academic_year=2024") == [
        "Без дат",
        "Закончила 1 сентября",
        "Начала 1 июня",
        "Начала 31 августа",
    ]
    assert names(client, "?academic_year=2023") == ["Без дат", "Закончила 1 сентября", "Закончила 31 августа"]
    assert "Начала 1 сентября" in names(client, "?academic_year=2025")


def test_a_year_counts_statuses_that_are_over_now_but_not_those_ended_early_before_it(client, school):
    order = OrderFactory(municipality=school.municipality)
    completed = make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="Завершила в 2025"),
        start_date=dt.date(2022, 9, 1),
        end_date=dt.date(2025, 6, 30),
    )
    services.change_site_state(completed, SiteState.COMPLETED, order=order, date=dt.date(2025, 7, 1))
    # planned until 2027, revoked in the spring of 2024: it held no status in 2024/2025
    revoked = make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="Лишена статуса в 2024"),
        start_date=dt.date(2022, 9, 1),
        end_date=dt.date(2027, 6, 30),
    )
    services.change_site_state(revoked, SiteState.REVOKED, order=order, date=dt.date(2024, 3, 1))

    assert names(client, "") == []  # now: neither is in force
    assert names(client, "?academic_year=2024") == ["Завершила в 2025"]
    assert names(client, "?academic_year=2023") == ["Завершила в 2025", "Лишена статуса в 2024"]


def test_a_year_colours_an_organization_by_the_strongest_status_it_held_in_that_year(client, school):
    make_site(kind_abbr="КИП", organization=school, start_date=dt.date(2021, 9, 1), end_date=dt.date(2024, 8, 31))
    make_site(kind_abbr="МИП", organization=school, start_date=dt.date(2024, 9, 1), end_date=dt.date(2027, 8, 31))

    [before] = points(client, "?academic_year=2023")
    [after] = points(client, "?academic_year=2024")

    assert (before["kind"], [s["kind"] for s in before["statuses"]]) == (
        "Краевая (региональная) инновационная площадка",
        ["КИП"],
    )
    assert (after["kind"], [s["kind"] for s in after["statuses"]]) == ("Муниципальная инновационная площадка", ["МИП"])


def test_a_year_combines_with_the_kind_and_direction_filters(client, school):
    robotics = DirectionFactory(name="Робототехника")
    other = OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей")
    make_site(organization=school, directions=[robotics], start_date=dt.date(2024, 9, 1), end_date=dt.date(2025, 8, 31))
    kip = make_site(kind_abbr="КИП", organization=other, directions=[robotics], start_date=dt.date(2025, 9, 1))

    assert names(client, f"?academic_year=2024&direction={robotics.pk}") == ["МБОУ СОШ № 1 г. Амурска"]
    assert names(client, f"?academic_year=2025&direction={robotics.pk}") == ["МБОУ Лицей"]
    assert names(client, f"?academic_year=2024&kind={kip.kind_id}") == []


def test_a_wrong_year_is_dropped_and_the_other_filters_still_apply(client, school):
    robotics = DirectionFactory(name="Робототехника")
    make_site(organization=school)
    make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей"),
        directions=[robotics],
    )
    assert names(client, f"?academic_year=когда-нибудь&direction={robotics.pk}") == ["МБОУ Лицей"]


def test_the_answer_says_in_words_what_it_shows(client, school, vyselki):
    robotics = DirectionFactory(name="Робототехника")
    today = timezone.localdate()
    assert answer(client)["caption"] == [f"Действующие статусы на {russian_date(today)}"]
    assert answer(client, f"?academic_year=2024&direction={robotics.pk}&municipality={vyselki.pk}&level=regional")[
        "caption"
    ] == [
        "2024/2025 учебный год",
        "Уровень: Региональный",
        "Муниципалитет: Выселковский район",
        "Направление: Робототехника",
    ]
    kip = make_site(kind_abbr="КИП", organization=school)
    assert answer(client, f"?kind={kip.kind_id}")["caption"][1] == (
        "Вид: Краевая (региональная) инновационная площадка (КИП)"
    )


def test_the_page_offers_the_academic_years_from_the_earliest_status_to_the_coming_one(client, school):
    make_site(organization=school, start_date=dt.date(2022, 10, 1))
    current = academic_year_of(timezone.localdate())
    content = client.get("/registry/map/").content.decode()
    assert '<option value="" selected>Сейчас (действующие статусы)</option>' in content
    for year in range(2022, current + 2):
        assert f">{academic_year_label(year)}</option>" in content
    assert academic_year_label(2021) not in content
    assert academic_year_label(current + 2) not in content
    chosen = client.get("/registry/map/?academic_year=2023").content.decode()
    assert '<option value="2023" selected>2023/2024 учебный год</option>' in chosen
