"""iCalendar (RFC 5545) feeds people subscribe to from a phone or mail client: the calendar around the events each
app describes, and the HTTP answer that carries it.

Times: an app adds a datetime in the zone it means (an event in the zone of its municipality, core.timezones), which
icalendar writes as DTSTART;TZID=Asia/Vladivostok:…; the calendar then gets the VTIMEZONE of every zone used.
Whole-day dates (a plan's deadline) carry no zone: a date is the same day everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.http import HttpResponse

# Calendar clients poll a subscription at their own pace; these hints ask for about once an hour.
REFRESH_INTERVAL = dt.timedelta(hours=1)


def calendar_bytes(*, prodid: str, name: str, components: Iterable[icalendar.Event]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for component in components:
        calendar.add_component(component)
    # each zone a DTSTART;TZID=… names gets its VTIMEZONE (RFC 5545 §3.6.5), so any client reads local times right
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
