"""Read-side of plans: lists with their execution figures, dashboards of what is due and overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from innoinfra.accounts.models import Membership, User
from innoinfra.accounts.scopes import municipalities_managed_by, organizations_managed_by, scope_of
from innoinfra.core.forms import parse_id
from innoinfra.core.search import filter_by_text
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Order, Site

from .enums import OPEN_STATUSES, OccurrenceStatus, PlanState
from .models import DueCount, DueCountByMunicipality, DueCountByOrganization, Occurrence, Plan, PlanItem, PlanSection


@dataclass(frozen=True)
class Execution:
    total: int = 0
    due: int = 0  # occurrences whose due date has come, cancelled ones excluded
    done: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int | None:
        """Share of what should be done by now that is done; None before anything is due."""
        return round(100 * self.done / self.due) if self.due else None


def execution_counts(today: dt.date, prefix: str = "") -> dict:
    """Conditional counts of occurrences; prefix is the relation path from the queried model."""
    due_by_today = Q(**{f"{prefix}due_date__lte": today}) & ~Q(**{f"{prefix}status": OccurrenceStatus.CANCELLED})
    field = f"{prefix}id" if prefix else "id"
    return {
        "ex_total": Count(field, distinct=bool(prefix)),
        "ex_due": Count(field, filter=due_by_today, distinct=bool(prefix)),
        "ex_done": Count(
            field, filter=due_by_today & Q(**{f"{prefix}status": OccurrenceStatus.DONE}), distinct=bool(prefix)
        ),
        "ex_overdue": Count(
            field,
            filter=Q(**{f"{prefix}due_date__lt": today, f"{prefix}status__in": OPEN_STATUSES}),
            distinct=bool(prefix),
        ),
    }


def plan_execution(plan: Plan, today: dt.date) -> Execution:
    figures = Occurrence.objects.filter(plan=plan).aggregate(**execution_counts(today))
    return Execution(figures["ex_total"], figures["ex_due"], figures["ex_done"], figures["ex_overdue"])


def execution_of_loaded(sections, today: dt.date) -> Execution:
    """The figures of plan_execution counted over the occurrences the page has already loaded (every item is in a
    section, so these are all the plan's): the same rules, one query fewer."""
    total = due = done = overdue = 0
    for section in sections:
        for item in section.items.all():
            for occurrence in item.occurrences.all():
                total += 1
                if occurrence.due_date <= today and occurrence.status != OccurrenceStatus.CANCELLED:
                    due += 1
                    done += occurrence.status == OccurrenceStatus.DONE
                overdue += occurrence.due_date < today and occurrence.status in OPEN_STATUSES
    return Execution(total, due, done, overdue)


def plans_visible_to(user) -> QuerySet[Plan]:
    """Approved and archived plans for everyone; drafts for those who may edit them."""
    plans = Plan.objects.all()
    scope = scope_of(user)
    visible = ~Q(state=PlanState.DRAFT)
    if scope.managed_municipalities is None:
        return plans
    if scope.managed_municipalities:
        visible |= scope.managed()
    if scope.organizations:
        visible |= Q(organization_id__in=scope.organizations)
    return plans.filter(visible)


def plans_for_list(user) -> QuerySet[Plan]:
    return (
        plans_visible_to(user)
        .select_related("municipality", "organization", "site__kind", "body", "order")
        .order_by("-period_start", "title", "pk")
    )


def attach_execution(plans, today: dt.date) -> None:
    """Execution figures for a page of plans in one grouped query (counting over every plan would scan
    all occurrences before the page is cut)."""
    rows = (
        Occurrence.objects.filter(plan__in=[plan.pk for plan in plans])
        .values("plan_id")
        .annotate(**execution_counts(today))
    )
    figures = {
        row["plan_id"]: Execution(row["ex_total"], row["ex_due"], row["ex_done"], row["ex_overdue"]) for row in rows
    }
    for plan in plans:
        plan.execution = figures.get(plan.pk, Execution())


def filter_plans(plans: QuerySet[Plan], data) -> QuerySet[Plan]:
    if text := (data.get("q") or "").strip():
        plans = filter_by_text(plans, text)
    for name in ("kind", "state", "owner_kind"):
        if value := data.get(name):
            plans = plans.filter(**{name: value})
    if value := data.get("municipality"):
        plans = plans.filter(municipality_id=parse_id(value)) if parse_id(value) else plans.none()
    if value := data.get("organization"):
        plans = plans.filter(organization_id=parse_id(value)) if parse_id(value) else plans.none()
    # a year past 9999 has no dates: it matches nothing rather than overflowing the date arithmetic
    if (value := data.get("year")) and str(value).isascii() and str(value).isdigit():
        year = int(value)
        plans = plans if 1 <= year <= 9999 else plans.none()
        plans = plans.filter(period_start__year__lte=year, period_end__year__gte=year)
    return plans


def _own_plans(scope) -> Q:
    """Plans a user runs: those of the territories they manage and of the organizations they administer, as a
    condition on anything with the plan's `municipality_id` and `organization_id` (plans, the summary rows)."""
    own = scope.managed() if scope.managed_municipalities else Q(pk__in=[])
    if scope.organizations:
        own |= Q(organization_id__in=scope.organizations)
    return own


def _naming_links(user, scope, plans) -> list[QuerySet]:
    """The links of the items of `plans` to the user, and to the organizations they administer, as responsible."""
    links = [PlanItem.responsible_users.through.objects.filter(user_id=user.pk, planitem__plan__in=plans)]
    if scope.organizations:
        links.append(
            PlanItem.responsible_organizations.through.objects.filter(
                organization_id__in=scope.organizations, planitem__plan__in=plans
            )
        )
    return links


def _named_items(user, scope, approved) -> Q:
    """Occurrences of the items of `approved` plans that name the user or one of the organizations they administer."""
    return reduce(or_, (Q(item_id__in=link.values("planitem_id")) for link in _naming_links(user, scope, approved)))


def _named_item_ids(user, scope, plans, *, besides) -> list[int]:
    """The ids of the items of `plans`, not of the plans `besides`, that name the user or one of the organizations
    they administer: one query."""
    own = besides.values("pk")
    first, *rest = (
        link.exclude(planitem__plan_id__in=own).values_list("planitem_id", flat=True).order_by()
        for link in _naming_links(user, scope, plans)
    )
    return list(first.union(*rest) if rest else first)


def occurrences_visible_to(user) -> QuerySet[Occurrence]:
    """Occurrences of approved plans the user runs, administers or is responsible for.

    Written as IN-subqueries on plan and item ids rather than joins: the dashboards then read occurrences through
    their (status, due date) index, and OR-ing joins over the many-to-many links cannot multiply rows."""
    approved = Plan.objects.filter(state=PlanState.APPROVED)
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Occurrence.objects.filter(plan_id__in=approved.values("pk"))
    if not user.is_authenticated:
        return Occurrence.objects.none()
    visible = Q(plan_id__in=approved.filter(_own_plans(scope)).values("pk")) | _named_items(user, scope, approved)
    return Occurrence.objects.filter(visible)


@dataclass(frozen=True)
class DueFigures:
    """What the execution dashboard shows besides its page of rows: each window's total of open occurrences, and
    the plans and responsible organizations with most of them in the chosen window (ten each)."""

    counts: dict[str, int]
    by_plan: list[dict]
    by_organization: list[dict]


TOP = 10
# a summary row's responsible organization, as the dashboard lists it
RESPONSIBLE = {
    "responsible_id": F("responsible_organization_id"),
    "short_name": F("responsible_organization__short_name"),
}


def _top(rows: list[dict], key: str) -> list[dict]:
    return sorted(rows, key=lambda row: (-row["open_count"], row[key]))[:TOP]


def _top_plans(rows: QuerySet[DueCount]) -> list[dict]:
    """The TOP plans with most open occurrences among `rows`, as {plan_id, plan__title, open_count}. The rows are
    summed per plan first and only the sums meet the plans' titles: joining first carried a title through every
    row of every plan of the region (twice the time at ten regions)."""
    try:
        sql, params = rows.values("plan_id").annotate(open_count=Sum("open_count")).order_by().query.sql_with_params()
    except EmptyResultSet:  # a user who runs no plans: the condition matches nothing
        return []
    plans = connection.ops.quote_name(Plan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT summed.plan_id, p.title, summed.open_count FROM ({sql}) summed "
            f"JOIN {plans} p ON p.id = summed.plan_id ORDER BY summed.open_count DESC, p.title LIMIT %s",
            [*params, TOP],
        )
        return [{"plan_id": pk, "plan__title": title, "open_count": count} for pk, title, count in cursor.fetchall()]


def _own_totals(scope, windows: dict[str, Q], horizon: dt.date) -> dict[str, int]:
    """Each window's open occurrences of the plans the user runs: the territories' from their municipalities' rows
    (a row per district and date, however many plans it holds), the plans of administered organizations elsewhere
    from their plans' rows."""
    sums = {name: Sum("open_count", filter=window) for name, window in windows.items()}
    managed = scope.managed_municipalities
    parts = []
    if managed is None or managed:
        territories = DueCountByMunicipality.objects.filter(due_date__lte=horizon)
        parts.append(territories.filter(scope.managed()))
    if managed is not None and scope.organizations:
        plans = DueCount.objects.filter(organization_id__in=scope.organizations, due_date__lte=horizon)
        parts.append(plans.exclude(scope.managed()) if managed else plans)
    counts = dict.fromkeys(windows, 0)
    for part in parts:
        for name, value in part.aggregate(**sums).items():
            counts[name] += value or 0
    return counts


def due_figures(user, windows: dict[str, Q], view: str, horizon: dt.date) -> DueFigures:
    """The dashboard's figures for everything the user sees, from the summary rows (models.DueCount) of the plans
    they run plus a direct count of the occurrences of items elsewhere that name them (a handful, if any): the work
    does not grow with the occurrences of the region. `windows` are conditions on `due_date`, all ending by
    `horizon`; the result equals counting `occurrences_visible_to(user).open()` — the tests compare them."""
    scope = scope_of(user)
    if not user.is_authenticated:
        return DueFigures(dict.fromkeys(windows, 0), [], [])
    everything = scope.managed_municipalities is None
    own = Q() if everything else _own_plans(scope)
    rows = DueCount.objects.filter(own, due_date__lte=horizon)
    counts = _own_totals(scope, windows, horizon)
    by_plan = _top_plans(rows.filter(windows[view]))
    by_org_rows = DueCountByOrganization.objects.filter(own, windows[view])
    organizations = {
        row["responsible_id"]: row
        for row in by_org_rows.values(**RESPONSIBLE)
        .annotate(open_count=Sum("open_count"))
        .order_by("-open_count", "short_name")[:TOP]
    }
    approved = Plan.objects.filter(state=PlanState.APPROVED)
    # items of other territories' plans that name the user: their ids first (one query over the links, mostly
    # empty), so the occurrences are read by item, not by scanning the region's open ones for them
    named_items = [] if everything else _named_item_ids(user, scope, approved, besides=approved.filter(own))
    if named_items:
        named = Occurrence.objects.open().filter(item_id__in=named_items, due_date__lte=horizon)
        figures = named.aggregate(**{name: Count("pk", filter=window) for name, window in windows.items()})
        for name in windows:
            counts[name] += figures[name]
        selected = named.filter(windows[view])
        by_plan = _top(
            by_plan + list(selected.values("plan_id", "plan__title").annotate(open_count=Count("pk")).order_by()),
            "plan__title",
        )
        extra = list(
            selected.filter(item__responsible_organizations__isnull=False)
            .values(
                responsible_id=F("item__responsible_organizations"),
                short_name=F("item__responsible_organizations__short_name"),
            )
            .annotate(open_count=Count("pk"))
            .order_by()
        )
        if extra:
            # an organization outside the ten may get into them with these: its own rows' sum is needed too
            missing = {row["responsible_id"] for row in extra} - set(organizations)
            for row in (
                by_org_rows.filter(responsible_organization_id__in=missing)
                .values(**RESPONSIBLE)
                .annotate(open_count=Sum("open_count"))
                .order_by()
            ):
                organizations[row["responsible_id"]] = row
            for row in extra:
                known = organizations.setdefault(row["responsible_id"], {**row, "open_count": 0})
                known["open_count"] += row["open_count"]
    return DueFigures(counts, by_plan, _top(list(organizations.values()), "short_name"))


def with_row_data(occurrences: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    return occurrences.select_related("item__section", "plan__municipality", "plan__organization")


def owner_options(user):
    """Municipalities, organizations and current sites a user may give a plan to."""

    scope = scope_of(user)
    if scope.is_staff:
        municipalities = municipalities_managed_by(user)
        organizations = organizations_managed_by(user).filter(is_active=True)
    else:
        municipalities = municipalities_managed_by(user).none()
        organizations = Organization.objects.filter(pk__in=scope.organizations)
    sites = (
        Site.objects.current().filter(lead_organization__in=organizations).select_related("kind", "lead_organization")
    )
    return list(municipalities), list(organizations.order_by("short_name")), list(sites)


def orders_for_approval(plan: Plan):
    return Order.objects.filter(municipality_id=plan.municipality_id).order_by("-date")


PLAN_CHOICES = 20


def plans_to_filter_by(user, text: str = "", *, ids=None) -> list[tuple[int, str]]:
    """(id, title) of approved plans a user's dashboard may be narrowed to: the first PLAN_CHOICES by title with
    the words of `text`, or those of `ids`. Never all of them: a region holds thousands, more than a list can show
    or a page should carry; the filter asks for them as the user types."""
    plans = plans_visible_to(user).filter(state=PlanState.APPROVED)
    if ids is not None:
        plans = plans.filter(pk__in=ids)
    elif text := text.strip():
        plans = filter_by_text(plans, text)
    return list(plans.order_by("title", "pk").values_list("pk", "title")[:PLAN_CHOICES])


def items_user_may_record(user, items: list[tuple[int, Plan]]) -> set[int]:
    """Ids of the items (given as (item id, its plan)) whose execution the user may mark: staff of the plan's
    territory and the owner's administrators everywhere, others where they or their organization are named.
    The per-object rule is `plans.record_execution`; this answers it for a whole page in two queries."""
    from .models import PlanItem

    if not user.is_authenticated or not items:
        return set()
    scope = scope_of(user)
    ids = {item_id for item_id, _plan in items}
    named = set(
        PlanItem.responsible_users.through.objects.filter(planitem_id__in=ids, user_id=user.pk).values_list(
            "planitem_id", flat=True
        )
    )
    if scope.organizations:
        named |= set(
            PlanItem.responsible_organizations.through.objects.filter(
                planitem_id__in=ids, organization_id__in=scope.organizations
            ).values_list("planitem_id", flat=True)
        )
    return {
        item_id
        for item_id, plan in items
        if (scope.is_staff and scope.manages(plan.municipality_id))
        or (plan.organization_id is not None and plan.organization_id in scope.organizations)
        or item_id in named
    }


def sections_with_items(plan: Plan) -> list[PlanSection]:
    """Sections, their items, each item's occurrences with evidence counts: four queries for any plan."""
    occurrences = Occurrence.objects.annotate(evidence_count=Count("evidence")).order_by("due_date")
    items = PlanItem.objects.order_by("position", "id").prefetch_related(
        Prefetch("occurrences", queryset=occurrences),
        "responsible_organizations",
        "responsible_users",
    )
    return list(plan.sections.order_by("position", "id").prefetch_related(Prefetch("items", queryset=items)))


# ---------------------------------------------------------------- the directory an item's responsible come from


def responsible_organizations_for(plan: Plan) -> QuerySet[Organization]:
    """Organizations an item of the plan may name: the working organizations of the plan's municipality."""
    return Organization.objects.filter(municipality_id=plan.municipality_id, is_active=True).order_by("short_name")


def responsible_users_for(plan: Plan):
    """People an item of the plan may name: active users who work in the plan's municipality — staff with a role
    of the territory, or anyone with a role in, or a place of work at, one of its organizations."""
    roles = Membership.objects.active().filter(
        Q(municipality_id=plan.municipality_id) | Q(organization__municipality_id=plan.municipality_id)
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=roles.values("user_id")) | Q(organization__municipality_id=plan.municipality_id))
        .select_related("organization")
        .order_by("last_name", "first_name", "middle_name", "pk")
    )
