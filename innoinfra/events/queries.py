"""Read-side of events: the public list and calendar, the organizer's list, the participants of an event."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of

from .enums import SEATED_STATES, EventState, RegistrationState
from .models import Event, Registration

PUBLIC_LIST_STATES = (EventState.PUBLISHED, EventState.HELD, EventState.CANCELLED)


def with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with what its row needs: organizer, site, municipality and the seats taken, in one query."""
    return events.select_related("organizer", "municipality", "site__kind").annotate(
        seats=Count("registrations", filter=Q(registrations__state__in=SEATED_STATES)),
        waiting=Count("registrations", filter=Q(registrations__state=RegistrationState.WAITING)),
    )


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(following, dt.time.min, tzinfo=tz),
    )


def public_events(params: dict | None = None, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Published (and held, cancelled) events; upcoming first by start, then past ones, latest first."""
    params = params or {}
    now = now or timezone.now()
    events = Event.objects.filter(state__in=PUBLIC_LIST_STATES)
    if params.get("format"):
        events = events.filter(format=params["format"])
    if params.get("municipality"):
        events = events.filter(municipality=params["municipality"])
    if params.get("month"):
        start, end = month_bounds(params["month"])
        events = events.filter(starts_at__lt=end, ends_at__gte=start)
        return with_seats(events).order_by("starts_at", "id")
    if params.get("past"):
        return with_seats(events.filter(ends_at__lt=now)).order_by("-starts_at", "-id")
    return with_seats(events.filter(ends_at__gte=now)).order_by("starts_at", "id")


def events_for_organizer(user) -> QuerySet[Event]:
    """Every event (drafts included) this user runs: staff of their municipalities, org_admins of theirs."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        events = Event.objects.all()
    else:
        mine = Q(organizer_id__in=scope.organizations)
        if scope.is_staff:
            mine |= Q(municipality_id__in=scope.managed_municipalities)
        events = Event.objects.filter(mine)
    return with_seats(events).order_by("-starts_at", "-id")


def participants(event: Event) -> QuerySet[Registration]:
    order = ["created_at", "id"]
    return event.registrations.select_related("user").order_by(*order)


def counts(event: Event) -> dict[str, int]:
    rows = event.registrations.values_list("state").annotate(n=Count("id"))
    found = dict(rows)
    return {state: found.get(state, 0) for state in RegistrationState.values}
