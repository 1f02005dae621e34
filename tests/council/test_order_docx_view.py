"""The «текст (Word)» link of an entered order works for any order: one decision, two decisions of the same kind,
decisions of different kinds (HTTP 500 before: the order was looked up through its decisions, one row each)."""

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document

from innoinfra.core.typography import plain
from innoinfra.council import orders, services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from tests.factories import make_site

from .conftest import add_item, decide, reviewed_application

pytestmark = pytest.mark.django_db
ORDER_DATE = dt.date.today() + dt.timedelta(days=1)


def _text(response) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


def _entered(meeting, methodist, decisions_of_kind):
    for kind, subject, outcome, params in decisions_of_kind:
        decide(add_item(meeting, kind=kind, **subject), outcome, by=methodist, **params)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return orders.issue_order(meeting, number="17-Д", date=ORDER_DATE, by=methodist)


@pytest.mark.parametrize("shape", ["one", "two_recommended", "recommend_and_extend", "three_site_outcomes"])
def test_the_text_of_an_entered_order_downloads_whatever_it_carries(shape, meeting, methodist, amursky, client_for):
    first = reviewed_application(amursky, theme="Цифровая школа")
    second = reviewed_application(amursky, theme="Школа полного дня", call=first.call)
    site_a = make_site(kind_abbr="МАП", theme="Апробация ФОП")
    site_b = make_site(kind_abbr="МОП", theme="Опорная школа")
    recommend = (AgendaKind.APPLICATION, {"application": first}, Outcome.RECOMMEND, {})
    shapes = {
        "one": [recommend],
        "two_recommended": [recommend, (AgendaKind.APPLICATION, {"application": second}, Outcome.RECOMMEND, {})],
        "recommend_and_extend": [
            recommend,
            (AgendaKind.SITE, {"site": site_a}, Outcome.EXTEND, {"new_end_date": dt.date(2029, 6, 30)}),
        ],
        "three_site_outcomes": [
            (AgendaKind.SITE, {"site": site_a}, Outcome.EXTEND, {"new_end_date": dt.date(2029, 6, 30)}),
            (AgendaKind.SITE, {"site": site_b}, Outcome.TERMINATE, {}),
            (AgendaKind.SITE, {"site": make_site(kind_abbr="МИП", theme="Старая")}, Outcome.CONTINUE, {}),
        ],
    }
    order = _entered(meeting, methodist, shapes[shape])
    response = client_for(methodist).get(reverse("council:order_docx", args=[meeting.pk]), {"order": order.pk})
    assert response.status_code == 200
    # named from the order's own requisites, with a Latin fallback for old browsers
    assert quote(f"Приказ от {order.date:%d.%m.%Y} № {order.number}.docx") in response["Content-Disposition"]
    text = plain(_text(response))  # the document keeps «№ 17-Д» together with a non-breaking space
    assert f"№ {order.number}" in text and f"{ORDER_DATE:%d.%m.%Y}" in text
    if shape == "two_recommended":
        assert "Цифровая школа" in text and "Школа полного дня" in text


def test_an_order_of_another_meeting_is_not_found(meeting, methodist, amursky, client_for, council):
    order = _entered(
        meeting,
        methodist,
        [(AgendaKind.APPLICATION, {"application": reviewed_application(amursky)}, Outcome.RECOMMEND, {})],
    )
    other = services.create_meeting(body=council, date=meeting.date, by=methodist)
    response = client_for(methodist).get(reverse("council:order_docx", args=[other.pk]), {"order": order.pk})
    assert response.status_code == 404
