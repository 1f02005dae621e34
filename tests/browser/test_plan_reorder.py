"""A methodist drags an item to another place in its section and names its responsible people from the directory."""

import re

import pytest
from playwright.sync_api import expect

from innoinfra.plans.models import PlanItem

from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_texts(page):
    return [text.strip() for text in page.locator("tr[data-item] td:nth-child(2)").all_inner_texts()]


def test_the_methodist_drags_an_item_and_the_order_survives_a_reload(page, login, methodist, amursky, screenshot):
    plan = make_plan(
        amursky,
        items=[("Семинар для педагогов", "октябрь"), ("Педсовет", "ноябрь"), ("Круглый стол", "май")],
        by=methodist,
    )
    login("larisa")
    page.goto(plan.get_absolute_url())
    assert row_texts(page) == ["Семинар для педагогов", "Педсовет", "Круглый стол"]

    grip = page.locator("tr", has_text="Круглый стол").locator("[data-drag-item]")
    target = page.locator("tr", has_text="Семинар для педагогов").locator("td").nth(1)
    grip.drag_to(target, target_position={"x": 10, "y": 2})  # the upper half of the first row: put it before
    expect(page.locator("tr[data-item]").first).to_contain_text("Круглый стол")
    page.wait_for_load_state("networkidle")
    screenshot("plan-reorder-dropped")

    page.reload()
    assert row_texts(page) == ["Круглый стол", "Семинар для педагогов", "Педсовет"]
    positions = dict(PlanItem.objects.filter(plan=plan).values_list("activity", "position"))
    assert positions == {"Круглый стол": 1, "Семинар для педагогов": 2, "Педсовет": 3}


def test_the_methodist_names_a_teacher_and_a_school_from_the_directory(
    page, login, methodist, amursky, school, teacher, screenshot
):
    plan = make_plan(amursky, items=[("Семинар для педагогов", "октябрь")], by=methodist)
    login("larisa")
    page.goto(plan.get_absolute_url())
    page.get_by_role("button", name=re.compile("Изменить пункт")).click()
    form = page.get_by_role("form", name="Пункт плана")
    form.get_by_role("combobox", name="Ответственные сотрудники").fill("Петров")
    page.locator(".ts-dropdown .option", has_text="Петров П. — МБОУ СОШ № 1 г. Амурска").click()
    form.get_by_role("combobox", name="Ответственные организации").fill("СОШ № 1")
    page.locator(".ts-dropdown .option", has_text="МБОУ СОШ № 1 г. Амурска").click()
    page.keyboard.press("Escape")
    screenshot("plan-item-responsible-picks")
    form.get_by_role("button", name="Сохранить").click()

    row = page.locator("tr[data-item]", has_text="Семинар для педагогов")
    expect(row).to_contain_text("РМЦ (Петров П., МБОУ СОШ № 1 г. Амурска)")
    screenshot("plan-item-responsible-shown")
    item = PlanItem.objects.get(plan=plan)
    assert list(item.responsible_users.all()) == [teacher]
    assert list(item.responsible_organizations.all()) == [school]
