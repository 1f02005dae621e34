"""The public ICS feed of events, read back with icalendar as a calendar client would."""

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innoinfra.events import services
from innoinfra.events.models import Event

from ..factories import OrganizationFactory, make_site
from .factories import make_event

pytestmark = pytest.mark.django_db


def test_the_feed_holds_published_events_and_marks_cancelled_ones(client, school, settings):
    seminar = make_event(school, title="Первые шаги к инновациям")
    webinar = make_event(school, title="Вебинар для координаторов", place="", online_url="https://example.org/w")
    services.cancel_event(webinar)
    make_event(school, title="Черновик", published=False)
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.getvalue())
    assert str(calendar["x-wr-calname"]) == "Мероприятия инновационной инфраструктуры"
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Первые шаги к инновациям", "Вебинар для координаторов"}
    first = events["Первые шаги к инновациям"]
    assert str(first["uid"]) == f"event-{seminar.pk}@innoinfra"
    assert first.decoded("dtstart") == seminar.starts_at
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(hours=2)
    assert str(first["location"]) == "г. Амурск, пр. Строителей, 23"
    assert str(first["url"]) == f"{settings.SITE_URL}/events/{seminar.pk}/"  # the configured address
    assert "Организатор: " + school.short_name in str(first["description"])
    assert str(first["status"]) == "CONFIRMED"
    assert str(events["Вебинар для координаторов"]["status"]) == "CANCELLED"


def summaries(response) -> set[str]:
    assert response.status_code == 200
    return {str(e["summary"]) for e in icalendar.Calendar.from_ical(response.getvalue()).walk("VEVENT")}


@pytest.fixture
def various(school, vyselki):
    site = make_site(organization=school)
    at_site = make_event(school, title="На базе площадки", site=site)
    young = make_event(school, title="Для молодых педагогов", format="webinar", place="", online_url="https://x.org/w")
    Event.objects.filter(pk=young.pk).update(audience_group="young_teachers")
    other = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ с. Выселки")
    make_event(other, title="В Выселках", format="master_class")
    make_event(other, title="Черновик в Выселках", published=False)
    return {"school": school, "other": other, "site": site, "at_site": at_site}


def test_the_feed_takes_the_filters_of_the_public_list(client, various, vyselki):
    school, other, site = various["school"], various["other"], various["site"]
    everything = {"На базе площадки", "Для молодых педагогов", "В Выселках"}
    assert summaries(client.get("/events/calendar.ics")) == everything
    assert summaries(client.get("/events/calendar.ics?format=webinar")) == {"Для молодых педагогов"}
    assert summaries(client.get("/events/calendar.ics?audience=young_teachers")) == {"Для молодых педагогов"}
    by_organizer = client.get(f"/events/calendar.ics?organizer={other.pk}")
    assert summaries(by_organizer) == {"В Выселках"}  # a draft stays out of a filtered feed too
    assert summaries(client.get(f"/events/calendar.ics?municipality={vyselki.pk}")) == {"В Выселках"}
    assert summaries(client.get(f"/events/calendar.ics?site={site.pk}")) == {"На базе площадки"}
    both = client.get(f"/events/calendar.ics?organizer={school.pk}&format=seminar")
    assert summaries(both) == {"На базе площадки"}
    assert summaries(client.get(f"/events/calendar.ics?organizer={school.pk}&format=contest")) == set()


def test_a_filtered_feed_says_so_in_its_name(client, various):
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/calendar.ics?organizer={various['other'].pk}").getvalue())
    assert str(calendar["x-wr-calname"]) == "Мероприятия инновационной инфраструктуры: МБОУ СОШ с. Выселки"
    calendar = icalendar.Calendar.from_ical(client.get("/events/calendar.ics?format=webinar&audience=heads").getvalue())
    assert str(calendar["x-wr-calname"]).endswith(": Вебинар, руководители и заместители")


@pytest.mark.parametrize("query", ["format=lecture", "organizer=999999", "site=abc", "audience=everyone"])
def test_a_mistyped_filter_is_refused_rather_than_serving_every_event(client, various, query):
    response = client.get(f"/events/calendar.ics?{query}")
    assert response.status_code == 400
    assert "Неверные параметры календаря" in response.content.decode()


def test_the_feed_ignores_the_lists_month_and_past(client, various):
    assert len(summaries(client.get("/events/calendar.ics?month=2001-01&past=on"))) == 3


def streamed_queries(client, url) -> tuple[int, bytes]:
    """The feed streams: its rows are read while the body is consumed, so the count covers reading it too."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200 and response.streaming
        body = response.getvalue()
    return len(ctx), body


def test_the_feed_runs_no_query_per_event(client, school):
    url = f"/events/calendar.ics?organizer={school.pk}"
    counts = []
    for total in (10, 50):
        while Event.objects.count() < total:
            make_event(school, title=f"Семинар {Event.objects.count()}")
        queries, body = streamed_queries(client, url)
        assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == total
        counts.append(queries)
    assert counts[0] == counts[1] <= 4, counts  # zones, the chunk of events (and nothing per event)


def test_the_feed_holds_a_month_back_and_a_year_ahead(client, school):
    make_event(school, title="Неделю назад", starts_in=-dt.timedelta(days=7))
    make_event(school, title="Через полгода", starts_in=dt.timedelta(days=180))
    make_event(school, title="Два месяца назад", starts_in=-dt.timedelta(days=61))
    make_event(school, title="Через два года", starts_in=dt.timedelta(days=730))
    assert summaries(client.get("/events/calendar.ics")) == {"Неделю назад", "Через полгода"}


def test_the_window_is_a_setting(client, school, settings):
    make_event(school, title="Два месяца назад", starts_in=-dt.timedelta(days=61))
    settings.ICS_WINDOW_PAST_DAYS = 90
    assert summaries(client.get("/events/calendar.ics")) == {"Два месяца назад"}


def test_the_feed_reads_rows_in_chunks(client, school, monkeypatch):
    """A region's feed never holds every row at once: the queryset is iterated CHUNK_SIZE rows at a time."""
    from innoinfra.core import ics

    monkeypatch.setattr(ics, "CHUNK_SIZE", 2)
    from innoinfra.events import calendar_feed

    monkeypatch.setattr(calendar_feed, "CHUNK_SIZE", 2)
    for i in range(5):
        make_event(school, title=f"Семинар {i}")
    seen = []
    original = Event.objects.none().__class__.iterator

    def spy(self, chunk_size=None):
        seen.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(type(Event.objects.all()), "iterator", spy)
    assert len(summaries(client.get("/events/calendar.ics"))) == 5
    assert seen == [2]
