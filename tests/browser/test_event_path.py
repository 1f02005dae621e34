"""An event in a real browser: the methodist announces it, a visitor without an account registers, and on the
day the methodist ticks who came."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event, Registration

from .test_create_site import choose, field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_announces_a_visitor_registers_and_the_methodist_marks_attendance(
    page, login, methodist, school, screenshot
):
    starts = timezone.localtime() + dt.timedelta(days=7)
    login("larisa")
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Мероприятия").click()
    screenshot("events-navbar-1366")
    page.get_by_role("link", name="Новое мероприятие").click()
    field(page, "Название").fill("Первые шаги к инновациям: семинар для молодых педагогов")
    field(page, "Форма проведения").select_option(label="Семинар")
    choose(page, "Организатор", "СОШ № 1")
    field(page, "Начало").fill(starts.strftime("%Y-%m-%dT10:00"))
    field(page, "Окончание").fill(starts.strftime("%Y-%m-%dT12:00"))
    field(page, "Место проведения (адрес)").fill("г. Амурск, пр. Мира, 14, актовый зал")
    field(page, "Число мест").fill("20")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Мероприятие создано как черновик")).to_be_visible()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Мероприятие опубликовано")).to_be_visible()
    screenshot("events-methodist-published")
    event = Event.objects.get()

    # a teacher of another school, without an account
    page.get_by_title("Выйти").click()
    page.goto("/events/")
    page.get_by_role("link", name="Первые шаги к инновациям").click()
    form = page.get_by_test_id("registration-form")
    field(form, "Фамилия, имя, отчество").fill("Смирнова Анна Петровна")
    field(form, "Организация").fill("МБОУ СОШ № 2 г. Амурска")
    field(form, "Электронная почта").fill("anna@example.org")
    form.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    screenshot("events-registration-form")
    form.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_test_id("registration-state")).to_have_text("Участие подтверждено")
    screenshot("events-participant-page")

    # the event has taken place: it began a day ago, whatever the hour the test runs at
    began = timezone.now() - dt.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=began, ends_at=began + dt.timedelta(hours=2))
    login("larisa")
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("link", name="Участники").click()
    page.get_by_label("Присутствовал(а): Смирнова Анна Петровна").check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.get_by_text("Присутствие отмечено: 1.")).to_be_visible()
    screenshot("events-attendance")
    assert Registration.objects.get().state == RS.ATTENDED
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("button", name="Отметить проведённым").click()
    expect(page.get_by_text("Мероприятие отмечено проведённым.")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/events/?past=on")
    screenshot("events-list-1280")
    event.refresh_from_db()
    page.goto(f"/events/month/?month={timezone.localtime(event.starts_at):%Y-%m}")
    expect(page.get_by_role("link", name="Первые шаги к инновациям")).to_be_visible()
    screenshot("events-month")


@pytest.mark.parametrize("width", [1200, 1280, 1366, 1440, 1920])
def test_the_staff_menu_with_events_fits_one_line(page, login, methodist, width, screenshot):
    """«Мероприятия» joined the menu: a methodist's full menu and account still fit the navbar's container."""
    methodist.middle_name = "Петровна"
    methodist.save()
    page.set_viewport_size({"width": width, "height": 700})
    login("larisa")
    page.goto("/events/")
    container = page.locator("nav.navbar > .container")
    sizes = container.evaluate("el => [el.scrollWidth, el.clientWidth, el.offsetHeight]")
    if width == 1280:
        screenshot("events-navbar-1280")
    assert sizes[0] <= sizes[1], f"{width}px: the menu is {sizes[0]}px wide in a {sizes[1]}px container"
    assert sizes[2] < 60, f"{width}px: the menu wraps ({sizes[2]}px high)"
    expect(page.get_by_role("link", name="Мероприятия", exact=True)).to_be_visible()
