"""The figures of monitoring: pure functions of a territory and an academic year.

`municipalities` is a collection of municipality ids, or None for the whole installation; `year` is the first
calendar year of the academic year (2024 → «2024/2025 учебный год»). Every figure comes from aggregate queries
(COUNT with filters, GROUP BY) — never from a Python loop over rows — so a region of thousands of sites costs the
same handful of queries as a district. The pages, the API and the Word report all read these functions, so they
can never disagree. Results are plain dicts and lists (JSON-ready).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from innoinfra.core.dates import MONTHS_NOMINATIVE, academic_year_bounds, academic_year_label
from innoinfra.events.enums import EventFormat, EventState, RegistrationState
from innoinfra.events.models import Event, Registration
from innoinfra.mentoring.queries import mentoring_counts
from innoinfra.plans.enums import OPEN_STATUSES, OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Organization
from innoinfra.registry.enums import FINAL_STATES, Level
from innoinfra.registry.models import Site, SiteParticipant, SiteStateChange
from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Report
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

Territory = Collection[int] | None

# Educational organizations: the authority and the methodological centre run the infrastructure, they are not
# expected to hold statuses themselves, so they are neither counted nor listed as «дефициты».
EDUCATIONAL_TYPES = (OrganizationType.SCHOOL, OrganizationType.DOO, OrganizationType.UDO, OrganizationType.COLLEGE)
SUCCESS_STATES = (ApplicationState.RECOMMENDED, ApplicationState.APPROVED)
REFUSED_STATES = (ApplicationState.NOT_RECOMMENDED, ApplicationState.REJECTED)
# Events that happen (or happened) in the year: a draft is not announced, a cancelled one did not take place.
ORGANIZED_EVENT_STATES = (EventState.PUBLISHED, EventState.HELD)
TREND_YEARS = 5
LIST_LIMIT = 100


def _in(queryset: QuerySet, municipalities: Territory, lookup: str) -> QuerySet:
    if municipalities is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": list(municipalities)})


def year_moments(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The academic year as [start, end) moments where the users are (events and submissions are timestamps)."""
    tz = timezone.get_current_timezone()
    first, last = academic_year_bounds(year)
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def _academic_year_of(field: str):
    """SQL for the academic year of a timestamp column: September starts the next one."""
    calendar_year = ExtractYear(field)
    return Case(
        When(**{f"{field}__month__gte": 9}, then=calendar_year),
        default=calendar_year - 1,
        output_field=IntegerField(),
    )


def trend_years(year: int) -> list[int]:
    return list(range(year - TREND_YEARS + 1, year + 1))


# ---------------------------------------------------------------- sites


def _period_touches(year: int, prefix: str = "") -> Q:
    first, last = academic_year_bounds(year)
    return (Q(**{f"{prefix}start_date__lte": last}) | Q(**{f"{prefix}start_date__isnull": True})) & (
        Q(**{f"{prefix}end_date__gte": first}) | Q(**{f"{prefix}end_date__isnull": True})
    )


def _ended_on():
    """The day the status was completed or revoked (by order), if it was."""
    ends = SiteStateChange.objects.filter(site=OuterRef("pk"), to_state__in=FINAL_STATES).order_by("date")
    return Subquery(ends.values("date")[:1])


def _active_in(year: int) -> Q:
    """A site counts in a year when its period touches the year and its status was not ended by an order before the
    year began: a site revoked in December still counts for that academic year, not for the next one."""
    first, _last = academic_year_bounds(year)
    return _period_touches(year) & (Q(ended_on__isnull=True) | Q(ended_on__gte=first))


def sites_with_end(municipalities: Territory) -> QuerySet[Site]:
    return _in(Site.objects.all(), municipalities, "lead_organization__municipality").annotate(ended_on=_ended_on())


def active_sites(municipalities: Territory, year: int) -> QuerySet[Site]:
    return sites_with_end(municipalities).filter(_active_in(year))


def site_totals(municipalities: Territory, year: int) -> dict:
    totals = active_sites(municipalities, year).aggregate(
        sites=Count("pk"), organizations=Count("lead_organization", distinct=True)
    )
    organizations = educational_organizations(municipalities).count()
    totals["all_organizations"] = organizations
    totals["coverage"] = _percent(totals["organizations"], organizations)
    return totals


