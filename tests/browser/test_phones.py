"""Teachers and parents open the system on a phone (issue 17). At 390 × 844 with touch, on the demo's data: no main page
scrolls sideways; a list shows the key fields of its first row (name, organization, period, state, date) inside the
screen, not behind a scroll inside the table; the menu opens from its toggler, with thumb-sized targets; the filter
panel opens from a «Фильтры» button. On a desktop the same markup stays a table with its filters open."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from innoinfra.events.models import Event
from innoinfra.plans.models import Plan
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site
from innoinfra.review.models import Call

from ..factories import OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
TAP_TARGET = 44  # WCAG 2.5.5: at least 44 × 44 CSS pixels

# list page → the columns of its first row that must be on the screen (a table that stacks into cards)
TABLE_LISTS = {
    "/registry/": ["Тема", "Организация", "Период", "Приказ", "Состояние"],
    "/registry/organizations/": ["Организация", "Муниципалитет", "Статусов"],
    "/registry/orders/": ["Дата", "Номер", "Заголовок"],
    "/plans/": ["План", "Чей", "Период", "Состояние"],
    "/calls/": ["Конкурс", "Территория", "Этап"],
    "/reports/": ["Кампания", "Территория", "Срок", "Состояние"],
}
# list pages that are lists of cards already: the first card is on the screen
CARD_LISTS = ["/events/", "/practices/", "/documents/", "/publications/"]


@pytest.fixture
def demo(db):
    """The demo's three districts: real names, long themes, full plans — what a phone must cope with."""
    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture
def sites(school):
    """Two sites of different kinds: enough for the filters and for the desktop's table."""
    make_site(organization=school, theme="Проектная площадка для старшеклассников")
    make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска"),
        theme="Читательская грамотность в начальной школе",
    )


