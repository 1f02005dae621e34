"""The public ICS feed of events, read back with icalendar as a calendar client would."""

import datetime as dt

import icalendar
import pytest

from innoinfra.events import services

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_the_feed_holds_published_events_and_marks_cancelled_ones(client, school):
    seminar = make_event(school, title="Первые шаги к инновациям")
    webinar = make_event(school, title="Вебинар для координаторов", place="", online_url="https://example.org/w")
    services.cancel_event(webinar)
    make_event(school, title="Черновик", published=False)
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Мероприятия инновационной инфраструктуры"
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Первые шаги к инновациям", "Вебинар для координаторов"}
    first = events["Первые шаги к инновациям"]
    assert str(first["uid"]) == f"event-{seminar.pk}@innoinfra"
    assert first.decoded("dtstart") == seminar.starts_at
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(hours=2)
    assert str(first["location"]) == "г. Амурск, пр. Строителей, 23"
    assert str(first["url"]) == f"http://testserver/events/{seminar.pk}/"
    assert "Организатор: " + school.short_name in str(first["description"])
    assert str(first["status"]) == "CONFIRMED"
    assert str(events["Вебинар для координаторов"]["status"]) == "CANCELLED"
