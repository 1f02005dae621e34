"""A visitor who uses the keyboard and a screen reader: the skip link, a visible focus ring, announced form errors."""

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_first_tab_offers_to_skip_the_menu(page, screenshot):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержимому")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    screenshot("keyboard-skip-link")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # the next Tab goes on inside the content, not back to the menu
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_the_focused_element_is_ringed(page, screenshot):
    page.goto("/registry/")
    page.keyboard.press("Tab")
    # past the skip link: the low-vision switch (a Bootstrap button, whose own style drops the outline), then the
    # brand in the menu bar — each ringed
    for expected in ("lv-toggle", "navbar-brand"):
        page.keyboard.press("Tab")
        assert expected in page.evaluate("document.activeElement.id + ' ' + document.activeElement.className")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    screenshot("keyboard-focus-ring")


def test_a_form_with_errors_is_announced_and_points_at_its_fields(page, screenshot):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("alert")).to_contain_text("исправьте поля, отмеченные ниже")
    login = page.get_by_label("Логин или e-mail")
    expect(login).to_have_attribute("aria-invalid", "true")
    expect(login).to_have_accessible_description("Обязательное поле.")
    screenshot("form-errors")
    assert_accessible(page, "the login form with errors")
