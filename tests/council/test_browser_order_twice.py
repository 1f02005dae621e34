"""Лариса double-clicks «Внести приказ» in the browser: the order is entered once and she sees it done."""

import pytest
from playwright.sync_api import expect

from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.registry.models import Order, Site

from .conftest import add_item, decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_click_on_the_order_button_enters_one_order(page, login, meeting, application, methodist, today):
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    login("larisa")
    page.goto(f"/council/meetings/{meeting.pk}/order/")
    form = page.get_by_role("form", name="Внести реквизиты приказа")
    form.get_by_label("Номер приказа").fill("12-р")
    form.get_by_label("Дата приказа").fill(today.isoformat())
    form.get_by_role("button", name="Внести приказ").click()
    confirmation = page.get_by_role("form", name="Подтверждение приказа")
    button = confirmation.get_by_role("button", name="Подтвердить и внести приказ")
    button.evaluate("b => { b.click(); b.click(); }")  # two presses in one moment
    expect(page.get_by_role("alert").first).to_contain_text("внесён в реестр и исполнен")
    order = Order.objects.get()
    assert (order.number, Site.objects.filter(order=order).count()) == ("12-р", 1)
