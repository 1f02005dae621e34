import datetime as dt

import pytest
from playwright.sync_api import expect

from ..factories import DirectionFactory, OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(school):
    make_site(
        organization=school,
        theme="Проектная площадка для старшеклассников",
        directions=[DirectionFactory(name="Функциональная грамотность")],
    )
    make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска"),
        theme="Читательская грамотность в начальной школе",
        start_date=dt.date(2025, 1, 1),
    )
    make_site(
        kind_abbr="МАП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 3"),
        theme="Апробация новых учебников физики",
    )


def test_choosing_a_kind_updates_the_list_without_reloading_the_page(page, sites, screenshot):
    page.goto("/registry/")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 3")
    page.evaluate("window.__notReloaded = true")

    page.get_by_label("Вид", exact=True).select_option(label="Краевая (региональная) инновационная площадка (КИП)")

    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.get_by_role("link", name="Читательская грамотность в начальной школе")).to_be_visible()
    expect(page.get_by_role("link", name="Апробация новых учебников физики")).to_have_count(0)
    assert page.evaluate("window.__notReloaded") is True, "the list must update in place"
    assert "kind=" in page.url, "the filter stays in the address, so the link can be shared"
    screenshot("registry-filtered-by-kind")


def test_searching_finds_other_word_forms(page, sites, screenshot):
    page.goto("/registry/")
    page.evaluate("window.__notReloaded = true")
    search = page.get_by_role("main").get_by_label("Поиск")
    search.fill("грамотности")
    search.press("Enter")

    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 2")
    expect(page.get_by_role("link", name="Проектная площадка для старшеклассников")).to_be_visible()
    expect(page.get_by_role("link", name="Читательская грамотность в начальной школе")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True
    screenshot("registry-search")

    search.fill("астрономия")
    search.press("Enter")
    expect(page.get_by_text("По заданным условиям площадок не найдено")).to_be_visible()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/", "home"),
        ("/registry/", "registry"),
        ("/registry/organizations/", "organizations"),
        ("/registry/orders/", "orders"),
        ("/registry/map/", "map"),
    ],
)
def test_public_pages_fit_a_phone_screen(page, sites, screenshot, url, name):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(f"mobile-{name}")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
