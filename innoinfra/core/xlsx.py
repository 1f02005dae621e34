"""One way to write a registry table to Excel: a header row, frozen and filtered, sane widths.

Every cell holds a value, never a formula: a name typed into a public form as `=HYPERLINK(...&B2&C2...)` must open
in Excel as that text, not as a live formula that reads other people's cells (OWASP "CSV injection").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .downloads import attachment

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60


def _cell_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def put(cell: Cell, value) -> Cell:
    """Write `value` into `cell` as a value: numbers and dates stay numbers and dates, text stays text even when it
    starts with `=` (openpyxl would otherwise store it as a formula). Use it for every cell outside build_workbook."""
    cell.value = _cell_value(value)
    if cell.data_type == TYPE_FORMULA:
        cell.data_type = TYPE_STRING  # the text is kept as typed; Excel shows it and never evaluates it
    return cell


def _write_row(ws: Worksheet, row: int, values: Sequence) -> None:
    for column, value in enumerate(values, start=1):
        put(ws.cell(row=row, column=column), value)


def build_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    _write_row(ws, 1, headers)
    widths = [len(h) for h in headers]
    for number, row in enumerate(rows, start=2):
        values = [_cell_value(v) for v in row]
        _write_row(ws, number, values)
        for i, v in enumerate(values):
            widths[i] = max(widths[i], min(MAX_WIDTH, len(str(v))))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width + 2
        if isinstance(ws.cell(row=2, column=i).value, dt.date):
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "DD.MM.YYYY"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    return attachment(content, filename, XLSX_CONTENT_TYPE)
