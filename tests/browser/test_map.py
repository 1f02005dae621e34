import datetime as dt

import pytest
from playwright.sync_api import expect

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_shows_organizations_without_a_tile_server(page, school, screenshot):
    make_site(organization=school, theme="Проектная школа")
    make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска"),
    )
    OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ без статуса")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto("/registry/map/")

    expect(page.locator("#map-count")).to_have_text("2")
    side_list = page.locator("#map-list")
    expect(side_list.get_by_role("link", name="МБОУ СОШ № 1 г. Амурска")).to_be_visible()
    expect(side_list.get_by_role("link", name="МБОУ Лицей г. Амурска")).to_be_visible()
    expect(side_list).not_to_contain_text("без статуса")
    expect(page.get_by_text("Подложка карты не настроена: показаны только организации.")).to_be_visible()
    # Leaflet draws circle markers on a canvas (preferCanvas) or as SVG paths.
    expect(page.locator("#map canvas, #map path.leaflet-interactive").first).to_be_attached()
    assert not errors, errors
    screenshot("map")


def test_choosing_a_kind_on_the_map_narrows_the_markers(page, school):
    make_site(organization=school)
    make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска"),
    )
    page.goto("/registry/map/")
    expect(page.locator("#map-count")).to_have_text("2")
    page.get_by_label("Вид", exact=True).select_option(label="Краевая (региональная) инновационная площадка (КИП)")
    expect(page.locator("#map-count")).to_have_text("1")
    expect(page.locator("#map-list")).to_contain_text("МБОУ Лицей г. Амурска")
    assert "kind=" in page.url


def test_a_year_and_a_direction_narrow_the_map_the_matrix_shows_them_and_both_print(page, school, screenshot):
    robotics = DirectionFactory(name="Робототехника")
    literacy = DirectionFactory(name="Функциональная грамотность")
    make_site(organization=school, directions=[literacy])  # 2024/2025 – 2026/2027
    make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска"),
        directions=[robotics, literacy],
    )
    finished = make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Гимназия № 2"),
        directions=[literacy],
        start_date=dt.date(2021, 9, 1),
        end_date=dt.date(2024, 8, 31),
    )
    services.change_site_state(finished, SiteState.COMPLETED, order=OrderFactory(), date=dt.date(2024, 8, 31))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto("/registry/map/")
    side_list = page.locator("#map-list")
    expect(page.locator("#map-count")).to_have_text("2")
    expect(side_list).not_to_contain_text("Гимназия")

    # 2023/2024: only the gymnasium held a status then
    page.get_by_label("Учебный год").select_option(label="2023/2024 учебный год")
    expect(page.locator("#map-count")).to_have_text("1")
    expect(side_list).to_contain_text("МБОУ Гимназия № 2")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)

    page.get_by_label("Учебный год").select_option(label="2024/2025 учебный год")
    page.get_by_label("Направление", exact=True).select_option(label="Робототехника")
    expect(page.locator("#map-count")).to_have_text("1")
    expect(side_list).to_contain_text("МБОУ Лицей г. Амурска — КИП")
    assert "academic_year=2024" in page.url and f"direction={robotics.pk}" in page.url

    # the matrix tab keeps the filters
    page.get_by_role("link", name="Матрица «организации × направления»").click()
    expect(page.get_by_role("heading", name="Организации и направления инновационной деятельности")).to_be_visible()
    assert "academic_year=2024" in page.url and f"direction={robotics.pk}" in page.url
    expect(page.get_by_label("Учебный год")).to_have_value("2024")
    matrix = page.get_by_test_id("matrix")
    lyceum_row = matrix.locator("tr", has=page.get_by_role("link", name="МБОУ Лицей г. Амурска"))
    expect(lyceum_row.locator('td[data-direction="Робототехника"]')).to_have_text("КИП")
    expect(matrix.locator("tbody tr")).to_have_count(1)

    # all directions: the school appears, in its direction only
    page.get_by_label("Направление", exact=True).select_option(label="Все направления")
    expect(matrix.locator("tbody tr")).to_have_count(2)
    school_row = matrix.locator("tr", has=page.get_by_role("link", name="МБОУ СОШ № 1 г. Амурска"))
    expect(school_row.locator('td[data-direction="Функциональная грамотность"]')).to_have_text("МИП")
    expect(school_row.locator('td[data-direction="Робототехника"]')).to_have_text("")
    expect(school_row.get_by_test_id("row-total")).to_have_text("1")
    expect(page.get_by_test_id("grand-total")).to_have_text("3")
    screenshot("map-matrix")

    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("#matrix-filters")).to_be_hidden()
    expect(page.get_by_test_id("map-caption")).to_have_text("2024/2025 учебный год")
    screenshot("map-matrix-print")
    page.emulate_media(media="screen")

    # back to the map, printed: title with the filters, the legend, the list by municipality, a fixed-size map
    page.get_by_test_id("map-tabs").get_by_role("link", name="Карта").click()
    expect(page.locator("#map-count")).to_have_text("2")
    page.get_by_label("Направление", exact=True).select_option(label="Функциональная грамотность")
    expect(page.locator("#map-count")).to_have_text("2")
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("#map-filters")).to_be_hidden()
    expect(page.get_by_test_id("map-caption")).to_have_text(
        "2024/2025 учебный год · Направление: Функциональная грамотность"
    )
    expect(page.get_by_text("Условные обозначения")).to_be_visible()
    printed = page.locator("#map-print-list")
    expect(printed).to_be_visible()
    expect(printed.locator("h3")).to_have_text(["Амурский район — 2"])
    expect(printed.locator("li")).to_have_text(["МБОУ Лицей г. Амурска — КИП", "МБОУ СОШ № 1 г. Амурска — МИП"])
    box = page.locator("#map").bounding_box()
    assert (round(box["width"]), round(box["height"])) == (680, 480)
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(2)
    assert not errors, errors
    screenshot("map-print")


def test_many_organizations_come_as_clusters_and_a_click_on_one_zooms_in_to_its_points(
    page, school, screenshot, monkeypatch
):
    from innoinfra.registry import mapdata

    monkeypatch.setattr(mapdata, "POINT_LIMIT", 3)  # the live server runs in this process: 5 schools are «many»
    for town, count, lat, lon in (("Амурска", 3, 50.2, 136.9), ("Выселок", 2, 45.6, 39.0)):
        for i in range(count):
            org = OrganizationFactory(
                municipality=school.municipality,
                short_name=f"Школа {town} № {i + 1}",
                latitude=lat + i / 100,
                longitude=lon + i / 100,
            )
            make_site(organization=org)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto("/registry/map/")

    clusters = page.locator("#map .map-cluster")
    expect(clusters).to_have_count(2)
    expect(clusters).to_have_text(["3", "2"])
    expect(page.locator("#map-count")).to_have_text("5")
    expect(page.get_by_test_id("map-too-many")).to_contain_text("приблизьте карту")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(0)
    expect(page.get_by_role("button", name="3 организации: приблизить")).to_be_visible()
    screenshot("map-clusters")

    page.get_by_role("button", name="3 организации: приблизить").click()

    expect(page.locator("#map path.leaflet-interactive")).to_have_count(3)
    expect(clusters).to_have_count(0)
    expect(page.locator("#map-count")).to_have_text("3")
    side_list = page.locator("#map-list")
    expect(side_list.get_by_role("link")).to_have_text(["Школа Амурска № 1", "Школа Амурска № 2", "Школа Амурска № 3"])
    assert not errors, errors
    screenshot("map-cluster-zoomed")
