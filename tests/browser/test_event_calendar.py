"""A visitor opens the month of a busy day: the day shows its first events and «ещё N»; the link lists the whole day.
Then they filter the list by an organizer found by typing a word of its name (the names are not all in the page)."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..events.factories import make_event
from ..factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_busy_day_collapses_to_more_and_the_list_shows_the_day(page, school, screenshot):
    start = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(hour=9, minute=0)
    for i in range(9):
        make_event(school, title=f"Семинар № {i + 1}", starts_in=start + dt.timedelta(minutes=10 * i) - timezone.now())
    day = start.date()
    page.goto(f"/events/month/?month={day:%Y-%m}")
    cell = page.locator(f'td[data-date="{day:%Y-%m-%d}"]')
    expect(cell.locator("a.badge")).to_have_count(6)
    more = cell.get_by_test_id("calendar-more")
    expect(more).to_have_text("ещё 3 мероприятия")
    screenshot("events-month-busy-day")
    more.click()
    expect(page).to_have_url(re.compile(rf"/events/\?day={day:%Y-%m-%d}$"))
    expect(page.get_by_test_id("list-day")).to_contain_text(f"Мероприятия {day.day} ")
    expect(page.get_by_test_id("event-list").locator("a.list-group-item")).to_have_count(9)
    screenshot("events-list-of-a-day")


def test_the_organizer_is_found_by_typing(page, school, vyselki, screenshot):
    make_event(school, title="Семинар Амурска")
    other = OrganizationFactory(municipality=vyselki, short_name="МБОУ ООШ с. Выселки")
    make_event(other, title="Мастер-класс в Выселках")
    page.goto("/events/")
    box = page.locator("#id_organizer-ts-control")
    box.click()
    box.fill("выселк")
    option = page.locator(".ts-dropdown .option", has_text="МБОУ ООШ с. Выселки")
    expect(option).to_be_visible()
    screenshot("events-organizer-lookup")
    option.click()
    expect(page).to_have_url(re.compile(rf"organizer={other.pk}"))
    expect(page.get_by_test_id("event-list")).to_contain_text("Мастер-класс в Выселках")
    expect(page.get_by_test_id("event-list")).not_to_contain_text("Семинар Амурска")
