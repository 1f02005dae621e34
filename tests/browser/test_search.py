"""The search box of every page in a real browser: a visitor types another form of a document's words in the menu
bar, sees it among the results with the words marked, narrows to documents and opens it."""

import pytest
from playwright.sync_api import expect

from innoinfra.core import fulltext
from tests.legal.factories import make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_document_from_the_menu_bar(page, school, screenshot):
    make_document(
        number="45",
        title="Положение о муниципальных инновационных площадках",
        summary="Порядок присвоения статуса площадки и отчётности площадок.",
    )
    fulltext.rebuild()
    page.goto("/registry/")
    box = page.get_by_role("searchbox", name="Поиск по системе")
    box.fill("инновационная площадка")
    box.press("Enter")
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("Положение о муниципальных инновационных площадках")
    expect(results.locator("mark").first).to_be_visible()
    screenshot("search-results")
    page.get_by_test_id("search-tabs").get_by_role("link", name="Нормативные документы").click()
    expect(page.get_by_test_id("search-results").get_by_role("listitem")).to_have_count(1)
    page.get_by_role("link", name="Положение о муниципальных инновационных площадках").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("№ 45")
