"""Read-side of events: the public list and calendar, the organizer's list, the participants of an event."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.search import filter_by_text
from innoinfra.reference.models import Organization

from .enums import SEATED_STATES, EventState, RegistrationState
from .models import Certificate, Event, Registration

PUBLIC_LIST_STATES = (EventState.PUBLISHED, EventState.HELD, EventState.CANCELLED)


def _registrations_count(**conditions) -> Coalesce:
    rows = Registration.objects.filter(event=OuterRef("pk"), **conditions).order_by().values("event")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with what its row needs: organizer, site, municipality and the seats taken, in one query.
    The counts are correlated subqueries on the (event, state) index, worked out for the rows of the page only: a
    join with GROUP BY counted every registration of every matching event before LIMIT — a second per page with
    100 000 registrations."""
    return events.select_related("organizer", "municipality", "site__kind").annotate(
        seats=_registrations_count(state__in=SEATED_STATES),
        waiting=_registrations_count(state=RegistrationState.WAITING),
    )


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(following, dt.time.min, tzinfo=tz),
    )


# filter of the public list and the ICS feed (query string name) → the field of Event it narrows
PUBLIC_FILTERS = {
    "format": "format",
    "audience": "audience_group",
    "organizer": "organizer",
    "municipality": "municipality",
    "site": "site",
}


def filter_public(events: QuerySet[Event], params: dict) -> QuerySet[Event]:
    """The filters the public list and the ICS feed share (the feed ignores the list's month and past). An
    organization's events are those it organizes and those it co-organizes."""
    for name, field in PUBLIC_FILTERS.items():
        if not params.get(name):
            continue
        if name == "organizer":
            # one set of ids from the two indexes (organizer, starts_at) and (organization) of the partners: with
            # `organizer = X OR id IN (…)` PostgreSQL walked every public event in start order looking for X's
            own = Event.objects.filter(organizer=params[name]).order_by().values("pk")
            partnered = Event.co_organizers.through.objects.filter(organization=params[name]).values("event_id")
            events = events.filter(pk__in=own.union(partnered, all=True))
        else:
            events = events.filter(**{field: params[name]})
    return events


