"""A plan saved from what the Word or Excel importer read (a `ParsedPlan`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from innoinfra.core.errors import ServiceError

from ..enums import Column, PeriodKind, PlanKind
from ..models import Plan, PlanItem, PlanSection
from ..parsed import ParsedPlan
from .occurrences import materialise
from .owners import Owner
from .periods import infer_period
from .plans import create_plan

_PARSED_TO_ITEM = {"result": "expected_result"}
_FIELD_TO_COLUMN = {
    "responsible": Column.RESPONSIBLE,
    "timing": Column.TIMING,
    "audience": Column.AUDIENCE,
    "result": Column.RESULT,
    "notes": Column.NOTES,
}


def _columns_of(parsed: ParsedPlan) -> list[str]:
    present = set(parsed.fields)
    if not present:
        present = {
            name
            for section in parsed.sections
            for item in section.items
            for name in _FIELD_TO_COLUMN
            if getattr(item, name)
        }
    return [str(_FIELD_TO_COLUMN[name]) for name in _FIELD_TO_COLUMN if name in present]


def parsed_period(parsed: ParsedPlan) -> tuple[str, dt.date, dt.date] | None:
    """The period the document itself states («на 2023/2024 учебный год», «на 2024–2026 годы»), as a plan's
    (period_kind, start, end); None when the importer found none."""
    if not (parsed.period_kind and parsed.period_start and parsed.period_end):
        return None
    start, end = dt.date.fromisoformat(parsed.period_start), dt.date.fromisoformat(parsed.period_end)
    if parsed.period_kind == "academic":
        return PeriodKind.ACADEMIC_YEAR, start, end
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return PeriodKind.CALENDAR_YEAR, start, end
    return PeriodKind.YEARS, start, end


@transaction.atomic
def create_plan_from_parsed(
    parsed: ParsedPlan,
    *,
    owner: Owner,
    kind: str = PlanKind.EVENT_PLAN,
    user=None,
    title: str | None = None,
    period: tuple[str, dt.date, dt.date] | None = None,
    order=None,
    source_file=None,
) -> Plan:
    """Save what the importer read: one plan, its sections and items, their due dates."""
    if not parsed.item_count:
        raise ServiceError("В файле не найдено ни одного пункта плана: сохранять нечего.")
    title = (title or parsed.title or "План без названия").strip()
    approved_on = dt.date.fromisoformat(parsed.order_date) if parsed.order_date else None
    period_kind, start, end = period or parsed_period(parsed) or infer_period(title, approved_on=approved_on)
    plan = create_plan(
        owner=owner,
        title=title,
        kind=kind,
        period_kind=period_kind,
        period_start=start,
        period_end=end,
        columns=_columns_of(parsed),
        by=user,
        order=order,
    )
    if source_file is not None:
        plan.source_file.save(getattr(source_file, "name", "plan.docx").rsplit("/", 1)[-1], source_file, save=True)
    sections = PlanSection.objects.bulk_create(
        PlanSection(plan=plan, position=index, title=(section.title or "")[:1000])
        for index, section in enumerate(parsed.sections, start=1)
    )
    items = []
    for section, parsed_section in zip(sections, parsed.sections, strict=True):
        for position, parsed_item in enumerate(parsed_section.items, start=1):
            values = {
                _PARSED_TO_ITEM.get(name, name): getattr(parsed_item, name) or ""
                for name in ("number", "activity", "responsible", "timing", "audience", "result", "notes")
            }
            values["number"] = values["number"][:20]
            values["activity"] = values["activity"] or "(мероприятие не указано)"
            items.append(PlanItem(plan=plan, section=section, position=position, **values))
    items = PlanItem.objects.bulk_create(items, batch_size=500)
    materialise(items, plan)
    return plan
