"""Лариса opens the calendar of due dates, finds her seminar on its day and goes to it in the plan."""

import re

import pytest
from playwright.sync_api import expect

from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_finds_an_item_in_the_month_and_opens_it(page, login, methodist, amursky, screenshot):
    plan = make_plan(
        amursky,
        items=[("Семинар «Первые шаги к инновациям»", "октябрь"), ("Круглый стол", "май")],
        approved=True,
        by=methodist,
    )
    make_plan(amursky, title="Другой план", items=[("Конференция", "октябрь")], approved=True, by=methodist)
    item = plan.items.get(activity__startswith="Семинар")
    login("larisa")
    page.goto("/plans/calendar/?month=2024-09")
    expect(page.get_by_test_id("calendar-month")).to_have_text("Сентябрь 2024")
    page.get_by_role("link", name="Следующий месяц").click()
    expect(page.get_by_test_id("calendar-month")).to_have_text("Октябрь 2024")

    day = page.locator('td[data-date="2024-10-31"]')
    expect(day).to_contain_text("Семинар «Первые шаги к инновациям»")
    expect(day).to_contain_text("Конференция")
    expect(page.locator("table.calendar-month")).not_to_contain_text("Круглый стол")
    screenshot("plan-calendar-month")

    page.get_by_label("План").select_option(label=plan.title)  # the filter applies itself
    expect(page).to_have_url(re.compile(rf"plan={plan.pk}"))
    expect(day).not_to_contain_text("Конференция")
    expect(page.get_by_label("Ссылка на календарь")).to_have_value(
        re.compile(rf"calendar\.ics\?token={plan.feed_token}")
    )

    day.get_by_role("link", name=re.compile("Семинар")).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/#item-{item.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(plan.title)
