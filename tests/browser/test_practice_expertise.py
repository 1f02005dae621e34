"""The expertise of a practice in a real browser: the data-bank moderator sends a submitted practice to expertise,
the experts score it (through the services), the moderator publishes it, and its page shows the expert conclusion
and its first edition."""

import pytest
from playwright.sync_api import expect

from innoinfra.practices.enums import PracticeState as S
from innoinfra.review import services as review_services

from ..practices.factories import make_practice, score

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Сетевая модель формирования функциональной грамотности"


def test_the_moderator_sends_to_expertise_and_publishes_with_the_conclusion(
    page, login, teacher, moderator, expert, school, screenshot
):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED, title=TITLE)
    login("marina")
    page.goto("/practices/moderation/")
    expect(page.get_by_role("tab", name="Ждут проверки")).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Отправить на экспертизу").click()
    expect(page.get_by_text("Практика отправлена на экспертизу.")).to_be_visible()
    expect(page.get_by_test_id("expertise-progress")).to_contain_text("эксперты ещё не назначены")

    practice.refresh_from_db()
    assignment = review_services.assign(practice.expertise, expert)
    page.reload()
    expect(page.get_by_test_id("expertise-progress")).to_contain_text("оценки отправили 0 из 1 эксперта")
    expect(page.get_by_role("button", name="Опубликовать")).to_have_count(0)  # not before the expertise
    score(assignment, [2, 2, 1, 2, 1], conclusion="Практика актуальна, результаты подтверждены мониторингом.")

    page.goto("/practices/moderation/")
    # the first tab with work in it is open
    expect(page.get_by_role("tab", name="Экспертиза завершена — нужно решение")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_test_id("section-decide").get_by_test_id("progress")).to_have_text("оценки: 1 из 1")
    screenshot("practice-moderation-decide")
    page.get_by_test_id("section-decide").get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Практика опубликована в банке данных.")).to_be_visible()
    conclusion = page.get_by_test_id("conclusion")
    expect(conclusion).to_contain_text("8 из 10 баллов")
    expect(conclusion).to_contain_text("Эксперт 1 — 8 из 10 баллов, «Рекомендовать».")
    expect(conclusion).not_to_contain_text(expert.last_name)
    expect(page.get_by_test_id("versions")).to_contain_text("Редакция 1")
    page.screenshot(path="/tmp/practice_expertise.png", full_page=True)
    screenshot("practice-expertise-published")
    page.get_by_test_id("versions").get_by_role("link", name="Редакция 1").click()
    expect(page.get_by_text("Это действующая редакция")).to_be_visible()
