"""A plan and its execution report as Excel and Word files."""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import Prefetch
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from innoinfra.core import docx_layout as layout
from innoinfra.core.dates import russian_date
from innoinfra.core.typography import genitive
from innoinfra.core.xlsx import build_workbook, put

from .models import Occurrence, Plan, PlanItem
from .queries import plan_execution
from .templatetags.plans import item_column, item_display
from .word_export import numbers_in


def _items(plan: Plan) -> list[PlanItem]:
    """Every item with its section, occurrences, evidence and the responsible picked from the directory: five
    queries for any plan."""
    occurrences = Occurrence.objects.order_by("due_date").prefetch_related("evidence")
    return list(
        plan.items.select_related("section")
        .order_by("section__position", "section_id", "position", "id")
        .prefetch_related(
            Prefetch("occurrences", queryset=occurrences), "responsible_organizations", "responsible_users"
        )
    )


def _dates(item: PlanItem) -> str:
    return ", ".join(f"{o.due_date:%d.%m.%Y}" for o in item.occurrences.all())


def _done(item: PlanItem) -> str:
    occurrences = list(item.occurrences.all())
    done = sum(1 for o in occurrences if o.status == "done")
    return f"{done} из {len(occurrences)}" if occurrences else "—"


def plan_xlsx(plan: Plan) -> bytes:
    """Two sheets. «План» is laid out as the Word document is — the approval line, the title, the table with «№ п/п»
    and section rows merged across — so the plan importer reads it back into the same plan. «Сроки и выполнение» is a
    flat table (a section column, one row per item, the dates and how many are done) for filtering and sums."""
    columns = plan.column_labels
    items = _items(plan)
    groups: list[tuple] = []
    for item in items:
        if not groups or groups[-1][0].pk != item.section_id:
            groups.append((item.section, []))
        groups[-1][1].append(item)
    numbers = numbers_in(groups)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "План"
    headers = ["№ п/п", "Мероприятие", *[label for _key, label in columns]]
    width = len(headers)
    widths = [8, 60, *[30] * len(columns)]
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    if plan.order:
        order = plan.order
        issuer = genitive(order.issuer_label)
        approval = f"УТВЕРЖДЕНО приказом {issuer} от {order.date:%d.%m.%Y} № {order.number}".replace("  ", " ")
    else:
        approval = "ПРОЕКТ"
    put(sheet.cell(row=1, column=width), approval).alignment = wrap
    sheet.row_dimensions[1].height = 15 * (1 + len(approval) // 33)
    put(sheet.cell(row=2, column=1), plan.title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    put(sheet.cell(row=3, column=1), plan.period_label)
    header_row = 5
    for column, text in enumerate(headers, start=1):
        cell = put(sheet.cell(row=header_row, column=column), text)
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
    row = header_row
    for section, section_items in groups:
        if section.title:
            row += 1
            put(sheet.cell(row=row, column=1), section.title).font = bold
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        for item in section_items:
            row += 1
            values = [numbers.get(item.pk, ""), item.activity, *[item_column(item, key) for key, _l in columns]]
            for column, value in enumerate(values, start=1):
                put(sheet.cell(row=row, column=column), value or "").alignment = wrap
            # neither Excel nor LibreOffice grows a row for wrapped text written by a program: give it the lines
            pairs = zip(values, widths, strict=True)
            lines = max(-(-len(str(value or "")) // int(size * 1.1)) for value, size in pairs)
            sheet.row_dimensions[row].height = 15 * max(1, lines)
    for column, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    flat = workbook.create_sheet("Сроки и выполнение")
    flat_headers = ["Раздел", "№", "Мероприятие", *[label for _k, label in columns], "Сроки (даты)", "Выполнение"]
    for column, text in enumerate(flat_headers, start=1):
        put(flat.cell(row=1, column=column), text).font = bold
    for number, item in enumerate(items, start=2):
        # the flat sheet shows «Ответственный» as the page does, with the people picked from the directory
        values = [item.section.title, numbers.get(item.pk, ""), item.activity,
                  *[item_display(item, key) for key, _l in columns], _dates(item), _done(item)]  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(flat.cell(row=number, column=column), value)
    flat.freeze_panes = "A2"
    flat.auto_filter.ref = flat.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
