"""Plans themselves: create, change particulars, move between states (approval by an order), delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version
from innoinfra.registry import services as registry_services

from ..enums import PLAN_TRANSITIONS, OccurrenceStatus, PeriodKind, PlanKind, PlanState
from ..models import Occurrence, Plan
from ._common import check_plan_editable
from .due_counts import refresh_due_counts
from .items import add_section
from .occurrences import rematerialise_plan
from .owners import Owner
from .periods import check_period, clean_columns

PLAN_FIELDS = ("title", "purpose", "preamble", "columns", "period_kind", "period_start", "period_end", "kind")


@transaction.atomic
def create_plan(
    *,
    owner: Owner,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = PlanKind.EVENT_PLAN,
    period_kind: str = PeriodKind.ACADEMIC_YEAR,
    columns: Iterable[str] | None = None,
    by=None,
    **fields,
) -> Plan:
    title = (title or "").strip()
    if not title:
        raise ServiceError("Укажите наименование плана.")
    check_period(period_start, period_end)
    plan = Plan(
        title=title[:1000],
        kind=kind,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
        responsible_user=fields.pop("responsible_user", by),
        **owner.as_fields(),
        **fields,
    )
    if columns is not None:
        plan.columns = clean_columns(columns)
    plan._history_user = by
    plan.save()
    return plan


@transaction.atomic
def create_plan_with_section(*, owner: Owner, by=None, **fields) -> Plan:
    """A plan as the plan page and the API start one: with one untitled section to put items in."""
    plan = create_plan(owner=owner, by=by, **fields)
    add_section(plan, title="")
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, by=None, version: int | None = None, **fields) -> Plan:
    """Change a draft's particulars; an approved or archived plan is refused (return it to a draft first).
    `version` is the one the editor read: if someone saved the plan since, VersionConflict and nothing changes."""
    check_plan_editable(plan, "сведения")
    unknown = set(fields) - set(PLAN_FIELDS) - {"responsible_user"}
    if unknown:
        raise ServiceError(f"Эти поля плана так не меняются: {', '.join(sorted(unknown))}.")
    period_changed = any(
        name in fields and fields[name] != getattr(plan, name) for name in ("period_start", "period_end")
    )
    if "columns" in fields:
        fields["columns"] = clean_columns(fields["columns"])
    if "title" in fields and not (fields["title"] or "").strip():
        raise ServiceError("Укажите наименование плана.")
    for name, value in fields.items():
        setattr(plan, name, value)
    check_period(plan.period_start, plan.period_end)
    claim_version(plan, version)
    plan._history_user = by
    plan.save()
    if period_changed:
        rematerialise_plan(plan)
    return plan


@transaction.atomic
def change_plan_state(plan: Plan, new_state: str, *, by=None, order=None, new_order: Mapping | None = None) -> Plan:
    """draft → approved (by an order) → archived; an approved plan may go back to draft to be corrected.

    The approving order is one of the registry or `new_order` (its number and date), registered here in the same
    transaction, so a refused approval leaves no order behind."""
    old_state = plan.state
    if new_state not in PLAN_TRANSITIONS.get(old_state, ()):
        target = PlanState(new_state).label if new_state in PlanState.values else new_state
        raise ServiceError(f"Нельзя перевести план из состояния «{PlanState(old_state).label}» в «{target}».")
    if new_state == PlanState.APPROVED:
        if order is None and new_order:
            order = registry_services.create_order(
                number=new_order["number"],
                date=new_order["date"],
                title=f"Об утверждении: {plan.title}"[:500],
                municipality=plan.municipality,
                by=by,
            )
        order = order or plan.order
        if order is None:
            raise ServiceError("План утверждается приказом: укажите приказ об утверждении.")
        if order.municipality_id != plan.municipality_id:
            raise ServiceError("План утверждается приказом своей территории: этот приказ издан для другой.")
        if not plan.items.exists():
            raise ServiceError("В плане нет ни одного пункта: утверждать нечего.")
        plan.order = order
    updated = Plan.objects.filter(pk=plan.pk, state=old_state).update(state=new_state)
    if not updated:
        raise ServiceError("Состояние плана только что изменил другой пользователь. Обновите страницу.")
    plan.state = new_state
    plan._history_user = by
    plan._change_reason = f"{PlanState(old_state).label} → {PlanState(new_state).label}"
    plan.save(update_fields=["state", "order", "updated_at"])
    refresh_due_counts([plan])  # only approved plans are counted: rows appear or go with the state
    return plan


@transaction.atomic
def delete_plan(plan: Plan) -> None:
    if plan.state != PlanState.DRAFT:
        raise ServiceError("Удалить можно только проект плана; утверждённый план отправляется в архив.")
    if Occurrence.objects.filter(plan=plan).exclude(status=OccurrenceStatus.PLANNED).exists():
        raise ServiceError("По плану уже отмечено выполнение: удалить его нельзя, отправьте его в архив.")
    plan.delete()
