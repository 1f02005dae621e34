"""Published events as an iCalendar feed (RFC 5545), public: anyone may subscribe from a phone or mail client."""

from __future__ import annotations

import icalendar
from django.utils.text import Truncator

from innoinfra.core.ics import calendar_bytes

from .enums import EventState
from .models import Event

PRODID = "-//innoinfra//Мероприятия//RU"
CALENDAR_NAME = "Мероприятия инновационной инфраструктуры"


def feed_events():
    return (
        Event.objects.filter(state__in=(EventState.PUBLISHED, EventState.HELD, EventState.CANCELLED))
        .exclude(published_at__isnull=True)
        .select_related("organizer")
        .order_by("starts_at", "id")
    )


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
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("description", _description(event))
    component.add("location", event.place or event.online_url)
    component.add("url", f"{base_url}{event.get_absolute_url()}")
    component.add("status", "CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED")
    return component


def build_calendar(events, *, base_url: str) -> bytes:
    base_url = base_url.rstrip("/")
    return calendar_bytes(
        prodid=PRODID, name=CALENDAR_NAME, components=(_component(event, base_url) for event in events)
    )
