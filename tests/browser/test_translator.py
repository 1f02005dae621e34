"""The network translator in a real browser: a teacher rates a published practice and comments on it, the
methodist publishes the comment from the moderation queue, and a visitor sees it with the rating."""

import pytest
from playwright.sync_api import expect

from innoinfra.practices.enums import PracticeState

from ..practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Применили модель в 7-х классах: задания по финансовой грамотности особенно удались."


def test_a_teacher_rates_and_comments_the_methodist_publishes_a_visitor_sees(
    page, login, teacher, methodist, school, screenshot
):
    practice = make_practice(
        school, state=PracticeState.PUBLISHED, authors="Смирнова Мария Ивановна, учитель математики, МБОУ СОШ № 1"
    )
    login("petr")
    page.goto(practice.get_absolute_url())
    for label, score in (
        ("Новизна", "5"),
        ("Практическая значимость", "4"),
        ("Воспроизводимость", "4"),
        ("Качество описания", "3"),
    ):
        page.get_by_label(label).select_option(score)
    page.get_by_role("button", name="Сохранить оценку").click()
    expect(page.get_by_text("Спасибо, ваша оценка сохранена.")).to_be_visible()
    expect(page.get_by_test_id("rating-overall")).to_contain_text("Средняя оценка: 4,0")
    page.get_by_label("Ваш комментарий").fill(COMMENT)
    page.get_by_role("button", name="Отправить комментарий").click()
    expect(page.get_by_text("Комментарий отправлен на модерацию")).to_be_visible()
    expect(page.get_by_test_id("comments")).not_to_contain_text(COMMENT)
    screenshot("translator-rated")
    page.get_by_role("button", name="Выйти").click()

    login("larisa")
    page.goto("/translator/moderation/")
    expect(page.get_by_test_id("moderation")).to_contain_text(COMMENT)
    screenshot("translator-moderation")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Комментарий опубликован.")).to_be_visible()
    expect(page.get_by_text("Очередь пуста.")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    expect(page.get_by_role("link", name="Войти")).to_be_visible()  # a visitor from here on
    page.goto(practice.get_absolute_url())
    expect(page.get_by_test_id("comments")).to_contain_text(COMMENT)
    expect(page.get_by_test_id("rating-overall")).to_contain_text("(оценок: 1)")
    expect(page.get_by_role("button", name="Пожаловаться")).to_have_count(0)  # the anonymous do not report
    page.get_by_test_id("expertise").scroll_into_view_if_needed()
    screenshot("translator-visitor")
