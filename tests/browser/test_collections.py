"""A collection in a real browser: the methodist compiles three published practices (by registry number and from a
search), puts them in order, builds the DOCX and downloads it."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from ..practice_collections.factories import published_practices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Лучшие практики инновационной деятельности"


def test_the_methodist_builds_a_collection_and_downloads_the_docx(page, login, methodist, school, amursky, screenshot):
    practices = published_practices(school, 3)
    login("larisa")
    page.goto("/")
    page.get_by_role("button", name="Практики").click()
    page.get_by_role("link", name="Сборники практик").click()
    page.get_by_role("link", name="Новый сборник").click()
    page.get_by_label("Название").fill(TITLE)
    page.get_by_label("Подзаголовок").fill("Сборник материалов августовского совещания")
    page.get_by_label("Предисловие").fill("В сборник вошли практики, представленные на августовском совещании.")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Сборник создан. Добавьте в него практики.")).to_be_visible()

    page.get_by_label("Номер практики в банке данных").fill(practices[2].registry_number)
    page.get_by_role("button", name="Добавить", exact=True).click()
    expect(page.get_by_text("Добавлено практик: 1.")).to_be_visible()
    page.get_by_label("Найти в банке практик").fill("грамотность")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("found").get_by_role("checkbox")).to_have_count(2)
    page.get_by_role("button", name="Добавить отмеченные").click()
    expect(page.get_by_text("Добавлено практик: 2.")).to_be_visible()
    entries = page.get_by_test_id("entries").get_by_role("listitem")
    expect(entries).to_have_count(3)
    entries.nth(0).get_by_role("button", name="Ниже").click()  # search results come newest first: 3, 2, 1 → 2, 3, 1
    expect(entries.nth(1)).to_contain_text(practices[2].title)
    screenshot("collection-edit")

    page.get_by_role("link", name="К сборнику").click()
    page.get_by_role("button", name="Собрать DOCX").click()
    expect(page.get_by_text("Сборник в формате DOCX готов.")).to_be_visible()
    expect(page.get_by_test_id("build-docx")).to_contain_text("100 %")
    screenshot("collection-built")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-docx").click()
    path = download_info.value.path()
    with open(path, "rb") as stored:
        document = Document(io.BytesIO(stored.read()))
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"][2:]
    assert chapters == [f"{n}. {p.title}" for n, p in enumerate([practices[1], practices[2], practices[0]], 1)]
