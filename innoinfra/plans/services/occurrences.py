"""Due dates of items (occurrences) materialised from their timing texts, or set by hand."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from innoinfra.core.dates import numeric_date
from innoinfra.core.errors import ServiceError

from ..enums import TimingKind
from ..models import Occurrence, Plan, PlanItem
from ..timing import parse_timing
from .due_counts import refresh_due_counts


def materialise(items: Iterable[PlanItem], plan: Plan | None = None, *, recount: bool = True) -> None:
    """Bring the occurrences of items in line with their timing, within the plan's period.

    Idempotent: an occurrence already there is kept as it is; one no longer wanted is deleted unless
    execution or evidence was recorded on it, in which case it stays, marked as out of schedule. Items
    whose dates were set by hand keep them. A few queries for any number of items.

    recount=False leaves the dashboard's summary rows to the caller: a bulk load materialising thousands of plans in
    batches recounts them all once at the end (one batch's recount would read a table the planner has no statistics
    for yet, and the load grew quadratic: ten regions took hours)."""
    items = list(items)
    if not items:
        return
    existing: dict[int, list[Occurrence]] = defaultdict(list)
    occurrences = Occurrence.objects.filter(item__in=[item.pk for item in items]).annotate(
        evidence_count=Count("evidence")
    )
    for occurrence in occurrences:
        existing[occurrence.item_id].append(occurrence)
    to_create, to_delete, to_flag, to_unflag, changed_items = [], [], [], [], []
    for item in items:
        if item.dates_overridden:
            continue
        item_plan = plan or item.plan
        result = parse_timing(item.timing, item_plan.period_start, item_plan.period_end)
        wanted = set(result.occurrences)
        if (item.timing_kind, item.per_year) != (result.kind, result.per_year):
            item.timing_kind, item.per_year = result.kind, result.per_year
            changed_items.append(item)
        have = {(occ.start_date, occ.due_date): occ for occ in existing[item.pk]}
        for key, occurrence in have.items():
            if key in wanted:
                if not occurrence.in_schedule:
                    to_unflag.append(occurrence.pk)
            elif occurrence.has_execution or occurrence.evidence_count:
                if occurrence.in_schedule:
                    to_flag.append(occurrence.pk)
            else:
                to_delete.append(occurrence.pk)
        to_create.extend(
            Occurrence(item=item, plan_id=item.plan_id, start_date=start, due_date=due)
            for start, due in sorted(wanted - have.keys())
        )
    if changed_items:
        PlanItem.objects.bulk_update(changed_items, ["timing_kind", "per_year"], batch_size=500)
    Occurrence.objects.filter(pk__in=to_delete).delete()
    Occurrence.objects.filter(pk__in=to_flag).update(in_schedule=False)
    Occurrence.objects.filter(pk__in=to_unflag).update(in_schedule=True)
    # ignore_conflicts: a concurrent save of the same item must not fail on the unique dates
    Occurrence.objects.bulk_create(to_create, batch_size=500, ignore_conflicts=True)
    if recount:
        refresh_due_counts({item.plan_id for item in items})


def rematerialise_plan(plan: Plan) -> None:
    materialise(plan.items.all(), plan)


def set_manual_dates(item: PlanItem, ranges: Iterable[tuple[dt.date, dt.date]], *, by=None) -> PlanItem:
    """The methodist's own due dates for an item; the timing text stays as written."""
    plan = item.plan
    ranges = sorted(set(ranges))
    for start, due in ranges:
        if start > due:
            raise ServiceError(f"Начало ({numeric_date(start)}) позже срока ({numeric_date(due)}).")
        if start < plan.period_start or due > plan.period_end:
            raise ServiceError(
                f"Срок {numeric_date(due)} вне периода плана "
                f"({numeric_date(plan.period_start)} — {numeric_date(plan.period_end)})."
            )
    with transaction.atomic():
        existing = {
            (occ.start_date, occ.due_date): occ for occ in item.occurrences.annotate(evidence_count=Count("evidence"))
        }
        for key, occurrence in existing.items():
            if key in ranges:
                continue
            if occurrence.has_execution or occurrence.evidence_count:
                raise ServiceError(
                    f"На сроке {numeric_date(occurrence.due_date)} уже отмечено выполнение: "
                    "его нельзя убрать, можно только изменить отметку."
                )
            occurrence.delete()
        Occurrence.objects.bulk_create(
            Occurrence(item=item, plan=plan, start_date=start, due_date=due)
            for start, due in ranges
            if (start, due) not in existing
        )
        item.dates_overridden = True
        item.timing_kind = TimingKind.MANUAL
        item._history_user = by
        item.save(update_fields=["dates_overridden", "timing_kind"])
        refresh_due_counts([plan])
    return item


@transaction.atomic
def reset_dates_to_timing(item: PlanItem, *, by=None) -> PlanItem:
    item.dates_overridden = False
    item._history_user = by
    item.save(update_fields=["dates_overridden"])
    materialise([item])
    return item
