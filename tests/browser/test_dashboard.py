"""Monitoring in a real browser: Лариса (methodist of Amursky) opens monitoring from the «Управление» menu, switches
to the 2025/2026 academic year, sees the chart of sites by kind with its table, and downloads that table as Excel."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from ..monitoring.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_reads_the_dashboard_of_a_year_and_downloads_a_table(
    page, login, methodist, amursky, vyselki, school, screenshot
):
    build_world(amursky, vyselki, school)
    login("larisa")
    page.get_by_role("button", name="Управление").click()
    page.get_by_role("link", name="Мониторинг").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мониторинг инновационной инфраструктуры")

    page.get_by_label("Учебный год").select_option(label="2025/2026 учебный год")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_test_id("monitoring-scope")).to_contain_text("2025/2026 учебный год")

    section = page.locator("#table-sites_by_kind")
    expect(section.get_by_role("heading")).to_have_text("Действующие площадки по видам")
    chart = section.locator("canvas[data-chart]")
    expect(chart).to_have_attribute("data-drawn", "1")  # Chart.js drew it
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    rows = section.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("МИП")
    expect(rows.first.locator("td").nth(1)).to_have_text("2")
    screenshot("monitoring-sites")

    with page.expect_download() as download_info:
        section.get_by_role("link", name="Excel").click()
    download = download_info.value
    assert download.suggested_filename == "monitoring-sites_by_kind-2025.xlsx"
    # the saved file has no extension, which openpyxl refuses: hand it the bytes
    with open(download.path(), "rb") as saved:
        sheet = load_workbook(io.BytesIO(saved.read())).active
    assert list(sheet.iter_rows(values_only=True))[1] == (
        "МИП",
        "Муниципальная инновационная площадка",
        2,
        2,
    )

    # the other dashboards keep the chosen year
    page.get_by_role("link", name="Исполнение планов").click()
    expect(page.get_by_test_id("monitoring-scope")).to_contain_text("2025/2026 учебный год")
    expect(page.locator("#table-overdue_sites tbody tr")).to_have_count(1)
    screenshot("monitoring-plans")
    page.get_by_role("link", name="Мероприятия, публикации, консультации и наставничество").click()
    expect(page.locator("#table-events_by_month canvas")).to_have_attribute("data-drawn", "1")
    screenshot("monitoring-events")
