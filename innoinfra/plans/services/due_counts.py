"""The dashboard's summary rows (models.DueCount, DueCountByOrganization) recomputed for the plans a service touched.

Each plan's rows are deleted and computed again from its occurrences in two INSERT … SELECT statements: a plan holds
a few hundred occurrences, so this costs the same whatever the region holds, and a recount cannot drift the way
+1/−1 updates can. Every service that changes a plan's occurrences (their dates, their status) or its state calls
`refresh_due_counts` inside its transaction; the plans are locked first, so two marks on one plan at the same time
recount one after the other and the second sees the first.

Bulk changes outside the services (`QuerySet.update` in a shell, the synthetic generator) call it with no plans:
every plan is recounted, set-based.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from ..enums import OPEN_STATUSES, PlanState
from ..models import DueCount, DueCountByOrganization, Occurrence, Plan, PlanItem


def _statements(plan_ids: list[int] | None) -> list[tuple[str, list]]:
    quote = connection.ops.quote_name
    occurrence, plan = quote(Occurrence._meta.db_table), quote(Plan._meta.db_table)
    responsible = quote(PlanItem.responsible_organizations.through._meta.db_table)
    statuses = ", ".join(["%s"] * len(OPEN_STATUSES))
    where = f"p.state = %s AND o.status IN ({statuses})"
    params: list = [PlanState.APPROVED.value, *(status.value for status in OPEN_STATUSES)]
    if plan_ids is not None:
        where += f" AND o.plan_id IN ({', '.join(['%s'] * len(plan_ids))})"
        params += plan_ids
    return [
        (
            f"INSERT INTO {quote(DueCount._meta.db_table)} "
            "(plan_id, municipality_id, organization_id, due_date, open_count) "
            "SELECT o.plan_id, p.municipality_id, p.organization_id, o.due_date, COUNT(*) "
            f"FROM {occurrence} o JOIN {plan} p ON p.id = o.plan_id WHERE {where} "
            "GROUP BY o.plan_id, p.municipality_id, p.organization_id, o.due_date",
            params,
        ),
        (
            f"INSERT INTO {quote(DueCountByOrganization._meta.db_table)} "
            "(plan_id, municipality_id, organization_id, responsible_organization_id, due_date, open_count) "
            "SELECT o.plan_id, p.municipality_id, p.organization_id, r.organization_id, o.due_date, COUNT(*) "
            f"FROM {occurrence} o JOIN {plan} p ON p.id = o.plan_id "
            f"JOIN {responsible} r ON r.planitem_id = o.item_id WHERE {where} "
            "GROUP BY o.plan_id, p.municipality_id, p.organization_id, r.organization_id, o.due_date",
            params,
        ),
    ]


@transaction.atomic
def refresh_due_counts(plans: Iterable[int | Plan] | None = None) -> None:
    """Recount the summary rows of `plans` (ids or plans); None recounts every plan."""
    plan_ids = None if plans is None else sorted({getattr(plan, "pk", plan) for plan in plans})
    if plan_ids == []:
        return
    if plan_ids is not None:
        # in id order, so two services touching the same plans cannot deadlock
        list(Plan.objects.select_for_update().filter(pk__in=plan_ids).order_by("pk").values_list("pk", flat=True))
    # Plain DELETE: the ORM's would read every row first for the change signals, which nobody needs here.
    only = "" if plan_ids is None else f" WHERE plan_id IN ({', '.join(['%s'] * len(plan_ids))})"
    with connection.cursor() as cursor:
        for model in (DueCount, DueCountByOrganization):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}{only}", plan_ids or [])
        for sql, params in _statements(plan_ids):
            cursor.execute(sql, params)
