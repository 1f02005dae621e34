"""A methodist writes a plan in the browser, approves it, marks an item done and finds overdue items."""

import re

import pytest
from playwright.sync_api import expect

from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus, PlanState
from innoinfra.plans.models import PlanItem

from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_adds_edits_and_moves_items_without_reloading(page, login, methodist, amursky, screenshot):
    plan = make_plan(amursky, items=[("Семинар для координаторов", "октябрь")], by=methodist)
    login("larisa")
    page.goto(plan.get_absolute_url())
    # A marker on the window survives HTMX swaps but not a page load.
    page.evaluate("window.notReloaded = true")

    page.get_by_role("button", name="Добавить мероприятие в раздел").click()
    form = page.get_by_role("form", name="Новое мероприятие")
    form.get_by_label("№").fill("2")
    form.get_by_label(re.compile("^Мероприятие")).fill("Мастер-класс «Как превратить идею в проект»")
    form.get_by_label("Сроки").fill("ноябрь, март")
    form.get_by_label("Ответственный").fill("МКУ РМЦ")
    screenshot("plan-item-form")
    form.get_by_role("button", name="Сохранить").click()

    row = page.locator("tr", has_text="Как превратить идею в проект")
    expect(row).to_contain_text("ноябрь 2024")
    expect(row).to_contain_text("март 2025")

    page.get_by_role("button", name="Добавить раздел").click()
    page.get_by_label("Наименование раздела").fill("2. Методическое сопровождение")
    page.get_by_role("form", name="Раздел плана").get_by_role("button", name="Сохранить").click()
    expect(page.locator("th", has_text="2. Методическое сопровождение")).to_be_visible()

    item = PlanItem.objects.get(activity__startswith="Мастер-класс")
    page.get_by_role("button", name="Изменить пункт 2").click()
    edit = page.get_by_role("form", name="Пункт плана")
    edit.get_by_label("Раздел").select_option(label="2. Методическое сопровождение")
    edit.get_by_label("Сроки").fill("ежеквартально")
    edit.get_by_role("button", name="Сохранить").click()

    section_body = page.locator("tbody", has=page.locator("th", has_text="2. Методическое сопровождение"))
    expect(section_body).to_contain_text("Как превратить идею в проект")
    expect(section_body).to_contain_text("ежеквартально")
    assert page.evaluate("window.notReloaded") is True
    screenshot("plan-editing")
    item.refresh_from_db()
    assert item.section.title == "2. Методическое сопровождение" and item.occurrences.count() == 4


def test_approving_and_marking_an_item_done(page, login, methodist, amursky, screenshot):
    plan = make_plan(
        amursky, items=[("Семинар «Первые шаги к инновациям»", "октябрь"), ("Круглый стол", "май")], by=methodist
    )
    login("larisa")
    page.goto(plan.get_absolute_url())
    page.get_by_label("или номер").fill("45-Д")
    page.get_by_label("дата").fill("2024-08-30")
    page.get_by_role("button", name="Утвердить").click()
    expect(page.get_by_role("alert")).to_contain_text("Утверждён")
    expect(page.get_by_text("утверждён приказом")).to_be_visible()

    page.locator("tr", has_text="Первые шаги").get_by_role("button", name=re.compile("октябрь 2024")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Выполнение").select_option(label="Выполнено")
    dialog.get_by_label("Дата выполнения").fill("2024-10-17")
    dialog.get_by_label("Комментарий").fill("Проведён, 28 участников")
    dialog.get_by_label("Подтверждение: ссылка").fill("https://rmc.example.ru/news/17")
    screenshot("plan-execution-dialog")
    dialog.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_text("Отметка о выполнении сохранена.")).to_be_visible()
    expect(page.locator("tr", has_text="Первые шаги").locator(".text-bg-success")).to_be_visible()
    screenshot("plan-approved-with-execution")
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    occurrence = plan.occurrences.get(item__activity__contains="Первые шаги")
    assert occurrence.status == OccurrenceStatus.DONE and occurrence.evidence.count() == 1


def test_the_overdue_dashboard(page, login, methodist, amursky, screenshot):
    plan = make_plan(
        amursky,
        items=[("Семинар по наставничеству", "октябрь"), ("Конкурс методических разработок", "март")],
        approved=True,
    )
    services.record_execution(plan.occurrences.get(item__activity__startswith="Конкурс"), status=OccurrenceStatus.DONE)
    login("larisa")
    page.goto("/plans/")
    page.get_by_role("link", name="Исполнение").click()
    expect(page.get_by_role("heading", name="Исполнение планов")).to_be_visible()
    table = page.locator("table")
    expect(table).to_contain_text("Семинар по наставничеству")
    expect(table).not_to_contain_text("Конкурс методических разработок")
    screenshot("plans-dashboard")

    page.locator("tr", has_text="Семинар по наставничеству").get_by_role("button", name="Выполнено").click()
    expect(page.get_by_text("Просроченных мероприятий нет.")).to_be_visible()
    assert plan.occurrences.get(item__activity__startswith="Семинар").status == OccurrenceStatus.DONE


def test_the_dashboard_plan_filter_finds_a_plan_by_its_title(page, login, methodist, amursky, screenshot):
    for index in range(3):
        make_plan(amursky, title=f"План работы площадки № {index}", items=[("Семинар", "октябрь")], approved=True)
    wanted = make_plan(
        amursky, title="Дорожная карта наставничества", items=[("Школа молодого педагога", "март")], approved=True
    )
    login("larisa")
    page.goto("/plans/execution/")
    expect(page.locator("table")).to_contain_text("Семинар")
    box = page.get_by_role("combobox", name="План")
    box.click()
    box.fill("наставн")
    option = page.get_by_role("option", name="Дорожная карта наставничества")
    expect(option).to_be_visible()
    screenshot("plans-dashboard-plan-filter")
    option.click()
    expect(page).to_have_url(re.compile(f"plan={wanted.pk}"))
    table = page.locator("table")
    expect(table).to_contain_text("Школа молодого педагога")
    expect(table).not_to_contain_text("Семинар")
    screenshot("plans-dashboard-one-plan")


def test_the_row_buttons_move_date_and_delete_items(page, login, methodist, amursky, screenshot):
    """The row buttons take their target and swap from their group (the page no longer repeats them per button)."""
    plan = make_plan(amursky, items=[("Семинар для координаторов", "октябрь"), ("Круглый стол", "май")], by=methodist)
    first, second = plan.items.order_by("position")
    PlanItem.objects.filter(pk=first.pk).update(number="1")
    PlanItem.objects.filter(pk=second.pk).update(number="2")
    login("larisa")
    page.goto(plan.get_absolute_url())
    page.evaluate("window.notReloaded = true")

    page.get_by_role("group", name="Пункт 1").get_by_role("button", name="Ниже").click()
    expect(page.locator("tr[data-item]").first).to_contain_text("Круглый стол")

    page.locator(f"#item-{second.pk}").get_by_role("button", name="Задать даты пункта вручную").click()
    expect(page.locator("#plan-modal")).to_be_visible()
    screenshot("plan-row-dates-dialog")
    # «Отмена», not Escape: Bootstrap ignores keys while the dialog is still fading in, as on a loaded machine
    page.locator("#plan-modal").get_by_role("button", name="Отмена").click()
    expect(page.locator("#plan-modal")).to_be_hidden()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Удалить пункт 2").click()
    expect(page.locator("tr[data-item]")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True
    screenshot("plan-row-buttons")
