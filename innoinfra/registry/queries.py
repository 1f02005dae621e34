"""Named querysets of the registry, shared by pages, exports and the API."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from innoinfra.core.lists import count_of
from innoinfra.core.search import filter_by_text, normalize
from innoinfra.reference.models import Municipality, Organization

from .models import Order, Site, SiteParticipant, SiteStateChange, current_q, effective_state_q


def sites_for_list() -> QuerySet[Site]:
    return Site.objects.with_list_data()


def filter_sites(qs: QuerySet[Site], params: dict) -> QuerySet[Site]:
    """Apply the registry filters (as cleaned by SiteFilterForm or the API filterset)."""
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    if params.get("level"):
        qs = qs.filter(kind__level=params["level"])
    if params.get("subsystem"):
        qs = qs.filter(kind__subsystem=params["subsystem"])
    if params.get("region"):
        qs = qs.filter(lead_organization__municipality__region=params["region"])
    if params.get("municipality"):
        qs = qs.filter(lead_organization__municipality=params["municipality"])
    if params.get("organization"):
        qs = qs.filter(participants__organization=params["organization"])
    if params.get("direction"):
        qs = qs.filter(directions=params["direction"])
    if params.get("cycle_stage"):
        qs = qs.filter(cycle_stage=params["cycle_stage"])
    if params.get("state"):
        qs = qs.filter(effective_state_q(params["state"]))
    if params.get("expiring"):
        qs = qs.expiring_in_year(timezone.localdate().year)
    if params.get("year"):
        qs = qs.active_in_year(int(params["year"]))
    if params.get("q"):
        qs = filter_by_text(qs, params["q"])
    return qs


def _current_participations() -> QuerySet[SiteParticipant]:
    """An organization's participations in sites not over yet (one row per site: participant pairs are unique)."""
    return SiteParticipant.objects.filter(current_q(prefix="site__"), organization=OuterRef("pk"))


def organizations_for_list() -> QuerySet[Organization]:
    """Counted per row shown (see core.lists.count_of): the list is ordered by an index and cut at 25 rows."""
    return Organization.objects.select_related("municipality__region").annotate(
        current_sites=count_of(_current_participations())
    )


def filter_organizations(qs: QuerySet[Organization], params: dict) -> QuerySet[Organization]:
    if params.get("region"):
        qs = qs.filter(municipality__region=params["region"])
    if params.get("municipality"):
        qs = qs.filter(municipality=params["municipality"])
    if params.get("type"):
        qs = qs.filter(type=params["type"])
    if params.get("with_status"):
        # a semi-join, not a join made DISTINCT: no duplicate rows to sort away before the page is cut
        qs = qs.filter(Exists(_current_participations()))
    if params.get("q"):
        qs = filter_by_text(qs, params["q"])
    return qs


def orders_for_list() -> QuerySet[Order]:
    return (
        Order.objects.select_related("issuer", "municipality")
        .annotate(site_count=count_of(Site.objects.filter(order=OuterRef("pk"))))
        .order_by("-date", "-id")
    )


def filter_orders(qs: QuerySet[Order], params: dict) -> QuerySet[Order]:
    if params.get("municipality"):
        qs = qs.filter(municipality=params["municipality"])
    if params.get("year"):
        qs = qs.filter(date__year=int(params["year"]))
    if params.get("q"):
        qs = filter_by_text(qs, params["q"])
    return qs


def organization_activity(organization) -> tuple[list, list]:
    """An organization's participations in sites: the current ones and the past ones, newest first."""
    participations = (
        SiteParticipant.objects.filter(organization=organization)
        .select_related("site__kind", "site__order", "site__lead_organization")
        .prefetch_related("site__directions")
        .order_by("-site__start_date", "-site_id")
    )
    current = [p for p in participations if p.site.is_current]
    past = [p for p in participations if not p.site.is_current]
    return current, past


def site_state_changes() -> QuerySet:
    return SiteStateChange.objects.select_related("order", "changed_by").order_by("-date", "-id")


# municipalities a long select's autocomplete offers for one typed text
MUNICIPALITY_OPTIONS = 20


def municipality_options(
    text: str, *, among: Q | None = None, limit: int = MUNICIPALITY_OPTIONS
) -> list[tuple[int, str]]:
    """(id, label) of the municipalities whose name holds every typed word (any case, «е» for «ё»), the first
    `limit` by name (of those meeting `among`, if given: a user's territory, Scope.managed); the label names the
    region too when the installation has more than one, for there are «Первомайский район»s in many. A country holds
    a few thousand municipalities: they are matched in Python, which treats Cyrillic case alike on both engines
    (SQLite's LIKE folds only Latin letters)."""
    words = normalize(text).split()
    rows = Municipality.objects.order_by("name", "id").values_list("pk", "name", "region__name")
    if among is not None:
        rows = rows.filter(among)
    found = [row for row in rows if all(word in normalize(row[1]) for word in words)][:limit]
    several = Municipality.objects.values("region").distinct().count() > 1 if found else False
    return [(pk, f"{name} ({region})" if several else name) for pk, name, region in found]
