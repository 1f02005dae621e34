"""Людмила (`chair`) closes a meeting in the browser: «Заседание проведено» first lists the question still without a
decision and offers no confirmation; once it is postponed, the confirmation marks the meeting held with protocol № 1;
«Протокол подписан» then locks its decisions."""

import pytest
from playwright.sync_api import expect

from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.council.models import Meeting

from .conftest import add_item, decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_holds_the_meeting_only_when_every_question_is_decided_then_signs(
    page, login, screenshot, meeting, application, chair
):
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND, by=chair)
    other = add_item(meeting, kind=AgendaKind.OTHER, title="О плане работы совета на 2027 год")
    login("lyudmila")
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_text("Протокол без номера").first).to_be_visible()
    page.get_by_role("link", name="Заседание проведено…").click()
    warning = page.get_by_test_id("undecided")
    expect(warning).to_contain_text("Не записаны решения по 1 вопросу повестки")
    expect(warning).to_contain_text("2. О плане работы совета на 2027 год")
    expect(page.get_by_role("button", name="Подтвердить: заседание проведено")).to_have_count(0)
    screenshot("council-held-1-undecided")
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED

    decide(other, Outcome.POSTPONE, by=chair)
    page.reload()
    expect(page.get_by_role("region", name="Заседание проведено")).to_contain_text("Отменить его или вернуть")
    page.get_by_role("button", name="Подтвердить: заседание проведено").click()
    expect(page.get_by_role("alert")).to_contain_text("Заседание: «Проведено».")
    expect(page.get_by_text("Протокол № 1").first).to_be_visible()
    expect(page.get_by_role("article", name="Вопрос 2")).to_contain_text("Отложить рассмотрение")

    page.get_by_role("link", name="Протокол подписан…").click()
    expect(page.get_by_role("region", name="Подписание протокола")).to_contain_text("больше не будут меняться")
    screenshot("council-held-2-sign")
    page.get_by_role("button", name="Подтвердить: протокол подписан").click()
    expect(page.get_by_test_id("protocol-signature")).to_contain_text("Протокол подписан")
    expect(page.get_by_role("button", name="Исправить решение")).to_have_count(0)
    expect(page.get_by_role("link", name="Добавить вопрос")).to_have_count(0)
    screenshot("council-held-3-signed")
    assert Meeting.objects.get(pk=meeting.pk).protocol_signed_at is not None
