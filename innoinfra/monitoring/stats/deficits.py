"""What is missing: organizations with no innovation activity in the year, reports submitted late or not at all."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from innoinfra.core.dates import academic_year_bounds
from innoinfra.events.enums import EventState
from innoinfra.events.models import Event
from innoinfra.reference.enums import OrganizationType
from innoinfra.registry.models import SiteParticipant
from innoinfra.reports.enums import ReportState
from innoinfra.reports.models import Report
from innoinfra.review.models import Application

from ._common import LIST_LIMIT, Territory, in_territory, year_moments
from .sites import active_sites, educational_organizations

# Events that happen (or happened) in the year: a draft is not announced, a cancelled one did not take place.
ORGANIZED_EVENT_STATES = (EventState.PUBLISHED, EventState.HELD)


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


def late_reports(municipalities: Territory, year: int, today: dt.date, limit: int | None = LIST_LIMIT) -> dict:
    """Reports of campaigns due in the year that are late: first submitted after the deadline, or still not
    submitted when it has passed. Most overdue first."""

    first, last = academic_year_bounds(year)
    unsent = Q(state__in=(ReportState.DRAFT, ReportState.RETURNED), first_submitted_at__isnull=True)
    late = in_territory(
        Report.objects.filter(campaign__deadline__range=(first, last)).filter(
            Q(submitted_late=True) | (unsent & Q(campaign__deadline__lt=today))
        ),
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
