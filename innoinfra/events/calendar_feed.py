"""Published events as an iCalendar feed (RFC 5545), public: anyone may subscribe from a phone or mail client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlencode

import icalendar
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from innoinfra.core.ics import CHUNK_SIZE, stream_calendar, window
from innoinfra.core.timezones import zone

from .enums import Audience, EventFormat, EventState
from .models import Event
from .queries import PUBLIC_FILTERS, filter_public

PRODID = "-//innoinfra//Мероприятия//RU"
CALENDAR_NAME = "Мероприятия инновационной инфраструктуры"


def feed_events(params: dict | None = None, *, today: dt.date | None = None):
    """Public events of the feed's window (core.ics.window: a month back, a year ahead by default), narrowed by the
    public list's filters (format, audience, organizer, municipality, site)."""
    first, last = window(today)
    tz = timezone.get_current_timezone()
    events = Event.objects.filter(
        state__in=(EventState.PUBLISHED, EventState.HELD, EventState.CANCELLED),
        ends_at__gte=dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        starts_at__lt=dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )
    return (
        filter_public(events, params or {})
        .exclude(published_at__isnull=True)
        .select_related("organizer", "municipality")
        .order_by("starts_at", "id")
    )


def feed_url(params: dict | None = None) -> str:
    """The feed with the list's filters that it takes (a subscription has no month and no «past»)."""
    params = params or {}
    values = {name: getattr(params[name], "pk", params[name]) for name in PUBLIC_FILTERS if params.get(name)}
    url = reverse("events:ics")
    return f"{url}?{urlencode(values)}" if values else url


def calendar_name(params: dict | None = None) -> str:
    """A subscriber may hold several of these feeds: the name says which filters made each one."""
    params = params or {}
    parts = [
        EventFormat(params["format"]).label if params.get("format") else "",
        Audience(params["audience"]).label.lower() if params.get("audience") else "",
        params["organizer"].short_name if params.get("organizer") else "",
        str(params["municipality"]) if params.get("municipality") else "",
        f"площадка {params['site']}" if params.get("site") else "",
    ]
    parts = [part for part in parts if part]
    return f"{CALENDAR_NAME}: {', '.join(parts)}" if parts else CALENDAR_NAME


def _description(event: Event) -> str:
    lines = [f"{event.get_format_display()}. Организатор: {event.organizer.short_name}"]
    if event.audience:
        lines.append(f"Участники: {event.audience}")
    if event.online_url:
        lines.append(f"Подключение: {event.online_url}")
    if event.description:
        lines.append("")
        lines.append(event.description)
    return "\n".join(lines)


def _component(event: Event, base_url: str) -> icalendar.Event:
    component = icalendar.Event()
    # the UID never changes, so a subscribed calendar updates the event in place
    component.add("uid", f"event-{event.pk}@innoinfra")
    component.add("summary", Truncator(event.title).chars(200))
    # in the zone of the event's municipality, named by TZID: «10:00 in Amursk» stays that in any calendar
    local = zone(event.municipality.time_zone)
    component.add("dtstart", timezone.localtime(event.starts_at, local))
    component.add("dtend", timezone.localtime(event.ends_at, local))
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("description", _description(event))
    component.add("location", event.place or event.online_url)
    component.add("url", f"{base_url}{event.get_absolute_url()}")
    component.add("status", "CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED")
    return component


def stream_feed(events, *, base_url: str, name: str = CALENDAR_NAME) -> Iterator[bytes]:
    """The feed's text chunk by chunk: one query for the zones used, then the events fetched CHUNK_SIZE at a time."""
    base_url = base_url.rstrip("/")
    names = events.order_by().values_list("municipality__time_zone", flat=True).distinct()
    zones = {zone(name).key for name in names} - {"UTC"}  # UTC times are written with «Z», no VTIMEZONE needed
    rows = events.iterator(chunk_size=CHUNK_SIZE)
    return stream_calendar(
        prodid=PRODID, name=name, zones=zones, components=(_component(event, base_url) for event in rows)
    )