def sites_by_kind(municipalities: Territory, year: int) -> list[dict]:
    rows = (
        active_sites(municipalities, year)
        .values("kind_id", "kind__name", "kind__abbreviation")
        .annotate(count=Count("pk"), organizations=Count("lead_organization", distinct=True))
        .order_by("kind__position", "kind__name")
    )
    return [
        {
            "kind_id": row["kind_id"],
            "kind": row["kind__abbreviation"] or row["kind__name"],
            "name": row["kind__name"],
            "count": row["count"],
            "organizations": row["organizations"],
        }
        for row in rows
    ]


def sites_by_level(municipalities: Territory, year: int) -> list[dict]:
    counts = dict(active_sites(municipalities, year).values_list("kind__level").annotate(count=Count("pk")).order_by())
    return [
        {"level": level.value, "label": level.label, "count": counts[level.value]}
        for level in Level
        if counts.get(level.value)
    ]


def sites_by_direction(municipalities: Territory, year: int) -> list[dict]:
    rows = (
        active_sites(municipalities, year)
        .values("directions__id", "directions__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "directions__name")
    )
    return [
        {
            "direction_id": row["directions__id"],
            "direction": row["directions__name"] or "Направление не указано",
            "count": row["count"],
        }
        for row in rows
    ]


def sites_by_municipality(municipalities: Territory, year: int) -> list[dict]:
    """Active sites, organizations holding a status and their share of the municipality's organizations."""
    rows = (
        active_sites(municipalities, year)
        .values("lead_organization__municipality_id", "lead_organization__municipality__name")
        .annotate(count=Count("pk"), organizations=Count("lead_organization", distinct=True))
        .order_by()
    )
    totals = dict(
        educational_organizations(municipalities).values_list("municipality_id").annotate(n=Count("pk")).order_by()
    )
    found = [
        {
            "municipality_id": row["lead_organization__municipality_id"],
            "municipality": row["lead_organization__municipality__name"],
            "count": row["count"],
            "organizations": row["organizations"],
            "all_organizations": totals.get(row["lead_organization__municipality_id"], 0),
            "coverage": _percent(row["organizations"], totals.get(row["lead_organization__municipality_id"], 0)),
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row["count"], row["municipality"]))


# ---------------------------------------------------------------- applications


def applications_by_year(municipalities: Territory, years: list[int]) -> list[dict]:
    """Applications by the academic year they were submitted in (calls take applications within their own dates,
    so this is the year of the call), with their outcomes; success rate = positive decisions among decided ones."""
    start, _ = year_moments(min(years))
    _, end = year_moments(max(years))
    submitted = _in(Application.objects.all(), municipalities, "lead_organization__municipality").filter(
        submitted_at__gte=start, submitted_at__lt=end
    )
    rows = {
        row["year"]: row
        for row in submitted.annotate(year=_academic_year_of("submitted_at"))
        .values("year")
        .annotate(
            submitted=Count("pk"),
            success=Count("pk", filter=Q(state__in=SUCCESS_STATES)),
            refused=Count("pk", filter=Q(state__in=REFUSED_STATES)),
            withdrawn=Count("pk", filter=Q(state=ApplicationState.WITHDRAWN)),
        )
        .order_by()
    }
    result = []
    for year in years:
        row = rows.get(year, {"submitted": 0, "success": 0, "refused": 0, "withdrawn": 0})
        decided = row["success"] + row["refused"]
        result.append(
            {
                "year": year,
                "label": academic_year_label(year),
                "submitted": row["submitted"],
                "success": row["success"],
                "refused": row["refused"],
                "withdrawn": row["withdrawn"],
                "in_progress": row["submitted"] - decided - row["withdrawn"],
                "success_rate": _percent(row["success"], decided),
            }
        )
    return result


# ---------------------------------------------------------------- plans


def _occurrences_due(municipalities: Territory, year: int) -> QuerySet[Occurrence]:
    """Occurrences of approved (and archived) plans due in the year; a draft plan obliges nobody yet and a cancelled
    item is not expected."""
    first, last = academic_year_bounds(year)
    due = Occurrence.objects.filter(due_date__gte=first, due_date__lte=last).exclude(status=OccurrenceStatus.CANCELLED)
    return _in(due, municipalities, "plan__municipality").exclude(plan__state=PlanState.DRAFT)


def _execution(today: dt.date) -> dict:
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=OccurrenceStatus.DONE)),
        "not_done": Count("pk", filter=Q(status=OccurrenceStatus.NOT_DONE)),
        "overdue": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__gte=today)),
    }


