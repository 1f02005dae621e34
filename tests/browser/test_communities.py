"""A network community in a real browser: Пётр (teacher) finds the open community of the methodist through the menu,
joins it and starts a discussion; Ирина (head of his school) joins too and replies."""

import re

import pytest
from playwright.sync_api import expect

from innoinfra.communities import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOT = "/tmp/communities.png"


def field(page, label):
    """The field with exactly this label (a required one ends in «*»)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def test_a_teacher_joins_starts_a_discussion_and_a_colleague_replies(
    page, login, methodist, teacher, orgadmin, amursky, screenshot
):
    community = services.create_community(
        by=methodist,
        title="Цифровая педагогика",
        municipality=amursky,
        description="Педагоги, которые применяют цифровые инструменты на уроках.",
    )
    services.publish_post(
        community, by=methodist, kind="news", title="Семинар-практикум 20 ноября", body="Приглашаем всех учителей."
    )

    login("petr")
    page.goto("/")
    page.get_by_role("button", name="Практики").click()
    page.get_by_role("link", name="Сетевые сообщества").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Сетевые сообщества педагогов")
    expect(page.get_by_test_id("communities")).to_contain_text("1 участник")
    page.get_by_role("link", name="Цифровая педагогика").click()
    page.get_by_role("button", name="Вступить в сообщество").click()
    expect(page.get_by_role("alert")).to_contain_text("Вы вступили в сообщество")

    page.get_by_role("link", name="Новая запись").click()
    field(page, "Заголовок").fill("«Перевёрнутый класс»: как проверять просмотр видео?")
    field(page, "Текст").fill("Треть класса приходит неподготовленной.\n\nКак вы проверяете, что видео посмотрели?")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_role("alert")).to_contain_text("Запись опубликована")
    expect(page.get_by_role("heading", level=1)).to_have_text("«Перевёрнутый класс»: как проверять просмотр видео?")

    page.context.clear_cookies()
    login("irina")
    page.goto(community.get_absolute_url())
    page.get_by_role("button", name="Вступить в сообщество").click()
    page.get_by_role("link", name=re.compile("Перевёрнутый класс")).click()
    field(page, "Ваш ответ").fill("Мы задаём 2–3 вопроса в электронной форме накануне урока.")
    page.get_by_role("button", name="Ответить").click()
    expect(page.get_by_role("alert")).to_contain_text("Ответ опубликован")
    expect(page.get_by_test_id("replies")).to_contain_text("Иванова Ирина")
    expect(page.get_by_test_id("replies")).to_contain_text("вопроса в электронной форме")
    page.screenshot(path=SHOT, full_page=True)
    screenshot("communities")

    page.goto(community.get_absolute_url())
    expect(page.get_by_test_id("feed")).to_contain_text("1 ответ")
    page.screenshot(path="/tmp/communities-feed.png", full_page=True)
