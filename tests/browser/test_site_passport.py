"""The head of a school opens the school's site, edits its passport, finds the new version in the history and downloads
the passport in Word."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from innoinfra.core.typography import plain

from ..factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_edits_the_passport_and_finds_the_version(page, login, orgadmin, school, screenshot, live_server):
    site = make_site(organization=school)
    login("irina")
    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    section = page.get_by_role("region", name="Паспорт площадки")
    expect(section).to_be_visible()
    section.scroll_into_view_if_needed()
    screenshot("passport-site-section")
    section.get_by_role("link", name="Изменить паспорт").click()

    form = page.get_by_role("form", name="Паспорт площадки")
    form.get_by_label("Цель деятельности инновационной площадки").fill(
        "Создать модель формирования функциональной грамотности через проектную деятельность"
    )
    form.get_by_label("Новизна (инновационность)").fill("Сетевая модель проектной недели для 5–9 классов")
    form.get_by_label("Задачи на 2024/2025 учебный год").fill("Провести проектную неделю\nОбобщить опыт на семинаре")
    screenshot("passport-form")
    form.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_text("Паспорт площадки сохранён.")).to_be_visible()
    expect(page.get_by_role("heading", name="Паспорт инновационной площадки")).to_be_visible()
    expect(page.get_by_role("row", name="Задачи деятельности на 2024/2025 учебный год")).to_be_visible()
    screenshot("passport-page")

    page.get_by_role("link", name="История изменений").click()
    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Паспорт составлен по данным реестра")).to_have_count(1)
    newest = rows.nth(1)
    expect(newest).to_contain_text("Иванова")
    expect(newest).to_contain_text("Новизна (инновационность)")
    page.get_by_role("button", name="Сравнить версии").click()
    expect(page.get_by_role("heading", name="Сравнение версий 1 и 2")).to_be_visible()
    expect(page.get_by_text("Сетевая модель проектной недели для 5–9 классов")).to_be_visible()
    screenshot("passport-compare")

    page.goto(f"{live_server.url}/passports/sites/{site.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать в Word").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as file:
        document = Document(io.BytesIO(file.read()))
    cells = [plain(c.text) for row in document.tables[0].rows for c in row.cells]
    assert "Сетевая модель проектной недели для 5–9 классов" in cells
    assert "Задачи деятельности на 2024/2025 учебный год" in cells