def _with_percent(row: dict) -> dict:
    return {**row, "percent_done": _percent(row["done"], row["total"])}


def plan_execution(municipalities: Territory, year: int, today: dt.date) -> dict:
    return _with_percent(_occurrences_due(municipalities, year).aggregate(**_execution(today)))


def plan_execution_by_municipality(municipalities: Territory, year: int, today: dt.date) -> list[dict]:
    rows = (
        _occurrences_due(municipalities, year)
        .values("plan__municipality_id", "plan__municipality__name")
        .annotate(**_execution(today))
        .order_by("plan__municipality__name")
    )
    return [
        _with_percent(
            {
                "municipality_id": row.pop("plan__municipality_id"),
                "municipality": row.pop("plan__municipality__name"),
                **row,
            }
        )
        for row in rows
    ]


def sites_with_overdue_items(
    municipalities: Territory, year: int, today: dt.date, limit: int | None = LIST_LIMIT
) -> dict:
    """Sites whose work plans have items overdue today among those due in the year, most overdue first."""
    overdue = _occurrences_due(municipalities, year).filter(
        status__in=OPEN_STATUSES, due_date__lt=today, plan__site__isnull=False
    )
    rows = (
        overdue.values(
            "plan__site_id",
            "plan__site__kind__abbreviation",
            "plan__site__kind__name",
            "plan__site__lead_organization__short_name",
            "plan__site__lead_organization__municipality__name",
        )
        .annotate(overdue=Count("pk"), oldest=Min("due_date"))
        .order_by("-overdue", "oldest", "plan__site_id")
    )
    return {
        "total": overdue.values("plan__site_id").distinct().count(),
        "rows": [
            {
                "site_id": row["plan__site_id"],
                "kind": row["plan__site__kind__abbreviation"] or row["plan__site__kind__name"],
                "organization": row["plan__site__lead_organization__short_name"],
                "municipality": row["plan__site__lead_organization__municipality__name"],
                "overdue": row["overdue"],
                "oldest": row["oldest"],
            }
            for row in (rows if limit is None else rows[:limit])
        ],
    }


# ---------------------------------------------------------------- events


def held_events(municipalities: Territory, year: int) -> QuerySet[Event]:
    start, end = year_moments(year)
    events = Event.objects.filter(state=EventState.HELD, starts_at__gte=start, starts_at__lt=end)
    return _in(events, municipalities, "municipality")


def _attended(municipalities: Territory, year: int) -> QuerySet[Registration]:
    """Registrations marked present at held events: the participants."""
    start, end = year_moments(year)
    attended = Registration.objects.filter(
        state=RegistrationState.ATTENDED,
        event__state=EventState.HELD,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    )
    return _in(attended, municipalities, "event__municipality")


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


# ---------------------------------------------------------------- mentoring


def mentoring(municipalities: Territory) -> dict[str, int]:
    return mentoring_counts(municipalities)


# ---------------------------------------------------------------- дефициты


def educational_organizations(municipalities: Territory) -> QuerySet[Organization]:
    return _in(Organization.objects.filter(is_active=True, type__in=EDUCATIONAL_TYPES), municipalities, "municipality")


