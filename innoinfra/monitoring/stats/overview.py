"""Figures over several domains: mentoring counts, the five-year trends, the public overview of a territory."""

from __future__ import annotations

from django.db.models import Count

from innoinfra.consultations.models import Consultation
from innoinfra.consultations.queries import totals as consultation_totals
from innoinfra.core.dates import academic_year_bounds, academic_year_label
from innoinfra.events.enums import EventState
from innoinfra.events.models import Event
from innoinfra.mentoring.queries import mentoring_counts
from innoinfra.publications.enums import PublicationLevel
from innoinfra.publications.models import Publication
from innoinfra.publications.queries import counts_by_level

from ._common import Territory, academic_year_of, in_territory, trend_years, year_moments
from .applications import applications_by_year
from .events import held_events
from .sites import (
    active_in,
    educational_organizations,
    in_force_today,
    sites_by_kind,
    sites_by_level,
    sites_with_end,
)


def mentoring(municipalities: Territory) -> dict[str, int]:
    return mentoring_counts(municipalities)


def publications_by_level(municipalities: Territory, year: int) -> list[dict]:
    """Publications (трансляция опыта) dated in the academic year, by the outlet's level: one grouped query."""
    start, end = academic_year_bounds(year)
    counts = counts_by_level(
        in_territory(Publication.objects.all(), municipalities, "municipality"), start=start, end=end
    )
    return [{"label": PublicationLevel(level).label, "count": count} for level, count in counts.items()]


def consultations(municipalities: Territory, year: int) -> dict:
    """Consultations recorded in the territory's log with a date in the academic year: count, people, hours, forms."""
    start, end = academic_year_bounds(year)
    held = Consultation.objects.filter(held_on__range=(start, end))
    return consultation_totals(in_territory(held, municipalities, "municipality"))


def trends(municipalities: Territory, year: int) -> list[dict]:
    """Active sites, held events and submitted applications in each of the last five academic years."""
    years = trend_years(year)
    sites = sites_with_end(municipalities).aggregate(**{str(y): Count("pk", filter=active_in(y)) for y in years})
    start, _ = year_moments(years[0])
    _, end = year_moments(years[-1])
    held = Event.objects.filter(state=EventState.HELD, starts_at__gte=start, starts_at__lt=end)
    events = in_territory(held, municipalities, "municipality")
    events_in = dict(
        events.annotate(year=academic_year_of("starts_at")).values_list("year").annotate(n=Count("pk")).order_by()
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


def overview(municipalities: Territory, year: int) -> dict:
    """What anybody may know about a territory: the public registry's and the events calendar's totals."""
    by_kind = sites_by_kind(municipalities, year)
    return {
        "academic_year": year,
        "academic_year_label": academic_year_label(year),
        "active_sites": sum(row["count"] for row in by_kind),
        "in_force_today": in_force_today(municipalities),
        "sites_by_kind": [{"kind": row["kind"], "name": row["name"], "count": row["count"]} for row in by_kind],
        "sites_by_level": sites_by_level(municipalities, year),
        "organizations": educational_organizations(municipalities).count(),
        "events_held": held_events(municipalities, year).count(),
    }
