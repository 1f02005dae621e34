"""The figures of monitoring: pure functions of a territory and an academic year.

`municipalities` is a collection of municipality ids, or None for the whole installation; `year` is the first
calendar year of the academic year (2024 → «2024/2025 учебный год»). Every figure comes from aggregate queries
(COUNT with filters, GROUP BY) — never from a Python loop over rows — so a region of thousands of sites costs the
same handful of queries as a district. The pages, the API and the Word report all read these functions, so they
can never disagree. Results are plain dicts and lists (JSON-ready).

- `sites` — active sites by kind, level, direction and municipality; educational organizations and coverage;
- `applications` — applications by the academic year of submission, with outcomes;
- `plans` — execution of approved plans, sites with overdue items;
- `events` — held events and their participants by format and by month;
- `deficits` — organizations without innovation activity, late reports;
- `overview` — mentoring counts, five-year trends, the public overview;
- `_common` — the territory filter, the academic year as moments and in SQL, percentages.
"""

from ._common import LIST_LIMIT, TREND_YEARS, Territory, trend_years, year_moments
from .applications import REFUSED_STATES, SUCCESS_STATES, applications_by_year
from .deficits import ORGANIZED_EVENT_STATES, late_reports, organizations_without_activity
from .events import event_totals, events_by_format, events_by_month, held_events
from .overview import consultations, mentoring, overview, publications_by_level, trends
from .plans import plan_execution, plan_execution_by_municipality, sites_with_overdue_items
from .sites import (
    EDUCATIONAL_TYPES,
    active_sites,
    educational_organizations,
    site_totals,
    sites_by_direction,
    sites_by_kind,
    sites_by_level,
    sites_by_municipality,
    sites_with_end,
)

__all__ = [
    "EDUCATIONAL_TYPES",
    "LIST_LIMIT",
    "ORGANIZED_EVENT_STATES",
    "REFUSED_STATES",
    "SUCCESS_STATES",
    "TREND_YEARS",
    "Territory",
    "active_sites",
    "applications_by_year",
    "consultations",
    "educational_organizations",
    "event_totals",
    "events_by_format",
    "events_by_month",
    "held_events",
    "late_reports",
    "mentoring",
    "organizations_without_activity",
    "overview",
    "plan_execution",
    "plan_execution_by_municipality",
    "publications_by_level",
    "site_totals",
    "sites_by_direction",
    "sites_by_kind",
    "sites_by_level",
    "sites_by_municipality",
    "sites_with_end",
    "sites_with_overdue_items",
    "trend_years",
    "trends",
    "year_moments",
]
