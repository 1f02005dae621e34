"""Scores of effectiveness for an academic year: the figures of each organization (its accepted report of that year,
and what the system counts itself) put through the criteria that applied to that year in its territory.

A criterion gives value ÷ target, capped at 1, times its weight; the total is the weighted share in per cent. A
criterion whose figures are unknown gives nothing and is marked, so a missing report does not pass for a zero."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.dates import academic_year_bounds
from innoinfra.reference.models import Organization
from innoinfra.reports.enums import ReportState
from innoinfra.reports.facts import facts_for
from innoinfra.reports.models import Answer, Report

from . import formulas
from .models import CriteriaSet
from .services import current_year


@dataclass
class Result:
    criterion_id: int
    value: float | None  # None: a figure is missing
    share: float  # value ÷ target, capped at 1

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class Row:
    organization_id: int
    organization: str
    municipality_id: int
    criteria_set: CriteriaSet
    results: list[Result] = field(default_factory=list)

    @property
    def total(self) -> float:
        weights = sum(float(c.weight) for c in self.criteria_set.criteria.all())
        if not weights:
            return 0.0
        by_id = {c.pk: float(c.weight) for c in self.criteria_set.criteria.all()}
        return round(100 * sum(r.share * by_id[r.criterion_id] for r in self.results) / weights, 1)

    @property
    def complete(self) -> bool:
        return all(r.value is not None for r in self.results)


def sets_for_year(municipality_ids: list[int], year: int) -> dict[int, CriteriaSet]:
    """municipality → the set that applied to `year` there: its own latest edition begun by then, else the
    installation's."""
    candidates = (
        CriteriaSet.objects.filter(Q(municipality_id__in=municipality_ids) | Q(municipality__isnull=True))
        .filter(first_year__lte=year)
        .prefetch_related("criteria")
        .order_by("first_year", "id")
    )
    own: dict[int | None, CriteriaSet] = {}
    for criteria_set in candidates:  # ascending: the latest edition wins
        own[criteria_set.municipality_id] = criteria_set
    common = own.get(None)
    return {m: own.get(m, common) for m in municipality_ids if own.get(m, common) is not None}


def _accepted(municipality_ids: list[int], year: int, prefix: str = "") -> dict:
    start, end = academic_year_bounds(year)
    return {
        f"{prefix}state": ReportState.ACCEPTED,
        f"{prefix}municipality_id__in": municipality_ids,
        f"{prefix}campaign__period_end__range": (start, end),
    }


def report_figures(municipality_ids: list[int], year: int) -> dict[int, dict[str, float]]:
    """organization → code → value for every organization with an accepted report whose period ends in the year
    (a later report wins; an organization whose report gave no figures has an empty dict)."""

    reporting = Report.objects.filter(**_accepted(municipality_ids, year)).values_list("organization_id", flat=True)
    figures: dict[int, dict[str, float]] = {organization_id: {} for organization_id in reporting.distinct()}
    rows = (
        Answer.objects.filter(**_accepted(municipality_ids, year, prefix="report__"))
        .exclude(item__code="")
        .filter(Q(number__isnull=False) | Q(flag__isnull=False))
        .order_by("report__accepted_at", "report_id")
        .values_list("report__organization_id", "item__code", "number", "flag")
    )
    for organization_id, code, number, flag in rows:
        figures.setdefault(organization_id, {})[code] = float(number) if number is not None else float(flag)
    return figures


def scores(municipality_ids: list[int], year: int) -> list[Row]:
    """Every organization of the territories with an accepted report for the year, best first."""

    reported = report_figures(municipality_ids, year)
    sets = sets_for_year(municipality_ids, year)
    organizations = Organization.objects.filter(pk__in=reported).only("short_name", "municipality_id")
    facts = facts_for(list(reported), *academic_year_bounds(year))
    rows = []
    for organization in organizations:
        criteria_set = sets.get(organization.municipality_id)
        if criteria_set is None:
            continue
        figures = {**facts.get(organization.pk, {}), **reported[organization.pk]}
        row = Row(organization.pk, organization.short_name, organization.municipality_id, criteria_set)
        for criterion in criteria_set.criteria.all():
            try:
                value = formulas.evaluate(criterion.formula, figures)
            except formulas.MissingFigure:
                row.results.append(Result(criterion.pk, None, 0.0))
                continue
            row.results.append(Result(criterion.pk, value, max(0.0, min(value / float(criterion.target), 1.0))))
        rows.append(row)
    return sorted(rows, key=lambda row: (-row.total, row.organization))


def sets_visible_to(user) -> QuerySet[CriteriaSet]:
    """The criteria staff see: their territories' own and the installation's common ones."""
    municipalities = municipalities_managed_by(user)
    return CriteriaSet.objects.filter(Q(municipality__in=municipalities) | Q(municipality__isnull=True))


def scores_asked(municipalities, params: dict) -> tuple[int, list[Row]]:
    """The year and rows a scores filter asks for (the page's and the API's): last academic year unless one is
    chosen, one of the caller's territories or all of them."""
    year = params.get("year") or current_year() - 1
    chosen = params.get("municipality")
    ids = [chosen.pk] if chosen else list(municipalities.values_list("pk", flat=True))
    return year, scores(ids, year)
