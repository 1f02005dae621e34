"""Open data in a real browser: a visitor follows the footer link to «Открытые данные», reads the table of sets and
downloads the data bank's CSV, which holds the published practice and not the draft."""

import csv
import io

import pytest
from playwright.sync_api import expect

from innoinfra.practices.enums import PracticeState

from ..practices.factories import make_practice
from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_downloads_the_practices_from_the_open_data_page(page, school, screenshot):
    make_practice(school, state=PracticeState.PUBLISHED, title="Сетевая модель функциональной грамотности")
    make_practice(school, title="Черновик, которого никто не видит")
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Открытые данные").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Открытые данные")
    row = page.get_by_test_id("set-practices")
    expect(row).to_contain_text("Банк данных инновационных практик")
    expect(page.get_by_test_id("licence")).to_contain_text("CC BY 4.0")
    assert_accessible(page)
    screenshot("opendata")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Данные набора «Банк данных инновационных практик» в CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("data-")
    assert download.suggested_filename.endswith("-structure-20261207.csv")
    with open(download.path(), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    titles = [r[rows[0].index("title")] for r in rows[1:]]
    assert titles == ["Сетевая модель функциональной грамотности"]
