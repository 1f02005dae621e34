"""The data bank in a real browser: a teacher enters a practice and submits it, the methodist sends it to expertise
from the moderation queue and publishes it once the expert has scored it, and a visitor finds it from the menu by
another form of its words."""

import pytest
from playwright.sync_api import expect

from innoinfra.practices.models import Practice
from innoinfra.review import services as review_services

from ..practices.factories import score

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Проектная деятельность на инновационных площадках района"


def test_a_teacher_submits_the_methodist_publishes_a_visitor_finds(
    page, login, teacher, methodist, expert, school, screenshot
):
    login("petr")
    page.goto("/practices/mine/")
    page.get_by_role("link", name="Новая практика").click()
    page.get_by_label("Название").fill(TITLE)
    page.locator("main").get_by_label("Вид").select_option(label="Методическая разработка")
    page.get_by_label("Авторы").fill("Петров Пётр Алексеевич, учитель физики, МБОУ СОШ № 1 г. Амурска")
    page.get_by_label("Организация").select_option(label=school.short_name)
    page.get_by_label("ООО", exact=True).check()
    page.get_by_label("Аннотация").fill("Как организовать проектную деятельность школьников вместе с площадками.")
    page.get_by_label("Описание", exact=True).fill("Этапы, роли, критерии оценивания проектов.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Отправить на модерацию").click()
    expect(page.get_by_text("Практика отправлена на модерацию.")).to_be_visible()
    screenshot("practice-submitted")
    page.get_by_role("button", name="Выйти").click()

    login("larisa")
    page.goto("/practices/moderation/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Отправить на экспертизу").click()
    expect(page.get_by_text("Практика отправлена на экспертизу.")).to_be_visible()
    # the expert's part is a test of its own (test_practice_expertise.py): here through the services
    practice = Practice.objects.get(title=TITLE)
    score(review_services.assign(practice.expertise, expert), [2, 2, 2, 1, 1])
    page.reload()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Практика опубликована в банке данных.")).to_be_visible()
    expect(page.get_by_text("№ БД-")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    expect(page.get_by_role("link", name="Войти")).to_be_visible()  # a visitor from here on
    page.goto("/")
    # the data bank has its own place in the top menu, not under «Документы»
    page.get_by_role("button", name="Практики").click()
    page.get_by_role("link", name="Банк данных инновационной практики").click()
    page.get_by_role("main").get_by_label("Поиск").fill("площадка")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("found")).to_have_text("Найдено практик: 1")
    # a query alone is listed in the search's order, and the order's list says so
    expect(page.locator("select[name=sort] option:checked")).to_have_text("Сначала подходящие")
    # another order refreshes the list; the list of orders comes back with it and keeps the keyboard's place
    page.get_by_label("Порядок").focus()
    page.get_by_label("Порядок").select_option(label="Сначала новые")
    expect(page.locator("select[name=sort] option:checked")).to_have_text("Сначала новые")
    expect(page.get_by_label("Порядок")).to_be_focused()
    # in date order the count comes from the practices, not from the index: the two agree
    expect(page.get_by_test_id("found")).to_have_text("Найдено практик: 1")
    expect(page.locator("#results").get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.locator("#results mark").first).to_be_visible()  # the word found, marked in the snippet
    screenshot("practice-catalogue")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Опубликована", exact=True)).to_be_visible()
    screenshot("practice-detail")