def browser_context(browser, base_url, **size):
    context = browser.new_context(locale="ru-RU", base_url=base_url, **size)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def page(browser, live_server):
    """This module's page is a phone's, so that the shared `login` and `screenshot` fixtures act on it."""
    context = browser_context(
        browser, live_server.url, viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def sideways_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_on_screen(box, what):
    assert box is not None, f"{what} is not rendered"
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + 0.5, f"{what} is outside 0..{WIDTH}: {box}"


def main_pages() -> list[tuple[str, str]]:
    """The pages a teacher or a parent opens, with the demo's first records."""
    first = {
        model: model.objects.order_by("pk").values_list("pk", flat=True).first()
        for model in (Site, Plan, Event, Call, Practice)
    }
    # an organization with a status, so that its page lists its innovation activity
    first[Organization] = Site.objects.order_by("pk").values_list("lead_organization", flat=True).first()
    return [
        ("home", "/"),
        ("registry", "/registry/"),
        ("site", f"/registry/sites/{first[Site]}/"),
        ("organization", f"/registry/organizations/{first[Organization]}/"),
        ("organizations", "/registry/organizations/"),
        ("orders", "/registry/orders/"),
        ("documents", "/documents/"),
        ("publications", "/publications/"),
        ("plans", "/plans/"),
        ("plan", f"/plans/{first[Plan]}/"),
        ("events", "/events/"),
        ("event", f"/events/{first[Event]}/"),
        ("calls", "/calls/"),
        ("call", f"/calls/{first[Call]}/"),
        ("practices", "/practices/"),
        ("practice", f"/practices/{first[Practice]}/"),
        ("reports", "/reports/"),
        ("map", "/registry/map/"),
    ]


def test_main_pages_fit_the_phone_and_lists_show_their_key_fields(page, login, demo, screenshot):
    """One walk through the demo (loading it takes a while): every main page, then the lists' first rows."""
    page.goto("/accounts/login/")
    assert sideways_overflow(page) <= 0, "the login page scrolls sideways"
    screenshot("phone-login")
    login("methodist")  # the methodist sees every page and every button on it
    wide = {}
    for name, url in main_pages():
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        page.wait_for_load_state("networkidle")
        overflow = sideways_overflow(page)
        if overflow > 0:
            wide[url] = overflow
        screenshot(f"phone-{name}")
    assert not wide, f"pages wider than the phone (pixels too wide): {wide}"

    for url, labels in TABLE_LISTS.items():
        page.goto(url)
        row = page.locator("table.table-stack > tbody > tr").first
        expect(row).to_be_visible()
        assert_on_screen(row.bounding_box(), f"{url}: the first row")
        for label in labels:
            cell = row.locator(f'td[data-label="{label}"]')
            expect(cell, f"{url}: «{label}» of the first row").to_be_visible()
            assert_on_screen(cell.bounding_box(), f"{url}: «{label}» of the first row")
            # the cell names its column, since the header row is not shown on a phone
            name = cell.evaluate("el => getComputedStyle(el, '::before').content")
            assert name == f'"{label}"', f"{url}: the cell shows {name} for «{label}»"
        expect(page.locator("table.table-stack > thead")).not_to_be_in_viewport()
    for url in CARD_LISTS:
        page.goto(url)
        card = page.locator("#results .list-group > .list-group-item").first
        expect(card).to_be_visible()
        assert_on_screen(card.bounding_box(), f"{url}: the first card")

    # the measurement of issue 17: the period, the order and the state were behind a scroll inside the table
    page.goto("/registry/")
    row = page.locator("table.table-stack > tbody > tr").first
    for label in ("Тема", "Период", "Приказ", "Состояние"):
        expect(row.locator(f'td[data-label="{label}"]')).to_be_in_viewport()
    expect(row.locator('td[data-label="Приказ"]')).to_contain_text("№")
    expect(row.locator('td[data-label="Состояние"] .badge')).to_be_visible()
    screenshot("phone-registry-cards")


def test_the_menu_opens_from_its_toggler_with_thumb_sized_targets(page, login, methodist, screenshot):
    login("larisa")
    page.goto("/registry/")
    menu = page.locator("#nav")
    expect(menu).to_be_hidden()
    toggler = page.get_by_role("button", name="Меню")
    box = toggler.bounding_box()
    assert box["width"] >= TAP_TARGET and box["height"] >= TAP_TARGET, f"the toggler is {box}"
    toggler.tap()
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Реестр", exact=True)).to_be_in_viewport()
    small = []
    for link in menu.locator(".nav-link:visible").all():
        height = link.bounding_box()["height"]
        if height < TAP_TARGET:
            small.append((link.inner_text().strip() or link.get_attribute("aria-label"), height))
    assert not small, f"menu targets lower than {TAP_TARGET} px: {small}"
    search = menu.get_by_label("Поиск по системе")
    assert search.bounding_box()["height"] >= TAP_TARGET
    screenshot("phone-menu")
    menu.get_by_role("button", name="Практики").tap()
    item = menu.get_by_role("link", name="Банк данных инновационной практики")
    expect(item).to_be_visible()
    assert item.bounding_box()["height"] >= TAP_TARGET
    item.tap()
    expect(page).to_have_url("/practices/")
    assert sideways_overflow(page) <= 0


def test_the_filters_button_shows_the_filters(page, sites, screenshot):
    page.goto("/registry/")
    kind = page.get_by_label("Вид", exact=True)
    expect(kind).to_be_hidden()
    button = page.get_by_role("button", name="Фильтры")
    assert button.bounding_box()["height"] >= TAP_TARGET
    expect(button).to_have_attribute("aria-expanded", "false")
    button.tap()
    expect(kind).to_be_visible()
    # Bootstrap's opening animation is over (the panel's height is its own again)
    expect(page.locator("#filters")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(button).to_have_attribute("aria-expanded", "true")
    # the fields take the whole width of the screen, less the page's margins
    field = kind.bounding_box()
    assert field["width"] >= WIDTH - 40, f"a filter field is narrow on the phone: {field}"
    assert_on_screen(field, "the kind filter")
    kind.select_option(label="Краевая (региональная) инновационная площадка (КИП)")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.locator("table.table-stack td[data-label='Вид']").first).to_contain_text("КИП")
    screenshot("phone-registry-filters")
    # the page opened with a filter chosen shows its panel open
    page.reload()
    expect(page.get_by_label("Вид", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Фильтры")).to_have_attribute("aria-expanded", "true")


def test_every_filter_panel_opens_from_its_button(page, db):
    for url in [
        "/registry/organizations/",
        "/registry/orders/",
        "/plans/",
        "/events/",
        "/practices/",
        "/documents/",
        "/publications/",
        "/registry/map/",
    ]:
        page.goto(url)
        panel = page.locator("form.filters-collapse")
        expect(panel, url).to_be_hidden()
        page.get_by_role("button", name="Фильтры").tap()
        expect(panel, url).to_be_visible()
        assert sideways_overflow(page) <= 0, f"{url} with its filters open scrolls sideways"


def test_the_desktop_keeps_its_table_and_open_filters(browser, live_server, sites):
    context = browser_context(browser, live_server.url, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto("/registry/")
    expect(page.get_by_role("button", name="Фильтры")).to_be_hidden()
    expect(page.get_by_label("Вид", exact=True)).to_be_visible()
    expect(page.locator("table.table-stack > thead")).to_be_visible()
    row = page.locator("table.table-stack > tbody > tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "table-row"
    context.close()
