"""Ten «Внести приказ» at the same moment (a nervous double click, two tabs, a script) against a live server enter
one order: one site per recommended application, the other answers name the order already entered — never a 500.

Лариса (`methodist`) enters the order of a held meeting of the Amursky council."""

import datetime as dt
import json

import pytest

from innoinfra.core.once import new_token
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.registry.models import Order, Site
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

from ..live import browser_cookies, needs_postgresql, post_at_once
from .conftest import add_item, decide, reviewed_application

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
ORDER_DATE = dt.date.today() + dt.timedelta(days=1)
MESSAGE = "уже внесён в реестр"


@pytest.fixture
def held(meeting, amursky, school, methodist):
    application = reviewed_application(amursky, school)
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND, by=methodist)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return meeting


def order_form(**extra):
    return {"number": "12-р", "date": ORDER_DATE.isoformat(), "reject_not_recommended": "on", "confirm": "1", **extra}


def test_ten_clicks_of_one_form_enter_one_order_and_all_open_it(live_server, held, methodist):
    token = new_token()
    answers = post_at_once(
        f"{live_server.url}/council/meetings/{held.pk}/order/",
        [order_form(submission_token=token)] * 10,
        browser_cookies(methodist),
    )
    order = Order.objects.get()
    assert [a.status for a in answers] == [302] * 10
    assert sorted(a.location for a in answers) == [held.get_absolute_url()] + [order.get_absolute_url()] * 9
    assert Site.objects.filter(order=order).count() == 1
    assert Application.objects.get().state == ApplicationState.APPROVED


def test_ten_tabs_sending_the_order_at_once_enter_it_once(live_server, held, methodist):
    answers = post_at_once(
        f"{live_server.url}/council/meetings/{held.pk}/order/",
        [order_form(submission_token=new_token()) for _ in range(10)],
        browser_cookies(methodist),
    )
    order = Order.objects.get()
    assert sorted(a.status for a in answers) == [200] * 9 + [302]
    refused = [a.text for a in answers if a.status == 200]
    assert all("Приказ № 12-р от" in text and MESSAGE in text for text in refused)
    assert all(f'href="{order.get_absolute_url()}"' in text for text in refused)
    assert Site.objects.filter(order=order).count() == 1


def test_ten_registry_orders_with_one_number_at_once_give_one_order(live_server, methodist, amursky):
    """The registry's own form: every request passes the check before any has inserted; the constraint decides."""
    form = {"number": "12-р", "date": "2025-04-11", "title": "О МИП", "municipality": amursky.pk}
    answers = post_at_once(
        f"{live_server.url}/registry/orders/new/",
        [{**form, "submission_token": new_token()} for _ in range(10)],
        browser_cookies(methodist),
    )
    assert sorted(a.status for a in answers) == [302] + [400] * 9
    assert all("Приказ № 12-р от 11 апреля 2025 г. уже внесён в реестр." in a.text for a in answers if a.status == 400)
    assert Order.objects.count() == 1


def test_ten_api_requests_at_once_create_one_order(live_server, methodist, amursky):
    """The same race through the API (with a browser's session): without a key the others get 409, with one key
    (a client retrying one request) they all get the first answer."""
    form = {"title": "О МИП", "date": "2025-04-11", "municipality": amursky.pk}
    url, cookies = f"{live_server.url}/api/v1/orders/", browser_cookies(methodist)
    plain = post_at_once(url, [{**form, "number": "12-р"}] * 10, cookies)
    assert sorted(a.status for a in plain) == [201] + [409] * 9
    keyed = post_at_once(url, [{**form, "number": "13-р"}] * 10, cookies, headers={"Idempotency-Key": "order-13-r"})
    assert [a.status for a in keyed] == [201] * 10
    assert all(json.loads(a.text) == json.loads(keyed[0].text) for a in keyed)
    assert sorted(Order.objects.values_list("number", flat=True)) == ["12-р", "13-р"]
