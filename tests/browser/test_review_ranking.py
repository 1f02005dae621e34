"""The methodist opens the ranking of a call in a real browser: the application the experts disagree on stands out."""

import re

import pytest
from playwright.sync_api import expect

from ..review.test_ranking_views import scored_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_sees_the_disputed_application_highlighted(page, login, methodist, amursky, school, screenshot):
    world = scored_world(amursky, school, title="Конкурс на присвоение статуса МИП в 2025 году")
    login("larisa")
    page.goto(f"/calls/{world.call.pk}/ranking/")
    expect(page.get_by_role("heading", name="Рейтинг заявок")).to_be_visible()
    table = page.get_by_role("table", name="Рейтинг заявок")
    disputed = table.locator("tr[data-application='1']")
    calm = table.locator("tr[data-application='2']")
    expect(disputed).to_have_class(re.compile(r"\btable-warning\b"))
    expect(disputed).to_contain_text("эксперты расходятся")
    expect(disputed).to_contain_text("проходит")
    expect(calm).not_to_have_class(re.compile(r"\btable-warning\b"))
    expect(calm).to_contain_text("МБОУ Гимназия № 8")
    # the highlight is really painted: the disputed row's cells are not the plain table background
    colour = "el => getComputedStyle(el).backgroundColor"
    assert disputed.locator("td").first.evaluate(colour) != calm.locator("td").first.evaluate(colour)
    # № 2 (24 of 30) ranks first, № 1 (20) second
    expect(table.locator("tbody tr").first).to_have_attribute("data-application", "2")
    expect(table.locator("th abbr", has_text="К1")).to_have_attribute("title", "Актуальность")
    page.screenshot(path="/tmp/review_ranking.png", full_page=True)
    screenshot("review-ranking")

    page.get_by_role("link", name="С нормированием").click()
    expect(page).to_have_url(re.compile(r"normalise=1"))
    expect(page.get_by_role("link", name="С нормированием")).to_have_attribute("aria-current", "true")
    expect(page.get_by_text("строгость или мягкость эксперта")).to_be_visible()

    page.get_by_role("link", name="Ход экспертизы").click()
    progress = page.get_by_role("table", name="Ход экспертизы по экспертам")
    expect(progress.locator("tfoot")).to_contain_text("Всего")
    cells = progress.locator("tbody tr", has_text="Экспертова3").locator("td")
    expect(cells).to_have_text(["Экспертова3 Анна Ивановна", "2", "—", "1", "1", "—", "—"])
    screenshot("review-progress")
