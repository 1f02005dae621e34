"""The school head downloads the application with its passport to sign and stamp: Word and PDF from the
application's page (issue 20, point 5)."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from innoinfra.core.typography import plain
from tests.office import pdf_pages, require_reader
from tests.review.factories import PASSPORT, make_application, make_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_downloads_the_application_as_word_and_pdf(page, login, screenshot, amursky, school, orgadmin, tmp_path):
    require_reader()
    school.head_name = "Загуменнова Людмила Викторовна"
    school.save()
    application = make_application(make_call(amursky), school, by=orgadmin, submitted=True, theme="Функциональная грамотность")
    login("irina")
    page.goto(application.get_absolute_url())
    expect(page.get_by_test_id("application-docx")).to_be_visible()
    screenshot("application-document-1-page")

    with page.expect_download() as download_info:
        page.get_by_test_id("application-docx").click()
    download = download_info.value
    assert download.suggested_filename == f"Заявка № {application.number} — Функциональная грамотность.docx"
    target = tmp_path / "application.docx"
    download.save_as(target)
    lines = [plain(p.text) for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "ЗАЯВКА" in lines and PASSPORT["goal"] in lines
    assert "Руководитель организации _______________ / Л. В. Загуменнова /" in lines

    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_test_id("application-pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"Заявка № {application.number} — Функциональная грамотность.pdf"
    target = tmp_path / "application.pdf"
    download.save_as(target)
    text = " ".join(pdf_pages(target.read_bytes()))
    assert "ПАСПОРТ ПРОЕКТА" in text and "М. П." in text and "Л. В. Загуменнова" in text
