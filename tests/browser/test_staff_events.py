"""In a real browser: a school's head registers two colleagues and herself in one form; a teacher finds the event
and the certificate on «Мои мероприятия и сертификаты» and checks it by its number; an Amursk event is shown in
Amursk time."""

import datetime as dt
import zoneinfo

import pytest
from playwright.sync_api import expect

from innoinfra.events import services
from innoinfra.events.certificates import services as certificates
from innoinfra.events.enums import RegistrationState
from innoinfra.events.models import Event, Registration
from tests.events.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_registers_two_colleagues_and_herself(page, login, orgadmin, school, screenshot):
    event = make_event(school, capacity=10)
    login("irina")
    page.goto(f"/events/{event.pk}/")
    page.get_by_test_id("group-register").click()
    rows = page.get_by_test_id("colleague-row")
    people = [
        ("Сидорова Анна Петровна", "учитель истории", "anna@example.org"),
        ("Кузнецов Олег Ильич", "учитель химии", "oleg@example.org"),
    ]
    for n, (name, position, email) in enumerate(people):
        rows.nth(n).get_by_label("Фамилия, имя, отчество").fill(name)
        rows.nth(n).get_by_label("Должность").fill(position)
        rows.nth(n).get_by_label("Электронная почта").fill(email)
    page.get_by_role("button", name="Добавить сотрудника").click()
    expect(rows).to_have_count(4)  # a row more, empty: it is skipped
    page.get_by_label("Зарегистрировать и меня").check()
    page.get_by_label("Сотрудники дали согласие").check()
    screenshot("events-group-registration-form")
    page.get_by_role("button", name="Зарегистрировать", exact=True).click()
    expect(page.get_by_text("Регистрация сотрудников принята")).to_be_visible()
    table = page.get_by_test_id("staff-table")
    for name in ("Сидорова Анна Петровна", "Кузнецов Олег Ильич", "Иванова Ирина"):
        expect(table).to_contain_text(name)
    screenshot("events-staff-registrations")
    made = Registration.objects.filter(event=event)
    assert made.count() == 3 and set(made.values_list("state", flat=True)) == {RegistrationState.CONFIRMED}
    assert made.get(email=orgadmin.email).user == orgadmin

    # the same colleague again: refused with her name, nothing added
    page.goto(f"/events/{event.pk}/staff/")
    rows.nth(0).get_by_label("Фамилия, имя, отчество").fill("Сидорова Анна Петровна")
    rows.nth(0).get_by_label("Электронная почта").fill("anna@example.org")
    page.get_by_label("Сотрудники дали согласие").check()
    page.get_by_role("button", name="Зарегистрировать", exact=True).click()
    expect(page.get_by_text("Уже зарегистрированы на это мероприятие: anna@example.org")).to_be_visible()
    assert made.count() == 3


def test_the_teacher_finds_the_certificate_and_checks_it(page, login, orgadmin, teacher, school, screenshot):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    (registration,) = services.register_staff(
        event=event,
        organization=school,
        people=[services.Colleague("Петров Пётр Алексеевич", teacher.email, "учитель физики")],
        consent=True,
        by=orgadmin,
        now=event.starts_at - dt.timedelta(days=2),
    )
    services.mark_attendance(event, attended=[registration.pk])
    services.mark_held(event)
    (certificate,) = certificates.issue_to_participants(event)
    login("petr")
    page.goto("/events/")
    page.get_by_role("link", name="Мои мероприятия и сертификаты").click()
    mine = page.get_by_test_id("my-events")
    expect(mine).to_contain_text(event.title)
    expect(mine.get_by_role("link", name=f"Сертификат участника № {certificate.number}")).to_be_visible()
    screenshot("events-teacher-mine")
    with page.expect_download() as download:
        mine.get_by_role("link", name=f"Сертификат участника № {certificate.number}").click()
    assert download.value.suggested_filename == f"Сертификат № {certificate.number}.pdf"

    page.get_by_role("contentinfo").get_by_role("link", name="Проверить сертификат").click()
    page.get_by_label("Номер сертификата").fill(certificate.number.lower())
    page.get_by_role("button", name="Проверить").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Документ подлинный")
    expect(page.get_by_text("Петров Пётр Алексеевич")).to_be_visible()
    screenshot("certificate-check-found")
    page.get_by_role("link", name="Проверить другой номер").click()
    page.get_by_label("Номер сертификата").fill("2026-AAAA-BBBB")
    page.get_by_role("button", name="Проверить").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Сертификат с номером 2026-AAAA-BBBB не найден")
    screenshot("certificate-check-unknown")


def test_an_amursk_event_is_shown_in_amursk_time(page, school, amursky, screenshot):
    amursky.time_zone = "Asia/Vladivostok"
    amursky.save()
    event = make_event(school, title="Семинар в Амурске")
    start = dt.datetime(2031, 3, 12, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Vladivostok"))
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    page.goto(f"/events/{event.pk}/")
    when = page.get_by_test_id("event-when")
    expect(when).to_contain_text("12 марта 2031 г., 10:00–12:00")
    expect(when).to_contain_text("владивостокское (хабаровское) время, UTC+10")
    screenshot("events-amursk-time")
