"""Two people edit one plan item in two browsers: the one who saves second is told who saved first, loses nothing of
what she typed, and the first save stays."""

import re

import pytest
from playwright.sync_api import expect

from innoinfra.plans.models import PlanItem

from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_item_form(page, username: str, plan):
    page.goto("/accounts/login/")
    page.get_by_label("Логин или e-mail").fill(username)
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()
    page.goto(plan.get_absolute_url())
    row = page.locator("tr", has_text="Семинар для координаторов")
    row.get_by_role("button", name=re.compile("^Изменить пункт")).click()
    return page.get_by_role("form", name="Пункт плана")


def test_the_second_stale_save_sees_who_saved_first(browser, live_server, methodist, authority, amursky):
    plan = make_plan(amursky, items=[("Семинар для координаторов", "октябрь")], by=methodist)
    contexts = [
        browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900}, base_url=live_server.url)
        for _ in range(2)
    ]
    try:
        natalya_page, larisa_page = (context.new_page() for context in contexts)
        natalya = _open_item_form(natalya_page, "natalya", plan)
        larisa = _open_item_form(larisa_page, "larisa", plan)

        natalya.get_by_label(re.compile("^Мероприятие")).fill("Семинар Натальи")
        natalya.get_by_role("button", name="Сохранить").click()
        expect(natalya_page.locator("#plan-table")).to_contain_text("Семинар Натальи")

        larisa.get_by_label(re.compile("^Мероприятие")).fill("Семинар Ларисы")
        larisa.get_by_role("button", name="Сохранить").click()

        refused = larisa_page.get_by_role("form", name="Пункт плана")
        expect(refused.get_by_role("alert")).to_contain_text(
            re.compile(r"Запись изменил\(а\) Сиденкова Наталья в \d\d:\d\d \d+ [а-я]+ \d{4} г\.; обновите страницу")
        )
        expect(refused.get_by_label(re.compile("^Мероприятие"))).to_have_value("Семинар Ларисы")
        assert PlanItem.objects.get(plan=plan).activity == "Семинар Натальи"
    finally:
        for context in contexts:
            context.close()
