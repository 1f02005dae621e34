"""The dry run of «Внести приказ»: the first press lists what the order will do and changes nothing; the confirmation
does it, unless the decisions changed since the list was shown. Лариса (`methodist`) enters the order."""

import datetime as dt

import pytest
from django.urls import reverse

from innoinfra.core.errors import ServiceError
from innoinfra.council import orders, services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.registry.models import Order, Site
from tests.factories import make_site

from .conftest import add_item, decide, reviewed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(meeting, application, methodist):
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND, by=methodist)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return meeting


def test_the_plan_lists_the_site_to_be_created_and_the_first_press_changes_nothing(
    held, application, methodist, client_for
):
    plan = orders.plan_order(held, date=held.date)
    assert len(plan.created) == 1 and f"тема «{application.theme}»" in plan.created[0]
    assert plan.changed == plan.ended == plan.rejected == []
    sites = Site.objects.count()
    page = client_for(methodist).post(
        reverse("council:order_issue", args=[held.pk]), {"number": "7-Д", "date": held.date.isoformat()}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "Будет создана 1 площадка:" in text
    assert f'name="plan" value="{plan.key}"' in text and "Подтвердить и внести приказ" in text
    assert not Order.objects.filter(number="7-Д").exists() and Site.objects.count() == sites


def test_a_confirmation_of_an_outdated_plan_is_refused(held, amursky, methodist, client_for):
    key = orders.plan_order(held, date=held.date).key
    # Meanwhile a site's hearing is added and decided: the order would now do more than was confirmed.
    site = make_site(kind_abbr="МАП", theme="Апробация ФОП")
    decide(add_item(held, kind=AgendaKind.SITE, site=site), Outcome.TERMINATE, by=methodist)
    with pytest.raises(ServiceError, match="Решения заседания изменились"):
        orders.issue_order(held, number="7-Д", date=held.date, by=methodist, expected_plan=key)
    response = client_for(methodist).post(
        reverse("council:order_issue", args=[held.pk]),
        {"number": "7-Д", "date": held.date.isoformat(), "plan": key, "confirm": "1"},
    )
    assert "Решения заседания изменились" in response.content.decode()
    assert not Order.objects.filter(number="7-Д").exists()


def test_the_first_press_gives_the_refusal_the_order_would_get(meeting, amursky, methodist, client_for):
    application = reviewed_application(amursky)
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    response = client_for(methodist).post(
        reverse("council:order_issue", args=[meeting.pk]),
        {"number": "7-Д", "date": (meeting.date + dt.timedelta(days=1)).isoformat()},
    )
    text = response.content.decode()
    assert "Приказ издаётся по итогам проведённого заседания" in text and "Подтвердить и внести приказ" not in text
