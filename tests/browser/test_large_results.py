"""A bank larger than the count cap in a real browser: the catalogue sorted by the teachers' rating, and a search
whose matches are more than the cap says so in Russian and lists the freshest."""

import pytest
from playwright.sync_api import expect

from innoinfra.core import fulltext
from innoinfra.practices.enums import PracticeState as S
from innoinfra.translator import services as translator
from tests.factories import UserFactory
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalogue_by_rating_and_a_search_beyond_the_cap(page, school, screenshot, monkeypatch):
    monkeypatch.setattr(fulltext, "COUNT_CAP", 3)
    marks = {"novelty": 0, "significance": 0, "reproducibility": 0, "description_quality": 0}
    for n, mark in enumerate([3, 5, None, 4, 2]):
        practice = make_practice(school, state=S.PUBLISHED, title=f"Проектная деятельность: практика {n + 1}")
        if mark:
            translator.rate(practice, by=UserFactory(), **{name: mark for name in marks})
    fulltext.rebuild()

    page.goto("/practices/?sort=rating")
    expect(page.get_by_test_id("found")).to_have_text("Найдено более 3 практик")
    items = page.locator(".list-group-item .fw-semibold")
    expect(items).to_have_text(
        [
            "Проектная деятельность: практика 2",
            "Проектная деятельность: практика 4",
            "Проектная деятельность: практика 1",
        ]
    )
    screenshot("catalogue-by-rating-capped")

    page.goto("/search/?q=проектная+деятельность")
    expect(page.get_by_test_id("search-capped")).to_contain_text("Найдено более 3 записей, показаны самые свежие")
    expect(page.get_by_test_id("search-results").get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_test_id("search-tabs")).to_contain_text("более 3")
    screenshot("search-beyond-cap")
