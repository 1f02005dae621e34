"""A teacher enters an article about the school's project; a visitor finds it on the home page, in the catalogue and
on the school's page."""

import re

import pytest
from playwright.sync_api import expect

from ..factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_publishes_and_a_visitor_finds_it(page, login, teacher, school, screenshot, live_server):
    site = make_site(organization=school)
    login("petr")
    page.goto(f"{live_server.url}/publications/")
    page.get_by_role("link", name="Новая публикация").click()
    form = page.get_by_role("form", name="Новая публикация")
    form.get_by_label("Вид").select_option(label="Интервью")
    form.get_by_label("Уровень").select_option(label="Региональный")
    form.get_by_label("Заголовок").fill("Проектная неделя: как школа учит учиться")
    form.get_by_label("Издание, СМИ или сайт").fill("Газета «Амурский труженик»")
    form.get_by_label("Дата публикации").fill("2025-05-20")
    form.get_by_label("Ссылка").fill("https://example.org/interview")
    form.get_by_label("Инновационная площадка").select_option(index=1)
    screenshot("publication-form")
    form.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("heading", name="Проектная неделя: как школа учит учиться")).to_be_visible()
    expect(page.get_by_text("20 мая 2025 г.")).to_be_visible()
    expect(page.get_by_role("link", name=site.theme)).to_be_visible()
    screenshot("publication-page")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    news = page.get_by_test_id("news")
    expect(news.get_by_role("link", name=re.compile("Проектная неделя"))).to_be_visible()
    page.goto(f"{live_server.url}/publications/?level=regional")
    expect(page.get_by_test_id("found")).to_have_text("Найдено: 1 публикация")
    page.goto(f"{live_server.url}{school.get_absolute_url()}")
    expect(page.get_by_test_id("publications").get_by_role("link", name=re.compile("Проектная неделя"))).to_be_visible()
    screenshot("publication-organization-page")