def organizations_without_activity(municipalities: Territory, year: int, limit: int | None = LIST_LIMIT) -> dict:
    """Organizations of the territory with no innovation activity in the year: no active site (as lead or
    participant), no application submitted (as applicant or network partner), no event organized or co-organized.

    Each kind of activity is an uncorrelated `NOT IN (SELECT …)` that the database computes once; a correlated
    EXISTS with an OR over a many-to-many join took seconds per page for a region's 3 000 organizations."""
    start, end = year_moments(year)
    active = active_sites(municipalities, year).values("pk")
    submitted = Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    organized = Event.objects.filter(state__in=ORGANIZED_EVENT_STATES, starts_at__gte=start, starts_at__lt=end)
    busy = [
        SiteParticipant.objects.filter(site__in=active).values("organization_id"),
        submitted.values("lead_organization_id"),
        Application.partners.through.objects.filter(application__in=submitted.values("pk")).values("organization_id"),
        organized.values("organizer_id"),
        Event.co_organizers.through.objects.filter(event__in=organized.values("pk")).values("organization_id"),
    ]
    idle = educational_organizations(municipalities)
    for ids in busy:
        idle = idle.exclude(pk__in=ids)
    rows = idle.values("pk", "short_name", "type", "municipality__name").order_by("municipality__name", "short_name")
    labels = dict(OrganizationType.choices)
    return {
        "total": idle.count(),
        "rows": [
            {
                "organization_id": row["pk"],
                "organization": row["short_name"],
                "type": labels.get(row["type"], row["type"]),
                "municipality": row["municipality__name"],
            }
            for row in (rows if limit is None else rows[:limit])
        ],
    }


# ---------------------------------------------------------------- trends


def trends(municipalities: Territory, year: int) -> list[dict]:
    """Active sites, held events and submitted applications in each of the last five academic years."""
    years = trend_years(year)
    sites = sites_with_end(municipalities).aggregate(**{str(y): Count("pk", filter=_active_in(y)) for y in years})
    start, _ = year_moments(years[0])
    _, end = year_moments(years[-1])
    held = Event.objects.filter(state=EventState.HELD, starts_at__gte=start, starts_at__lt=end)
    events = _in(held, municipalities, "municipality")
    events_in = dict(
        events.annotate(year=_academic_year_of("starts_at")).values_list("year").annotate(n=Count("pk")).order_by()
    )
    applications = {row["year"]: row["submitted"] for row in applications_by_year(municipalities, years)}
    return [
        {
            "year": y,
            "label": academic_year_label(y),
            "active_sites": sites[str(y)],
            "events_held": events_in.get(y, 0),
            "applications": applications[y],
        }
        for y in years
    ]


# ---------------------------------------------------------------- yearly reports (hook)


def late_reports(municipalities: Territory, year: int, today: dt.date, limit: int | None = LIST_LIMIT) -> dict:
    """Reports of campaigns due in the year that are late: first submitted after the deadline, or still not
    submitted when it has passed. Most overdue first."""

    first, last = academic_year_bounds(year)
    unsent = Q(state__in=(ReportState.DRAFT, ReportState.RETURNED), first_submitted_at__isnull=True)
    late = _in(
        Report.objects.filter(campaign__deadline__range=(first, last))
        .filter(Q(submitted_late=True) | (unsent & Q(campaign__deadline__lt=today))),
        municipalities,
        "municipality",
    )
    rows = late.values(
        "pk",
        "state",
        "submitted_late",
        "campaign__title",
        "campaign__deadline",
        "organization__short_name",
        "municipality__name",
        "site__kind__abbreviation",
    ).order_by("campaign__deadline", "organization__short_name", "pk")
    labels = dict(ReportState.choices)
    return {
        "total": late.count(),
        "rows": [
            {
                "report_id": row["pk"],
                "organization": row["organization__short_name"],
                "kind": row["site__kind__abbreviation"] or "",
                "municipality": row["municipality__name"],
                "campaign": row["campaign__title"],
                "deadline": row["campaign__deadline"],
                "state": "представлен с опозданием" if row["submitted_late"] else labels[row["state"]].lower(),
            }
            for row in (rows if limit is None else rows[:limit])
        ],
    }


# ---------------------------------------------------------------- the public overview


def overview(municipalities: Territory, year: int) -> dict:
    """What anybody may know about a territory: the public registry's and the events calendar's totals."""
    by_kind = sites_by_kind(municipalities, year)
    return {
        "academic_year": year,
        "academic_year_label": academic_year_label(year),
        "active_sites": sum(row["count"] for row in by_kind),
        "sites_by_kind": [{"kind": row["kind"], "name": row["name"], "count": row["count"]} for row in by_kind],
        "sites_by_level": sites_by_level(municipalities, year),
        "organizations": educational_organizations(municipalities).count(),
        "events_held": held_events(municipalities, year).count(),
    }


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
