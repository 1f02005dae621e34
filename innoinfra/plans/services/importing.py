"""A plan saved from what the Word or Excel importer read (a `ParsedPlan`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from innoinfra.core.dates import numeric_date
from innoinfra.core.db import analyze_after_bulk
from innoinfra.core.errors import ServiceError

from ..enums import Column, PeriodKind, PlanKind, TimingKind
from ..models import Occurrence, Plan, PlanItem, PlanSection
from ..parsed import ParsedPlan
from ..timing import UNKNOWN, parse_timing
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
    approval: DocumentApproval | None = None,
    due_dates: dict[tuple[int, int], dt.date] | None = None,
) -> Plan:
    """Save what the importer read: one plan, its sections and items, their due dates.

    `title`, `period` and `approval` are what the person confirmed in the preview (by default what the importer
    read); `due_dates` are the dates the person set for items whose timing was not understood, keyed by the
    item's (section index, item index) in `parsed`, both from 0."""
    if not parsed.item_count:
        raise ServiceError("В файле не найдено ни одного пункта плана: сохранять нечего.")
    title = (title or parsed.title or "План без названия").strip()
    approval = approval or DocumentApproval.read_from(parsed)
    period_kind, start, end = period or parsed_period(parsed) or infer_period(title, approved_on=approval.order_date)
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
        document_approved_by=(approval.approved_by or "").strip()[:500],
        document_order_number=(approval.order_number or "").strip()[:100],
        document_order_date=approval.order_date,
        document_responsible="\n".join(name.strip() for name in approval.responsible_people if name.strip()),
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
    if due_dates:
        _set_due_dates(plan, parsed, items, due_dates)
    # a big plan (hundreds of items, each with its occurrences) refreshes the statistics once it is committed
    analyze_after_bulk([PlanSection, PlanItem, Occurrence], rows=len(items))
    return plan


def _set_due_dates(plan: Plan, parsed: ParsedPlan, items: list[PlanItem], due_dates) -> None:
    """The person's own dates for items, in three queries whatever their number; as `set_manual_dates` does for
    one item, the timing text stays as written and the item is marked as dated by hand."""
    index_of = {}
    position = 0
    for section_index, section in enumerate(parsed.sections):
        for item_index in range(len(section.items)):
            index_of[(section_index, item_index)] = position
            position += 1
    dated = []
    for key, due in sorted(due_dates.items()):
        if key not in index_of:
            raise ServiceError("Дата указана для пункта, которого нет в файле: загрузите файл ещё раз.")
        if not plan.period_start <= due <= plan.period_end:
            raise ServiceError(
                f"Срок {numeric_date(due)} вне периода плана "
                f"({numeric_date(plan.period_start)} — {numeric_date(plan.period_end)})."
            )
        item = items[index_of[key]]
        item.dates_overridden, item.timing_kind = True, TimingKind.MANUAL
        dated.append((item, due))
    Occurrence.objects.filter(item__in=[item.pk for item, _ in dated]).delete()
    Occurrence.objects.bulk_create(
        Occurrence(item=item, plan=plan, start_date=due, due_date=due) for item, due in dated
    )
    PlanItem.objects.bulk_update([item for item, _ in dated], ["dates_overridden", "timing_kind"])


@dataclass
class DocumentApproval:
    """The approval block and the responsible people as the document states them (and the person confirmed)."""

    approved_by: str | None = None
    order_number: str | None = None
    order_date: dt.date | None = None
    responsible_people: list[str] = field(default_factory=list)

    @classmethod
    def read_from(cls, parsed: ParsedPlan) -> DocumentApproval:
        return cls(
            approved_by=parsed.approved_by,
            order_number=parsed.order_number,
            order_date=_iso_date(parsed.order_date),
            responsible_people=list(parsed.responsible_people or []),
        )


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


_PARSED_PERIOD_KINDS = {"academic": PeriodKind.ACADEMIC_YEAR, "calendar": PeriodKind.CALENDAR_YEAR}


def parsed_period(parsed: ParsedPlan) -> tuple[str, dt.date, dt.date] | None:
    """The period the importer read from the document, as a plan's (period_kind, start, end); None if it read
    none or nothing sensible."""
    start, end = _iso_date(parsed.period_start), _iso_date(parsed.period_end)
    if start is None or end is None or end < start:
        return None
    kind = _PARSED_PERIOD_KINDS.get(parsed.period_kind or "", PeriodKind.YEARS)
    if kind == PeriodKind.CALENDAR_YEAR and start.year != end.year:
        kind = PeriodKind.YEARS
    return kind, start, end


def unknown_timings(parsed: ParsedPlan, period_start: dt.date, period_end: dt.date) -> list[tuple[int, int]]:
    """Items whose written timing the parser does not understand, as (section index, item index): the preview
    asks the person for their dates. An item without any timing text is not listed (the plan may have no
    «Сроки» column at all)."""
    return [
        (section_index, item_index)
        for section_index, section in enumerate(parsed.sections)
        for item_index, item in enumerate(section.items)
        if (item.timing or "").strip() and parse_timing(item.timing, period_start, period_end).kind == UNKNOWN
    ]
