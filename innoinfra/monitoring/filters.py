"""What a monitoring request is about: the academic year and the territory, checked against the user's scope.

Pages, downloads and the staff API read their parameters through `monitoring_filters`, so a methodist of one
district can never ask for another district's figures by editing the address."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.dates import academic_year_label, academic_year_of
from innoinfra.core.forms import parse_id
from innoinfra.reference.models import Municipality

YEARS_BACK = 6
OUTSIDE_SCOPE = "Показатели этой территории вам недоступны."


@dataclass(frozen=True)
class Filters:
    year: int
    # None: every municipality (the whole installation); otherwise the ids the figures are computed for
    municipalities: frozenset[int] | None
    municipality: Municipality | None  # the one chosen in the territory filter, if any
    territory_label: str

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    def query(self, **extra) -> str:
        from urllib.parse import urlencode

        params = {"year": self.year, **({"municipality": self.municipality.pk} if self.municipality else {}), **extra}
        return urlencode(params)


def current_year() -> int:
    return academic_year_of(timezone.localdate())


def year_choices() -> list[tuple[int, str]]:
    latest = current_year()
    return [(year, academic_year_label(year)) for year in range(latest, latest - YEARS_BACK - 1, -1)]


def parse_year(value) -> int:
    """An academic year from the address; anything odd means the current one (a page never fails on it)."""
    latest = current_year()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return latest
    return year if 2000 <= year <= latest + 1 else latest


def monitoring_filters(user, params) -> Filters:
    """Raises PermissionDenied when the chosen municipality is outside the user's territory; an unknown one is
    treated the same way, so the answer does not tell which ids exist."""
    managed = scope_of(user).managed_municipalities
    year = parse_year(params.get("year"))
    raw = str(params.get("municipality") or "").strip()
    if raw:
        pk = parse_id(raw)
        if pk is None or (managed is not None and pk not in managed):
            raise PermissionDenied(OUTSIDE_SCOPE)
        municipality = Municipality.objects.filter(pk=pk).first()
        if municipality is None:
            raise PermissionDenied(OUTSIDE_SCOPE)
        return Filters(year, frozenset({municipality.pk}), municipality, municipality.name)
    return Filters(year, managed, None, territory_label(managed))


def territory_label(managed: frozenset[int] | None) -> str:
    if managed is None:
        return "все территории"
    if len(managed) == 1:
        municipality = Municipality.objects.filter(pk__in=managed).first()
        return municipality.name if municipality else "—"
    return "все территории, которые вы ведёте"
