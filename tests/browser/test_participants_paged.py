"""A large event's participants in a real browser: the organizer pages through the list, ticks who came on the
second page and finds the first page's marks untouched; the state tabs narrow the list."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event, Registration
from innoinfra.events.views import manage

from ..events.factories import make_event, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_organizer_marks_attendance_page_by_page(page, login, methodist, school, screenshot, monkeypatch):
    monkeypatch.setattr(manage, "PARTICIPANTS_PAGE", 3)  # the live server runs in this process
    event = make_event(school, capacity=None, starts_in=dt.timedelta(days=2))
    people = sign_up(event, 7)
    began = event.starts_at - dt.timedelta(days=2, hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=began, ends_at=began + dt.timedelta(hours=2))

    login("larisa")
    page.goto(f"/events/{event.pk}/participants/")
    expect(page.get_by_test_id("participant-row")).to_have_count(3)
    page.get_by_label("Присутствовал(а): Участникова Мария 1").check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.get_by_text("Присутствие отмечено: 1.")).to_be_visible()

    page.get_by_role("link", name="Далее").click()
    expect(page.get_by_text("Страница 2 из 3")).to_be_visible()
    expect(page.get_by_test_id("participant-row").first).to_contain_text("4")
    page.get_by_label("Присутствовал(а): Участникова Мария 5").check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.get_by_text("Присутствие отмечено: 1.")).to_be_visible()
    expect(page.get_by_text("Страница 2 из 3")).to_be_visible()  # back where the organizer was
    expect(page.get_by_label("Присутствовал(а): Участникова Мария 5")).to_be_checked()
    screenshot("events-participants-page-2")

    attended = set(Registration.objects.filter(state=RS.ATTENDED).values_list("pk", flat=True))
    assert attended == {people[0].pk, people[4].pk}

    page.get_by_test_id("participant-states").get_by_role("link", name="Присутствовал(а): 2").click()
    expect(page.get_by_test_id("participant-row")).to_have_count(2)
    expect(page.get_by_label("Присутствовал(а): Участникова Мария 1")).to_be_checked()
    screenshot("events-participants-attended")
