"""Sites active in an academic year (their period touches it and no order ended them before it began), counted
by kind, level, direction and municipality; the educational organizations of a territory and their coverage."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from innoinfra.core.dates import academic_year_bounds
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Organization
from innoinfra.registry.enums import FINAL_STATES, Level
from innoinfra.registry.models import Site, SiteStateChange, in_force_q

from ._common import Territory, in_territory, percent

# Educational organizations: the authority and the methodological centre run the infrastructure, they are not
# expected to hold statuses themselves, so they are neither counted nor listed as «дефициты».
EDUCATIONAL_TYPES = (OrganizationType.SCHOOL, OrganizationType.DOO, OrganizationType.UDO, OrganizationType.COLLEGE)


def _period_touches(year: int, prefix: str = "") -> Q:
    first, last = academic_year_bounds(year)
    return (Q(**{f"{prefix}start_date__lte": last}) | Q(**{f"{prefix}start_date__isnull": True})) & (
        Q(**{f"{prefix}end_date__gte": first}) | Q(**{f"{prefix}end_date__isnull": True})
    )


def _ended_on():
    """The day the status was completed or revoked (by order), if it was."""
    ends = SiteStateChange.objects.filter(site=OuterRef("pk"), to_state__in=FINAL_STATES).order_by("date")
    return Subquery(ends.values("date")[:1])


def active_in(year: int) -> Q:
    """A site counts in a year when its period touches the year and its status was not ended by an order before the
    year began: a site revoked in December still counts for that academic year, not for the next one."""
    first, _last = academic_year_bounds(year)
    return _period_touches(year) & (Q(ended_on__isnull=True) | Q(ended_on__gte=first))


def sites_with_end(municipalities: Territory) -> QuerySet[Site]:
    return in_territory(Site.objects.all(), municipalities, "lead_organization__municipality").annotate(
        ended_on=_ended_on()
    )


def active_sites(municipalities: Territory, year: int) -> QuerySet[Site]:
    return sites_with_end(municipalities).filter(active_in(year))


def in_force_today(municipalities: Territory) -> int:
    """Statuses in force today, by the registry's own definition (registry.models.in_force_q): the number the
    registry page, its API with `state=active` and the map show. The academic-year figures above count every status
    held at some time in the year, which is more than those in force on one day of it."""
    return in_territory(Site.objects.in_force(), municipalities, "lead_organization__municipality").count()


def site_totals(municipalities: Territory, year: int) -> dict:
    held = active_in(year)
    # one query for the year's figures and today's: the latter by the registry's own definition (in_force_q)
    totals = sites_with_end(municipalities).aggregate(
        sites=Count("pk", filter=held),
        organizations=Count("lead_organization", distinct=True, filter=held),
        in_force_today=Count("pk", filter=in_force_q()),
    )
    organizations = educational_organizations(municipalities).count()
    totals["all_organizations"] = organizations
    totals["coverage"] = percent(totals["organizations"], organizations)
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
            "coverage": percent(row["organizations"], totals.get(row["lead_organization__municipality_id"], 0)),
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row["count"], row["municipality"]))


def educational_organizations(municipalities: Territory) -> QuerySet[Organization]:
    return in_territory(
        Organization.objects.filter(is_active=True, type__in=EDUCATIONAL_TYPES), municipalities, "municipality"
    )
