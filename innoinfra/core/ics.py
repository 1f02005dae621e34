"""iCalendar (RFC 5545) feeds people subscribe to from a phone or mail client: the calendar around the events each
app describes, and the HTTP answer that carries it.

Times: an app adds a datetime in the zone it means (an event in the zone of its municipality, core.timezones), which
icalendar writes as DTSTART;TZID=Asia/Vladivostok:…; the calendar then gets the VTIMEZONE of every zone used.
Whole-day dates (a plan's deadline) carry no zone: a date is the same day everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import icalendar
from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

# Calendar clients poll a subscription at their own pace; these hints ask for about once an hour.
REFRESH_INTERVAL = dt.timedelta(hours=1)


# rows fetched from the database at a time while a feed streams: memory stays flat whatever the feed's size
CHUNK_SIZE = 500
_END = b"END:VCALENDAR\r\n"


def window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days a feed covers (settings ICS_WINDOW_PAST_DAYS back and ICS_WINDOW_FUTURE_DAYS ahead of today)."""
    today = today or timezone.localdate()
    return (
        today - dt.timedelta(days=settings.ICS_WINDOW_PAST_DAYS),
        today + dt.timedelta(days=settings.ICS_WINDOW_FUTURE_DAYS),
    )


def stream_calendar(
    *, prodid: str, name: str, components: Iterable[icalendar.Event], zones: Iterable[str] = ()
) -> Iterator[bytes]:
    """The calendar's text piece by piece: its head with the VTIMEZONE of each zone the events name (RFC 5545
    §3.6.5, so any client reads local times right), then one event at a time, then its end — never the whole
    calendar in memory."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for tzid in sorted(set(zones)):
        calendar.add_component(icalendar.Timezone.from_tzid(tzid))
    head = calendar.to_ical()
    yield head[: -len(_END)]
    for component in components:
        yield component.to_ical()
    yield _END


def ics_response(chunks: Iterable[bytes], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
