"""A course of professional development in a real browser: the methodist announces «Осенняя школа» with its
modules, after it marks the final assessment, issues удостоверения, finds them in the register and downloads it."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from innoinfra.events import services
from innoinfra.events.models import Event

from ..events.factories import sign_up
from .test_create_site import choose, field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_runs_a_course_from_modules_to_the_register(page, login, methodist, school, screenshot, tmp_path):
    starts = timezone.localtime() + dt.timedelta(days=7)
    login("larisa")
    page.goto("/events/new/")
    field(page, "Название").fill("Осенняя школа творческих педагогов")
    field(page, "Форма проведения").select_option(label="Курсы повышения квалификации")
    choose(page, "Организатор", "СОШ № 1")
    field(page, "Начало").fill(starts.strftime("%Y-%m-%dT10:00"))
    field(page, "Окончание").fill((starts + dt.timedelta(days=2)).strftime("%Y-%m-%dT16:00"))
    field(page, "Место проведения (адрес)").fill("г. Амурск, МБОУ Гимназия № 8")
    field(page, "Объём программы, академических часов").fill("36")
    field(page, "Форма итоговой аттестации").select_option(label="Защита проекта")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Мероприятие создано как черновик")).to_be_visible()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Мероприятие опубликовано")).to_be_visible()
    event = Event.objects.get()

    page.get_by_role("link", name="Модули курса").click()
    form = page.get_by_test_id("module-form")
    for title, lecture, practice, self_study in (
        ("Коллективная интеллектуальная деятельность", "6", "10", "2"),
        ("Проектирование инновационного продукта", "4", "8", "4"),
    ):
        field(form, "Название модуля").fill(title)
        field(form, "Лекции, ч").fill(lecture)
        field(form, "Практика, ч").fill(practice)
        field(form, "Самостоятельная работа, ч").fill(self_study)
        form.get_by_role("button", name="Добавить модуль").click()
        expect(page.get_by_text(f"В программу добавлен модуль «{title}».")).to_be_visible()
    expect(page.get_by_test_id("course-total")).to_have_text("34")
    expect(page.get_by_test_id("hours-differ")).to_contain_text("34 часа, а объём программы указан 36 часов")
    field(form, "Название модуля").fill("Защита проектов")
    field(form, "Практика, ч").fill("2")
    form.get_by_role("button", name="Добавить модуль").click()
    expect(page.get_by_test_id("course-total")).to_have_text("36")
    expect(page.get_by_test_id("hours-differ")).to_have_count(0)
    screenshot("course-modules")

    # two teachers came to the course, which is now over
    people = sign_up(event, 2)
    began = timezone.now() - dt.timedelta(days=4)
    Event.objects.filter(pk=event.pk).update(starts_at=began, ends_at=began + dt.timedelta(days=2))
    services.mark_attendance(event, attended=[r.pk for r in people])
    services.mark_held(event)

    page.goto(f"/events/{event.pk}/course/assessment/")
    page.get_by_label(f"Итоговая аттестация: {people[0].full_name}").select_option(label="Аттестован(а)")
    page.get_by_label(f"Итоговая аттестация: {people[1].full_name}").select_option(label="Не аттестован(а)")
    page.get_by_role("button", name="Сохранить результаты").click()
    expect(page.get_by_text("Результаты итоговой аттестации сохранены.")).to_be_visible()
    page.get_by_role("button", name="Выдать удостоверения").click()
    expect(page.get_by_text("Выдано 1 удостоверение.")).to_be_visible()
    number = f"ПК-{timezone.localdate().year}-0001"
    expect(page.get_by_role("link", name=f"№ {number}")).to_be_visible()
    screenshot("course-assessment")

    page.get_by_role("link", name="Реестр удостоверений этого курса").click()
    rows = page.get_by_test_id("register-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(number)
    expect(rows.first).to_contain_text(people[0].full_name)
    screenshot("course-register")
    with page.expect_download() as download_info:
        page.get_by_test_id("register-xlsx").click()
    target = tmp_path / "register.xlsx"
    download_info.value.save_as(target)
    values = list(load_workbook(io.BytesIO(target.read_bytes())).active.values)
    assert values[1][0] == number and values[1][2] == people[0].full_name and values[1][6] == 36
