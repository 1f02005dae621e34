import pytest
from playwright.sync_api import expect

from ..factories import OrganizationFactory, make_site

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
