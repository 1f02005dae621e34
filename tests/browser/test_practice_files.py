"""Materials of a practice in a real browser: the author attaches a DOCX to a draft; once the practice is published
a visitor finds it in the catalogue by a word that occurs only in the document."""

import io

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.practices.enums import PracticeState

from ..practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Школьный краеведческий маршрут"


def test_the_author_attaches_a_docx_and_the_catalogue_finds_its_words(page, login, teacher, school, tmp_path):
    practice = make_practice(school, by=teacher, title=TITLE)
    document = docx.Document()
    document.add_paragraph("Маршрут проходит по местам геокешинга в окрестностях Амурска.")
    path = tmp_path / "Маршрут.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())

    login("petr")
    page.goto(practice.get_absolute_url())
    page.get_by_role("link", name="Материалы").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Материалы практики")
    page.get_by_label("Название").fill("Описание маршрута")
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Добавить").click()
    expect(page.get_by_text("Материал «Описание маршрута» добавлен.")).to_be_visible()
    material = page.get_by_test_id("material")
    expect(material).to_contain_text("Описание маршрута")
    expect(material).to_contain_text("Текст извлечён для поиска.")
    page.get_by_text("Заменить новой версией").click()
    page.screenshot(path="/tmp/practice_files.png", full_page=True)

    # the moderation path is another test's business; a save publishes and re-indexes
    practice.refresh_from_db()
    practice.state, practice.published_at = PracticeState.PUBLISHED, timezone.now()
    practice.save()

    page.get_by_role("button", name="Выйти").click()
    page.goto("/practices/")
    page.get_by_role("main").get_by_label("Поиск").fill("геокешинг")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("found")).to_have_text("Найдено практик: 1")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("practice-files")).to_contain_text("Описание маршрута")
    with page.expect_download() as download:
        page.get_by_role("link", name="Описание маршрута").click()
    assert download.value.suggested_filename == "Маршрут.docx"
