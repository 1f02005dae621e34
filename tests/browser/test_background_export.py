"""A background export in a real browser: Лариса starts the analytical report from monitoring, follows its page until
the progress bar says done, downloads the file and opens it in Word (python-docx)."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from ..monitoring.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_orders_the_report_and_downloads_it(page, login, methodist, amursky, vyselki, school, screenshot):
    build_world(amursky, vyselki, school)
    login("larisa")
    page.goto("/monitoring/")
    page.get_by_test_id("report-start").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Аналитическая справка за")
    bar = page.get_by_role("progressbar", name="Готовность выгрузки")
    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=30_000)  # HTMX polls until the job is done
    expect(page.get_by_test_id("export-progress-status")).to_contain_text("Готово")
    screenshot("export-done")

    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as stored:
        text = "\n".join(p.text for p in Document(io.BytesIO(stored.read())).paragraphs)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text

    page.get_by_role("link", name="Мои выгрузки").click()
    expect(page.get_by_role("table")).to_contain_text("Готово")
    screenshot("export-list")
