"""The execution of approved plans: items due in the year done, not done, overdue and open, by territory, and
the sites with overdue items."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q, QuerySet

from innoinfra.core.dates import academic_year_bounds
from innoinfra.plans.enums import OPEN_STATUSES, OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence

from ._common import LIST_LIMIT, Territory, in_territory, percent


def _occurrences_due(municipalities: Territory, year: int) -> QuerySet[Occurrence]:
    """Occurrences of approved (and archived) plans due in the year; a draft plan obliges nobody yet and a cancelled
    item is not expected."""
    first, last = academic_year_bounds(year)
    due = Occurrence.objects.filter(due_date__gte=first, due_date__lte=last).exclude(status=OccurrenceStatus.CANCELLED)
    return in_territory(due, municipalities, "plan__municipality").exclude(plan__state=PlanState.DRAFT)


def _execution(today: dt.date) -> dict:
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=OccurrenceStatus.DONE)),
        "not_done": Count("pk", filter=Q(status=OccurrenceStatus.NOT_DONE)),
        "overdue": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__gte=today)),
    }


def _with_percent(row: dict) -> dict:
    return {**row, "percent_done": percent(row["done"], row["total"])}


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
