"""The version for visually impaired visitors in a real browser: Анна, who sees poorly, switches it on from the
header, picks white on black and the largest font; the next page keeps it from its first paint; pictures give way to
their descriptions; «Обычная версия» brings the site back. And the site at 200 % zoom (a 1366×768 laptop zoomed in is
a 683×384 page): the menu folds, nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from ..factories import make_site
from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def lv_classes(size: str, scheme: str) -> re.Pattern:
    """The classes the low-vision choices put on <html> (after «js», which says scripts run)."""
    return re.compile(rf"(^| )lv lv-size-{size} lv-scheme-{scheme} lv-spacing-1 lv-images-show lv-colors$")


def computed(page, selector, prop):
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).getPropertyValue({prop!r})")


def test_anna_switches_on_white_on_black_with_the_largest_font_and_back(page, school, screenshot):
    site = make_site(organization=school)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/")
    normal_size = float(computed(page, "body", "font-size").removesuffix("px"))
    toggle = page.get_by_role("button", name="Версия для слабовидящих")
    expect(toggle).to_be_visible()
    screenshot("low-vision-off-home")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.get_by_role("region", name="Настройки версии для слабовидящих")
    expect(panel).to_be_visible()
    # switching on already gives a larger font, black on white
    expect(page.locator("html")).to_have_class(lv_classes("2", "bw"))
    panel.get_by_text("Ц — белым по чёрному").click()
    panel.get_by_text("А — самый крупный").click()
    expect(page.locator("html")).to_have_class(lv_classes("3", "wb"))
    screenshot("low-vision-home-wb-largest")

    page.goto(f"/registry/sites/{site.pk}/")  # another page, painted by the server from the cookie
    assert computed(page, "body", "background-color") == "rgb(0, 0, 0)"
    assert computed(page, "body", "color") == "rgb(255, 255, 255)"
    assert float(computed(page, "body", "font-size").removesuffix("px")) >= 1.9 * normal_size
    assert computed(page, "nav.navbar", "background-color") == "rgb(0, 0, 0)"
    # the menu folds behind its button at this size, and the page does not scroll sideways
    expect(page.locator(".navbar-toggler")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot("low-vision-site-wb-largest")

    # pictures: hidden, each leaves its description
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('afterbegin',"
        ' \'<img src="/static/img/icon-192.png" alt="Здание школы № 1" data-testid="picture">\')'
    )
    page.get_by_role("button", name="Версия для слабовидящих").click()
    page.get_by_text("Скрыть", exact=True).click()
    expect(page.get_by_test_id("picture")).to_be_hidden()
    expect(page.locator(".lv-alt", has_text="Здание школы № 1")).to_be_visible()

    page.get_by_role("region", name="Настройки версии для слабовидящих").get_by_role(
        "button", name="Обычная версия"
    ).click()
    expect(page.locator("html")).not_to_have_class(re.compile(r"(^| )lv( |$)"))
    expect(page.get_by_test_id("picture")).to_be_visible()
    page.reload()
    assert computed(page, "body", "background-color") == "rgb(255, 255, 255)"
    assert float(computed(page, "body", "font-size").removesuffix("px")) == normal_size
    expect(page.get_by_role("button", name="Обычная версия")).to_be_hidden()


def test_each_scheme_paints_the_pages(page, school, screenshot):
    """One screenshot per colour scheme of the main pages; text and background differ in each."""
    make_site(organization=school)
    page.set_viewport_size({"width": 1366, "height": 768})
    for scheme, background in (
        ("bw", "rgb(255, 255, 255)"),
        ("wb", "rgb(0, 0, 0)"),
        ("blue", "rgb(157, 209, 255)"),
        ("brown", "rgb(247, 243, 214)"),
    ):
        page.goto("/")
        page.context.add_cookies(
            [{"name": "low_vision", "value": f"size-2.scheme-{scheme}.spacing-2.images-show", "url": page.url}]
        )
        for path, name in (
            ("/", "home"),
            ("/registry/", "registry"),
            ("/registry/map/", "map"),
            ("/events/", "events"),
        ):
            page.goto(path)
            assert computed(page, "body", "background-color") == background, (scheme, path)
            assert computed(page, "body", "color") != background
            screenshot(f"low-vision-{scheme}-{name}")


ZOOMED = [
    "/",
    "/registry/",
    "/registry/organizations/",
    "/registry/map/",
    "/events/",
    "/practices/",
    "/calls/",
    "/plans/",
]


def test_the_main_pages_fit_a_laptop_at_200_percent(page, school, methodist, screenshot):
    make_site(organization=school)
    make_plan(school, approved=True)
    page.set_viewport_size({"width": 683, "height": 384})  # 1366×768 at 200 %
    for path in ZOOMED:
        page.goto(path)
        expect(page.locator(".navbar-toggler")).to_be_visible()  # the menu folds
        expect(page.get_by_role("button", name="Версия для слабовидящих")).to_be_visible()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (path, width)
    screenshot("zoom-200-plans")
