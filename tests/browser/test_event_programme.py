"""Announce → register → attend by QR → certificate, in a real browser: the methodist adds a part of the programme
and a question, a visitor registers answering it, at the door the methodist opens the check-in link of the
visitor's QR code on a phone and marks her present; after the event the certificate is issued, downloaded by the
participant and confirmed by its public page."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from innoinfra.events.checkin import checkin_code
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Certificate, Event, Registration, Session
from tests.events.factories import make_event

from .test_create_site import field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_programme_question_registration_and_check_in_by_qr(page, login, methodist, school, screenshot):
    # it starts in half an hour: registration is still open, and the door (check-in) already is
    event = make_event(school, title="Осенняя школа творческих педагогов", starts_in=dt.timedelta(minutes=30), hours=3)
    login("larisa")
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("link", name="Изменить").click()
    settings = page.get_by_test_id("registration-settings")
    settings.get_by_label("Телефон").select_option(label="Обязательно")
    settings.get_by_label("Дополнительные вопросы").fill("Стаж работы в школе *\nКакие темы вам интересны?")
    screenshot("events-form-registration-settings")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Сведения о мероприятии сохранены.")).to_be_visible()

    page.get_by_role("link", name="Программа").click()
    form = page.get_by_test_id("session-form")
    # the start is offered: the event's own
    field(form, "Тема").fill("Инновационная площадка: с чего начать")
    field(form, "Выступающие").fill("Кривошеева Лариса Викторовна, методист\nСиденкова Наталья Евгеньевна")
    field(form, "Место (аудитория, адрес)").fill("Актовый зал")
    form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_text("В программу добавлено")).to_be_visible()
    expect(page.get_by_test_id("programme-session")).to_have_count(1)
    screenshot("events-programme-organizer")
    assert Session.objects.get().starts_at == event.starts_at

    # a visitor without an account
    page.get_by_title("Выйти").click()
    page.wait_for_url("**/")
    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_test_id("programme")).to_contain_text("Инновационная площадка: с чего начать")
    form = page.get_by_test_id("registration-form")
    field(form, "Фамилия, имя, отчество").fill("Смирнова Анна Петровна")
    field(form, "Электронная почта").fill("anna@example.org")
    field(form, "Телефон").fill("+7 914 000-00-00")
    field(form, "Стаж работы в школе").fill("7 лет")
    form.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    screenshot("events-registration-with-question")
    form.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_test_id("registration-state")).to_have_text("Участие подтверждено")
    expect(page.get_by_test_id("checkin-qr").locator("svg")).to_be_visible()
    screenshot("events-participant-qr")
    registration = Registration.objects.get()
    assert registration.answers == {"Стаж работы в школе": "7 лет"}

    # at the door: the methodist's phone camera opens the link the QR code carries
    checkin = f"/events/checkin/{checkin_code(registration)}/"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(checkin)
    expect(page.get_by_label("Логин или e-mail")).to_be_visible()  # a phone not logged in: the login page first
    page.get_by_label("Логин или e-mail").fill("larisa")
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("checkin-name")).to_have_text("Смирнова Анна Петровна")
    screenshot("events-checkin-phone")
    page.get_by_role("button", name="Отметить присутствие").click()
    expect(page.get_by_test_id("checkin-state")).to_have_text("Присутствовал(а)")
    screenshot("events-checkin-done-phone")
    registration.refresh_from_db()
    assert registration.state == RS.ATTENDED and registration.attended_at is not None

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/events/{event.pk}/participants/")
    expect(page.get_by_test_id("participant-answer").first).to_have_text("7 лет")
    screenshot("events-participants-answers")

    # the school is over: the methodist marks it held and issues the certificates
    began = timezone.now() - dt.timedelta(hours=3)
    Event.objects.filter(pk=event.pk).update(starts_at=began, ends_at=began + dt.timedelta(hours=3))
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("button", name="Отметить проведённым").click()
    expect(page.get_by_text("Мероприятие отмечено проведённым.")).to_be_visible()
    page.goto(f"/events/{event.pk}/certificates/")
    expect(page.get_by_test_id("pending-count")).to_have_text("1")
    page.get_by_role("button", name="Выдать сертификаты").click()
    expect(page.get_by_text("Выдано сертификатов: 1.")).to_be_visible()
    expect(page.get_by_test_id("batch")).to_contain_text("Готово: 1 из 1")
    certificate = Certificate.objects.get()
    expect(page.get_by_test_id("issued")).to_contain_text("Смирнова Анна Петровна")
    screenshot("events-certificates-organizer")

    # the participant downloads it from her own page, and anyone can check it by its number
    page.get_by_title("Выйти").click()
    page.wait_for_url("**/")
    page.goto(registration.get_absolute_url())
    documents = page.get_by_test_id("participant-certificates")
    expect(documents).to_contain_text(certificate.number)
    with page.expect_download() as download_info:
        documents.get_by_role("link", name=f"Сертификат участника № {certificate.number} (PDF)").click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and "Смирнова" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    documents.get_by_role("link", name="проверить подлинность").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Документ подлинный")
    expect(page.get_by_text("Смирнова Анна Петровна")).to_be_visible()
    screenshot("events-certificate-verified")
    assert page.goto("/certificates/2026-FAKE-FAKE/").status == 404


def test_materials_and_feedback(page, login, methodist, school, screenshot, tmp_path):
    from tests.events.factories import sign_up

    event = make_event(school, title="Семинар «Первые шаги к инновациям»")
    (registration,) = sign_up(event, 1)
    login("larisa")
    page.goto(f"/events/{event.pk}/materials/")
    form = page.get_by_test_id("material-form")
    slides = tmp_path / "slides.pdf"
    slides.write_bytes(b"%PDF-1.4 slides")
    field(form, "Название").fill("Презентация семинара")
    form.get_by_label("Файл").set_input_files(str(slides))
    form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_text("Материал «Презентация семинара» добавлен.")).to_be_visible()
    form = page.get_by_test_id("material-form")
    field(form, "Название").fill("Запись вебинара")
    field(form, "Ссылка").fill("https://video.example.org/seminar")
    form.get_by_label("Только для участников").uncheck()
    form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_test_id("material")).to_have_count(2)
    screenshot("events-materials-organizer")

    # the event has ended: the participant answers the short form on their page
    began = timezone.now() - dt.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=began, ends_at=began + dt.timedelta(hours=2))
    page.get_by_title("Выйти").click()
    page.wait_for_url("**/")
    page.goto(registration.get_absolute_url())
    expect(page.get_by_test_id("participant-materials")).to_contain_text("Презентация семинара")
    form = page.get_by_test_id("feedback-form")
    form.get_by_text("5", exact=True).click()
    form.get_by_label("Что было полезно").fill("Примеры заявок на статус площадки")
    screenshot("events-participant-feedback-form")
    form.get_by_role("button", name="Отправить отзыв").click()
    expect(page.get_by_test_id("feedback-thanks")).to_be_visible()
    screenshot("events-participant-feedback-done")

    login("larisa")
    page.goto(f"/events/{event.pk}/feedback/")
    expect(page.get_by_test_id("feedback-mean")).to_have_text("5,0")
    screenshot("events-feedback-organizer")
