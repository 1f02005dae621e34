"""A plan and its execution report as Excel and Word files."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from docx.enum.text import WD_ALIGN_PARAGRAPH

from innoinfra.core import docx_layout as layout
from innoinfra.core.dates import russian_date
from innoinfra.core.xlsx import build_workbook

from .models import Occurrence, Plan, PlanItem
from .queries import plan_execution
from .templatetags.plans import item_column


def _items(plan: Plan) -> list[PlanItem]:
    """Every item with its section, occurrences and evidence: three queries for any plan."""
    occurrences = Occurrence.objects.order_by("due_date").prefetch_related("evidence")
    return list(
        plan.items.select_related("section")
        .order_by("section__position", "section_id", "position", "id")
        .prefetch_related(Prefetch("occurrences", queryset=occurrences))
    )


def _dates(item: PlanItem) -> str:
    return ", ".join(f"{o.due_date:%d.%m.%Y}" for o in item.occurrences.all())


def _done(item: PlanItem) -> str:
    occurrences = list(item.occurrences.all())
    done = sum(1 for o in occurrences if o.status == "done")
    return f"{done} из {len(occurrences)}" if occurrences else "—"


def plan_xlsx(plan: Plan) -> bytes:
    columns = plan.column_labels
    headers = ["Раздел", "№", "Мероприятие", *[label for _k, label in columns], "Сроки (даты)", "Выполнение"]
    rows = [
        [item.section.title, item.number, item.activity, *[item_column(item, key) for key, _l in columns],
         _dates(item), _done(item)]
        for item in _items(plan)
    ]  # fmt: skip
    return build_workbook("План", headers, rows)


def _evidence(occurrence: Occurrence) -> str:
    return "; ".join(e.title or e.url or e.file.name for e in occurrence.evidence.all())


def _report_rows(plan: Plan):
    for item in _items(plan):
        for occurrence in item.occurrences.all():
            yield item, occurrence


def execution_report_xlsx(plan: Plan, *, today: dt.date) -> bytes:
    headers = ["Раздел", "№", "Мероприятие", "Срок", "Выполнение", "Дата выполнения", "Комментарий", "Подтверждения"]
    rows = [
        [item.section.title, item.number, item.activity, occurrence.due_date, occurrence.get_status_display(),
         occurrence.completed_on, occurrence.comment, _evidence(occurrence)]
        for item, occurrence in _report_rows(plan)
    ]  # fmt: skip
    return build_workbook("Выполнение", headers, rows)


def execution_report_docx(plan: Plan, *, today: dt.date) -> bytes:
    execution = plan_execution(plan, today)
    document = layout.new_document(landscape=True, size=12)
    center = WD_ALIGN_PARAGRAPH.CENTER
    layout.add_paragraph(document, "ОТЧЁТ", bold=True, align=center, size=12)
    layout.add_paragraph(document, f"о выполнении плана «{plan.title}»", bold=True, align=center, size=12)
    layout.add_paragraph(document, f"{plan.period_label}. Сведения на {russian_date(today)}", align=center, size=12)
    layout.add_paragraph(document, size=12)
    percent = "—" if execution.percent is None else f"{execution.percent} %"
    for line in (
        f"Сроков по плану: {execution.total}",
        f"Наступило сроков: {execution.due}",
        f"Выполнено: {execution.done}",
        f"Просрочено: {execution.overdue}",
        f"Выполнение наступивших сроков: {percent}",
    ):
        layout.add_paragraph(document, line, size=12)
    layout.add_paragraph(document, size=12)
    headers = ["№ п/п", "Мероприятие", "Срок", "Выполнение", "Комментарий", "Подтверждения"]
    table = layout.add_table(document, headers)
    for item, occurrence in _report_rows(plan):
        completed = f" ({occurrence.completed_on:%d.%m.%Y})" if occurrence.completed_on else ""
        values = [item.number, item.activity, f"{occurrence.due_date:%d.%m.%Y}",
                  occurrence.get_status_display() + completed, occurrence.comment, _evidence(occurrence)]  # fmt: skip
        layout.add_table_row(table, [value or "" for value in values])
    return layout.to_bytes(document)
