"""The dashboard's summary rows (models.DueCount, DueCountByOrganization, DueCountByMunicipality) recomputed for the
plans a service touched.

Each plan's rows are deleted and computed again from its occurrences in two INSERT … SELECT statements: a plan holds
a few hundred occurrences, so this costs the same whatever the region holds, and a recount cannot drift the way
+1/−1 updates can. Every service that changes a plan's occurrences (their dates, their status) or its state calls
`refresh_due_counts` inside its transaction; the plans are locked first, so two marks on one plan at the same time
recount one after the other and the second sees the first.

Bulk changes outside the services (`QuerySet.update` in a shell, the synthetic generator) call it with no plans:
every plan is recounted, set-based.

The municipalities' rows (DueCountByMunicipality) are sums of the plans' rows: each gets the difference between the
touched plans' new counts and their old rows in one upsert, so concurrent services on plans of one district add up
(their plans differ, each locked by its service) and no district's plans are read whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from ..enums import OPEN_STATUSES, PlanState
from ..models import DueCount, DueCountByMunicipality, DueCountByOrganization, Occurrence, Plan, PlanItem


def _open_occurrences(plan_ids: list[int] | None) -> tuple[str, list]:
    """FROM and WHERE of the open occurrences of approved plans (of `plan_ids`, or all), as `o` joined to `p`."""
    quote = connection.ops.quote_name
    occurrence, plan = quote(Occurrence._meta.db_table), quote(Plan._meta.db_table)
    statuses = ", ".join(["%s"] * len(OPEN_STATUSES))
    sql = f"FROM {occurrence} o JOIN {plan} p ON p.id = o.plan_id WHERE p.state = %s AND o.status IN ({statuses})"
    params: list = [PlanState.APPROVED.value, *(status.value for status in OPEN_STATUSES)]
    if plan_ids is not None:
        sql += f" AND o.plan_id IN ({', '.join(['%s'] * len(plan_ids))})"
        params += plan_ids
    return sql, params


def _statements(plan_ids: list[int] | None) -> list[tuple[str, list]]:
    quote = connection.ops.quote_name
    responsible = quote(PlanItem.responsible_organizations.through._meta.db_table)
    occurrences, params = _open_occurrences(plan_ids)
    joined = occurrences.replace(" WHERE ", f" JOIN {responsible} r ON r.planitem_id = o.item_id WHERE ", 1)
    return [
        (
            f"INSERT INTO {quote(DueCount._meta.db_table)} "
            "(plan_id, municipality_id, organization_id, due_date, open_count) "
            f"SELECT o.plan_id, p.municipality_id, p.organization_id, o.due_date, COUNT(*) {occurrences} "
            "GROUP BY o.plan_id, p.municipality_id, p.organization_id, o.due_date",
            params,
        ),
        (
            f"INSERT INTO {quote(DueCountByOrganization._meta.db_table)} "
            "(plan_id, municipality_id, organization_id, responsible_organization_id, due_date, open_count) "
            "SELECT o.plan_id, p.municipality_id, p.organization_id, r.organization_id, o.due_date, COUNT(*) "
            f"{joined} GROUP BY o.plan_id, p.municipality_id, p.organization_id, r.organization_id, o.due_date",
            params,
        ),
    ]


def _change_municipalities(cursor, plan_ids: list[int]) -> None:
    """Bring the municipalities' rows to the plans' new counts, before the plans' own rows are replaced: each
    (municipality, date) gets the plans' new open occurrences less their rows counted so far, in one upsert that
    locks the rows in (municipality, date) order, so services on plans of one district cannot deadlock."""
    quote = connection.ops.quote_name
    table = quote(DueCountByMunicipality._meta.db_table)
    occurrences, params = _open_occurrences(plan_ids)
    cursor.execute(
        f"INSERT INTO {table} (municipality_id, due_date, open_count) "
        "SELECT municipality_id, due_date, SUM(change) FROM ("
        f"SELECT p.municipality_id, o.due_date, 1 AS change {occurrences} UNION ALL "
        f"SELECT municipality_id, due_date, -open_count FROM {quote(DueCount._meta.db_table)} "
        f"WHERE plan_id IN ({', '.join(['%s'] * len(plan_ids))})"
        ") changes GROUP BY municipality_id, due_date HAVING SUM(change) <> 0 ORDER BY municipality_id, due_date "
        f"ON CONFLICT (municipality_id, due_date) DO UPDATE SET open_count = {table}.open_count + excluded.open_count",
        [*params, *plan_ids],
    )
    # a date whose items are all done: its row goes, as if it had never been counted
    cursor.execute(
        f"DELETE FROM {table} WHERE open_count = 0 AND municipality_id IN "
        f"(SELECT municipality_id FROM {quote(Plan._meta.db_table)} WHERE id IN ({', '.join(['%s'] * len(plan_ids))}))",
        plan_ids,
    )


def _rebuild_municipalities(cursor) -> None:
    quote = connection.ops.quote_name
    table = quote(DueCountByMunicipality._meta.db_table)
    cursor.execute(f"DELETE FROM {table}")
    cursor.execute(
        f"INSERT INTO {table} (municipality_id, due_date, open_count) "
        f"SELECT municipality_id, due_date, SUM(open_count) FROM {quote(DueCount._meta.db_table)} "
        "GROUP BY municipality_id, due_date"
    )


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
        if plan_ids is not None:
            _change_municipalities(cursor, plan_ids)
        for model in (DueCount, DueCountByOrganization):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}{only}", plan_ids or [])
        for sql, params in _statements(plan_ids):
            cursor.execute(sql, params)
        if plan_ids is None:
            _rebuild_municipalities(cursor)
