"""Held events and their participants (registrations marked present): totals, by format, by month."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from innoinfra.core.dates import MONTHS_NOMINATIVE
from innoinfra.events.enums import EventFormat, EventState, RegistrationState
from innoinfra.events.models import Event, Registration

from ._common import Territory, in_territory, year_moments


def held_events(municipalities: Territory, year: int) -> QuerySet[Event]:
    start, end = year_moments(year)
    events = Event.objects.filter(state=EventState.HELD, starts_at__gte=start, starts_at__lt=end)
    return in_territory(events, municipalities, "municipality")


def _attended(municipalities: Territory, year: int) -> QuerySet[Registration]:
    """Registrations marked present at held events: the participants."""
    start, end = year_moments(year)
    attended = Registration.objects.filter(
        state=RegistrationState.ATTENDED,
        event__state=EventState.HELD,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    )
    return in_territory(attended, municipalities, "event__municipality")


def event_totals(municipalities: Territory, year: int) -> dict:
    return {
        "events": held_events(municipalities, year).count(),
        "participants": _attended(municipalities, year).count(),
    }


def events_by_format(municipalities: Territory, year: int) -> list[dict]:
    events = dict(held_events(municipalities, year).values_list("format").annotate(n=Count("pk")).order_by())
    people = dict(_attended(municipalities, year).values_list("event__format").annotate(n=Count("pk")).order_by())
    return [
        {"format": fmt.value, "label": fmt.label, "events": events[fmt.value], "participants": people.get(fmt.value, 0)}
        for fmt in EventFormat
        if events.get(fmt.value)
    ]


def events_by_month(municipalities: Territory, year: int) -> list[dict]:
    """The twelve months of the academic year, September first, empty months included."""
    events = (
        held_events(municipalities, year)
        .annotate(month=TruncMonth("starts_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = (
        _attended(municipalities, year)
        .annotate(month=TruncMonth("event__starts_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )

    def by_month(rows):
        return {(moment.year, moment.month): n for moment, n in rows}

    events_in, people_in = by_month(events), by_month(people)
    result = []
    for offset in range(12):
        month = (8 + offset) % 12 + 1
        key = (year if month >= 9 else year + 1, month)
        result.append(
            {
                "year": key[0],
                "month": month,
                "label": f"{MONTHS_NOMINATIVE[month - 1]} {key[0]}",
                "events": events_in.get(key, 0),
                "participants": people_in.get(key, 0),
            }
        )
    return result