def public_events(params: dict | None = None, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Published (and held, cancelled) events; upcoming first by start, then past ones, latest first."""
    params = params or {}
    now = now or timezone.now()
    events = filter_public(Event.objects.filter(state__in=PUBLIC_LIST_STATES), params)
    if params.get("day"):
        # «ещё N» of a day on the month page: the events that start that day, as the calendar places them
        start, end = day_bounds(params["day"])
        return with_seats(events.filter(starts_at__gte=start, starts_at__lt=end)).order_by("starts_at", "id")
    if params.get("month"):
        start, end = month_bounds(params["month"])
        events = events.filter(starts_at__lt=end, ends_at__gte=start)
        return with_seats(events).order_by("starts_at", "id")
    if params.get("past"):
        return with_seats(events.filter(ends_at__lt=now)).order_by("-starts_at", "-id")
    return with_seats(events.filter(ends_at__gte=now)).order_by("starts_at", "id")


# events a day cell of the month page shows; the rest of the day is a link «ещё N» to the list of that day
CALENDAR_PER_DAY = 6


def calendar_events(start: dt.datetime, end: dt.datetime, *, per_day: int = CALENDAR_PER_DAY) -> list[Event]:
    """Public events starting in [start, end) for the month page, the first `per_day` of each (local) day, each with
    `day_total`, the number of that day's events; only what a day cell shows. A busy month of ten regions holds
    thousands of events, and the page gets at most 42 × per_day rows whatever the month holds."""
    if connection.vendor == "postgresql":
        return _calendar_events_by_day(start, end, per_day)
    # SQLite: the database numbers the events day by day over the (state, starts_at) index; it reads every event
    # of the weeks shown, which SQLite does in a few milliseconds even for a busy month of ten regions
    day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    events = Event.objects.filter(state__in=PUBLIC_LIST_STATES, starts_at__gte=start, starts_at__lt=end)
    numbered = events.annotate(
        day_place=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("id").asc()]),
        day_total=Window(Count("id"), partition_by=[day]),
    )
    shown = numbered.filter(day_place__lte=per_day).only("title", "format", "state", "starts_at")
    return list(shown.order_by("starts_at", "id"))


def _calendar_events_by_day(start: dt.datetime, end: dt.datetime, per_day: int) -> list[Event]:
    """PostgreSQL: for each day shown, its count and its first `per_day` events, each read off the partial index of
    public events in start order (a LATERAL subquery per day that stops after `per_day` entries). Numbering every
    event of the weeks with a window function sorted all of them: ×6 the time at ×10 the events. The days' bounds
    come from Python, so a day is the installation's local day whatever the database session's time zone."""
    tz = timezone.get_current_timezone()
    first = timezone.localtime(start, tz).date()
    days = [first + dt.timedelta(days=n) for n in range((timezone.localtime(end, tz).date() - first).days)]
    since = [dt.datetime.combine(day, dt.time.min, tzinfo=tz) for day in days]
    till = [dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz) for day in days]
    table = connection.ops.quote_name(Event._meta.db_table)
    public = "state IN ({})".format(", ".join(["%s"] * len(PUBLIC_LIST_STATES)))
    sql = f"""
        SELECT shown.id, counted.total
        FROM unnest(%s::timestamptz[], %s::timestamptz[]) AS day(since, till)
        CROSS JOIN LATERAL (
            SELECT count(*) AS total FROM {table}
            WHERE {public} AND starts_at >= day.since AND starts_at < day.till AND starts_at >= %s AND starts_at < %s
        ) AS counted
        CROSS JOIN LATERAL (
            SELECT id FROM {table}
            WHERE {public} AND starts_at >= day.since AND starts_at < day.till AND starts_at >= %s AND starts_at < %s
            ORDER BY starts_at, id LIMIT %s
        ) AS shown
    """
    states = [str(state) for state in PUBLIC_LIST_STATES]
    params = [since, till, *states, start, end, *states, start, end, per_day]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        totals = dict(cursor.fetchall())
    events = list(
        Event.objects.filter(pk__in=totals).only("title", "format", "state", "starts_at").order_by("starts_at", "id")
    )
    for event in events:
        event.day_total = totals[event.pk]
    return events


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


# organizers the list's autocomplete offers for one typed text
ORGANIZER_OPTIONS = 20


def organizer_options(text: str, *, limit: int = ORGANIZER_OPTIONS) -> QuerySet[Organization]:
    """Organizers of public events whose name has every word of `text` (word forms as the registry's search), the
    first `limit` by name: what the list's organizer filter offers as the user types."""
    organizing = Event.objects.filter(organizer=OuterRef("pk"), state__in=PUBLIC_LIST_STATES)
    found = filter_by_text(Organization.objects.filter(Exists(organizing)), text)
    return found.select_related("municipality").order_by("short_name", "id")[:limit]


def events_for_page(
    params: dict, *, upcoming: int = 10, past: int = 3, now: dt.datetime | None = None
) -> tuple[list[Event], list[Event]]:
    """Public events of an organization's or a site's page (params as of the public list, e.g. {"site": site}):
    the next ones, soonest first, and the last few past ones, latest first — two queries, whatever their number."""
    now = now or timezone.now()
    events = filter_public(Event.objects.filter(state__in=PUBLIC_LIST_STATES), params)
    coming = list(events.filter(ends_at__gte=now).order_by("starts_at", "id")[:upcoming])
    held = list(events.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:past])
    return coming, held


def run_by(user, *, through: str = "") -> Q:
    """The events this user runs, as a condition on events (or, with `through="event__"`, on rows of events):
    staff of their municipalities, org_admins of their organizations; everything for the installation's admin."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Q()
    mine = Q(**{f"{through}organizer_id__in": scope.organizations})
    if scope.is_staff:
        mine |= scope.managed(f"{through}municipality_id")
    return mine


def events_for_organizer(user) -> QuerySet[Event]:
    """Every event (drafts included) this user runs: staff of their municipalities, org_admins of theirs."""
    return with_seats(Event.objects.filter(run_by(user))).order_by("-starts_at", "-id")


def participants(event: Event, *, state: str | None = None) -> QuerySet[Registration]:
    """The event's registrations in the order they came, all or those in one state."""
    registrations = event.registrations.select_related("user")
    if state:
        registrations = registrations.filter(state=state)
    return registrations.order_by("created_at", "id")


def counts(event: Event) -> dict[str, int]:
    rows = event.registrations.values_list("state").annotate(n=Count("id"))
    found = dict(rows)
    return {state: found.get(state, 0) for state in RegistrationState.values}


def staff_registrations(user) -> QuerySet[Registration]:
    """«Сотрудники на мероприятиях»: registrations of the schools the user heads, and those the user made for
    others; each with its event and certificates (prefetched: no query per row)."""
    mine = Q(registered_by=user)
    organizations = scope_of(user).organizations
    if organizations:
        mine |= Q(organization_id__in=organizations)
    return (
        Registration.objects.filter(mine)
        .select_related("event__organizer", "event__municipality", "organization")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.filter(revoked_at__isnull=True).order_by("pk"))
        )
        .order_by("-event__starts_at", "event_id", "full_name", "id")
    )


def my_registrations(user) -> QuerySet[Registration]:
    """«Мои мероприятия и сертификаты»: the user's registrations (their account's, or under their address),
    cancelled ones left out, the latest first."""
    return (
        Registration.objects.filter(owned_by(user))
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("event__organizer", "event__municipality")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.filter(revoked_at__isnull=True).order_by("pk"))
        )
        .order_by("-event__starts_at", "-id")
    )


def my_other_certificates(user):
    """Certificates issued to the user's address without a registration (a speaker, a winner listed by hand)."""
    if not user.email:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(email=user.email.strip().lower(), registration__isnull=True, revoked_at__isnull=True)
        .select_related("event")
        .order_by("-issued_at", "-id")
    )


def owned_by(user) -> Q:
    """Registrations that are the user's: bound to the account, or made under its e-mail address."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email=user.email.strip().lower())
    return mine
