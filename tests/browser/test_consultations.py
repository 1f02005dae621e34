"""A methodist offers a consultation hour, a school head books it with her question, the methodist records it as
held, and it is in the log with its totals."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.consultations.models import ConsultationSlot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_hour_offered_booked_and_recorded(page, login, methodist, orgadmin, school, screenshot, live_server):
    when = timezone.localtime() + dt.timedelta(days=7)
    login("larisa")
    page.goto(f"{live_server.url}/consultations/hours/")
    page.get_by_text("Назначить консультационный час").click()
    offer = page.get_by_role("form", name="Назначить консультационный час")
    offer.get_by_label("Начало").fill(when.strftime("%Y-%m-%dT10:00"))
    offer.get_by_label("Продолжительность, мин").fill("45")
    offer.get_by_label("Темы").fill("Паспорт проекта, отчёт площадки")
    offer.get_by_role("button", name="Назначить").click()
    expect(page.get_by_text("Консультационный час назначен.")).to_be_visible()

    page.context.clear_cookies()
    login("irina")
    page.goto(f"{live_server.url}/consultations/hours/")
    hour = page.get_by_test_id("hour").first
    hour.get_by_label("Вопрос").fill("Как описать новизну проекта?")
    hour.get_by_role("button", name="Записаться").click()
    expect(page.get_by_text("Вы записаны на консультацию.")).to_be_visible()
    screenshot("consultation-hours-booked")
    # the hour comes: it may be marked held once it has begun
    ConsultationSlot.objects.update(starts_at=timezone.now() - dt.timedelta(minutes=5))

    page.context.clear_cookies()
    login("larisa")
    page.goto(f"{live_server.url}/consultations/hours/")
    hour = page.get_by_test_id("hour").first
    expect(hour.get_by_text("Записалась: МБОУ СОШ № 1 г. Амурска")).to_be_visible()
    hour.get_by_label("Результат").fill("Новизна сформулирована, паспорт к 1 марта")
    hour.get_by_role("button", name="Проведена — в журнал").click()
    expect(page.get_by_text("Консультация записана в журнал.")).to_be_visible()

    page.goto(f"{live_server.url}/consultations/")
    expect(page.get_by_test_id("totals")).to_contain_text("1 консультация, 1 участник, 0,8 ч.")
    page.get_by_role("link", name="Как описать новизну проекта?").click()
    expect(page.get_by_text("Новизна сформулирована, паспорт к 1 марта")).to_be_visible()
    screenshot("consultation-detail")
