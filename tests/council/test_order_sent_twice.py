"""«Внести приказ» pressed twice, one after the other: the order is entered and carried out once; the second press
opens the order (same form) or names it (another tab), and the applications and sites do not change twice.

Лариса (`methodist`) enters the order; Людмила (`chair`) plans the meetings."""

import pytest
from django.urls import reverse

from innoinfra.core.once import new_token
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.council.models import Meeting
from innoinfra.registry.models import Order, Site
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(meeting, application, methodist):
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return meeting


def form(meeting, **extra):
    return {"number": "12-р", "date": meeting.date.isoformat(), "confirm": "1", **extra}


def test_the_order_form_sent_twice_enters_one_order_and_the_second_answer_opens_it(held, methodist, client_for):
    client = client_for(methodist)
    url = reverse("council:order_issue", args=[held.pk])
    assert 'name="submission_token"' in client.get(url).content.decode()
    data = form(held, submission_token=new_token())
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    order = Order.objects.get()
    assert first.status_code == 302 and first.url == held.get_absolute_url()
    assert second.redirect_chain == [(order.get_absolute_url(), 302)]
    assert "Эта форма уже была отправлена" in second.content.decode()
    assert Site.objects.filter(order=order).count() == 1


def test_the_order_sent_again_from_another_tab_is_refused_with_a_link(held, methodist, client_for, application):
    client = client_for(methodist)
    url = reverse("council:order_issue", args=[held.pk])
    client.post(url, form(held, submission_token=new_token()))
    again = client.post(url, form(held, submission_token=new_token()))
    order = Order.objects.get()
    text = again.content.decode()
    assert f"Приказ № 12-р от {held.date.day}" in text and "уже внесён в реестр." in text
    assert f'<a href="{order.get_absolute_url()}">Открыть</a>' in text
    assert Site.objects.count() == 1
    assert Application.objects.get(pk=application.pk).state == ApplicationState.APPROVED


def test_a_meeting_planned_with_a_double_click_is_one_protocol(council, chair, client_for):
    client = client_for(chair)
    url = reverse("council:meeting_create", args=[council.pk])
    data = {"date": "2025-05-14", "start_time": "14:30", "place": "г. Амурск", "submission_token": new_token()}
    first = client.post(url, data)
    second = client.post(url, data)
    meeting = Meeting.objects.get(body=council)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == meeting.get_absolute_url()
