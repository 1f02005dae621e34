import pytest

from ..factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_shows_counts_and_newest_sites(page, school, screenshot):
    make_site(organization=school, theme="Функциональная грамотность через проекты")
    page.goto("/")
    counts = page.get_by_test_id("counts")
    assert "1" in counts.inner_text()
    assert "действующая площадка" in counts.inner_text()
    assert page.get_by_text("Функциональная грамотность через проекты").is_visible()
    screenshot("home")
