"""Mentoring in a real browser: Ирина (head of school № 1) asks for a mentor, Лариса (methodist) picks the best
suggested one, and the pair's page records the first meeting."""

import re

import pytest
from playwright.sync_api import expect

from innoinfra.mentoring import services
from innoinfra.mentoring.models import MentoringPair

from ..factories import DirectionFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    """The field with exactly this label (a required one ends in «*»)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def choose(page, label, text):
    """Pick an option of a Tom Select field as a person does: click, type, pick from the list."""
    control = page.get_by_role("combobox", name=re.compile(rf"^{re.escape(label)}\s*\*?$"))
    control.click()
    control.fill(text)
    option = page.locator(".ts-dropdown .option:visible", has_text=text).first
    expect(option).to_be_visible()
    option.click()
    page.keyboard.press("Escape")


def test_a_school_asks_for_a_mentor_the_methodist_matches_and_the_pair_meets(
    page, login, orgadmin, methodist, amursky, vyselki, screenshot
):
    literacy = DirectionFactory(name="Функциональная грамотность")
    DirectionFactory(name="Цифровая образовательная среда")
    gymnasium = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    services.create_offer(
        by=None,
        mentor_organization=gymnasium,
        directions=[literacy],
        topics="Банк заданий по функциональной грамотности, открытые уроки, сетевые пробы.",
        capacity=2,
        contact="Заместитель директора, тел. 2-45-18",
    )
    services.create_offer(
        by=None,
        mentor_organization=OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 1 ст-цы Выселки"),
        topics="Школьный музей и программа воспитания.",
    )

    login("irina")
    page.goto("/")
    page.get_by_role("button", name="Планы").click()
    page.get_by_role("link", name="Наставничество").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Наставничество в инновационной деятельности")
    page.get_by_role("link", name="Подать запрос").click()
    field(page, "Тема").fill("Функциональная грамотность в 5–9 классах")
    choose(page, "Направления", "Функциональная")
    field(page, "Какая помощь нужна").fill("Задания используются эпизодически, нужна система и внутренняя оценка.")
    field(page, "Контактное лицо").fill("Иванова И. С., директор")
    screenshot("mentoring-request-form")
    page.get_by_role("button", name="Подать запрос").click()
    expect(page.get_by_role("alert")).to_contain_text("Запрос подан")
    expect(page.get_by_text("Ждёт наставника", exact=True)).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    login("larisa")
    page.goto("/mentoring/requests/")
    page.get_by_role("link", name=re.compile("Функциональная грамотность в 5–9 классах")).click()
    suggestions = page.get_by_test_id("suggestions")
    expect(suggestions.locator("label").first).to_contain_text("МБОУ Гимназия № 8")
    expect(suggestions.locator("label").first).to_contain_text("Общие направления: Функциональная грамотность")
    screenshot("mentoring-suggestions")
    page.get_by_role("radio", name="МБОУ Гимназия № 8").check()
    field(page, "Цель и план работы").fill("Система заданий и внутренняя оценка к концу учебного года.")
    page.get_by_role("button", name="Назначить наставника").click()
    expect(page.get_by_role("alert")).to_contain_text("Наставник назначен")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Наставничество: Функциональная грамотность в 5–9 классах"
    )

    field(page, "Формат").select_option(label="Посещение, стажировка на базе наставника")
    field(page, "Что сделано").fill("Посетили три открытых урока в гимназии, разобрали приёмы работы с текстом.")
    field(page, "Результаты и договорённости").fill("По два урока с заданиями к следующей встрече.")
    page.get_by_role("button", name="Отметить встречу").click()
    expect(page.get_by_role("alert")).to_contain_text("Встреча отмечена")
    meetings = page.get_by_test_id("meetings")
    expect(meetings).to_contain_text("Посещение, стажировка на базе наставника")
    expect(meetings).to_contain_text(re.compile(r"\d{1,2} [а-я]+ \d{4} г\."))
    screenshot("mentoring-pair")
    assert MentoringPair.objects.get().meetings.count() == 1


@pytest.mark.parametrize("width", [1200])
def test_the_menu_with_mentoring_still_fits(page, login, methodist, width):
    methodist.middle_name = "Петровна"
    methodist.save()
    page.set_viewport_size({"width": width, "height": 700})
    login("larisa")
    page.goto("/mentoring/")
    container = page.locator("nav.navbar > .container")
    sizes = container.evaluate("el => [el.scrollWidth, el.clientWidth, el.offsetHeight]")
    assert sizes[0] <= sizes[1] and sizes[2] < 60, sizes
