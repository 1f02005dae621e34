import re

import pytest
from playwright.sync_api import expect

from innoinfra.registry.models import Order, Site

from ..factories import DirectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    """The field with exactly this label (a required one ends in «*»)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def choose(page, label, text):
    """Pick an option of a Tom Select field as a person does: click, type, pick from the list."""
    control = page.get_by_role("combobox", name=re.compile(rf"^{re.escape(label)}\s*\*?$"))
    control.click()
    control.fill(text)
    # Other fields keep hidden dropdowns with the same options: pick from the one that is open.
    option = page.locator(".ts-dropdown .option:visible", has_text=text).first
    expect(option).to_be_visible()
    option.click()
    page.keyboard.press("Escape")


def test_the_methodist_creates_a_site_with_a_new_order(page, login, methodist, school, screenshot):
    DirectionFactory(name="Функциональная грамотность")
    login("larisa")
    page.goto("/registry/")
    page.get_by_role("link", name="Новая площадка").click()
    expect(page.get_by_role("heading", name="Новая площадка")).to_be_visible()

    field(page, "Вид").select_option(label="Муниципальная инновационная площадка (МИП)")
    field(page, "Тема").fill("Функциональная грамотность через проектную деятельность")
    choose(page, "Организация", "СОШ № 1")
    choose(page, "Направления", "Функциональная")
    page.get_by_label("Начало периода").fill("2025-09-01")
    page.get_by_label("Окончание периода").fill("2028-06-30")
    page.get_by_label("Номер нового приказа").fill("172-Д")
    page.get_by_label("Дата нового приказа").fill("2025-04-11")
    page.get_by_label("Заголовок нового приказа").fill("О присвоении статуса МИП")
    screenshot("site-create-form")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("alert")).to_contain_text("внесена в реестр")
    expect(page.get_by_role("heading", name="Функциональная грамотность через проектную деятельность")).to_be_visible()
    expect(page.get_by_role("link", name="от 11 апреля 2025 г. № 172-Д")).to_be_visible()
    expect(page.get_by_text("Функциональная грамотность", exact=True)).to_be_visible()
    screenshot("site-created")
    site = Site.objects.get()
    assert site.order == Order.objects.get(number="172-Д")
    assert site.lead_organization == school


def test_the_form_explains_a_missing_order(page, login, methodist, school, screenshot):
    login("larisa")
    page.goto("/registry/sites/new/")
    field(page, "Вид").select_option(label="Муниципальная инновационная площадка (МИП)")
    field(page, "Тема").fill("Проектная школа")
    choose(page, "Организация", "СОШ № 1")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Статус площадки присваивается приказом: выберите приказ или укажите номер и дату нового."
    )
    expect(field(page, "Тема")).to_have_value("Проектная школа")
    screenshot("site-create-missing-order")
    assert not Site.objects.exists()
