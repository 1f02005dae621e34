"""What every figure shares: the territory (municipality ids, or None for the whole installation), the
academic year as moments and as SQL, the years of a trend, a percentage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import Case, IntegerField, QuerySet, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from innoinfra.core.dates import academic_year_bounds

Territory = Collection[int] | None
TREND_YEARS = 5
LIST_LIMIT = 100


def in_territory(queryset: QuerySet, municipalities: Territory, lookup: str) -> QuerySet:
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


def academic_year_of(field: str):
    """SQL for the academic year of a timestamp column: September starts the next one."""
    calendar_year = ExtractYear(field)
    return Case(
        When(**{f"{field}__month__gte": 9}, then=calendar_year),
        default=calendar_year - 1,
        output_field=IntegerField(),
    )


def trend_years(year: int) -> list[int]:
    return list(range(year - TREND_YEARS + 1, year + 1))


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
