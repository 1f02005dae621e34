"""The Excel reader: the first sheet holding a plan table, its merged cells, the rows above the header."""

from __future__ import annotations

import io

from innoinfra.core.errors import ServiceError

from ..parsed import ParsedPlan
from .cells import Block, Cell, clean_text
from .package import unreadable
from .tables import best_table, build_plan


def read_xlsx(content: bytes) -> ParsedPlan:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl, like python-docx, fails in many ways on a broken package
        raise unreadable("книгой Excel", error) from error
    for sheet in workbook.worksheets:
        rows = _sheet_rows(sheet)
        found = best_table([(0, rows)])
        if found is None:
            continue
        header_index = found[1]
        header, body = _trim_to_header(rows[header_index], rows[header_index + 1 :])
        before = [Block(" ".join(dict.fromkeys(cell.text for cell in row if cell.text))) for row in rows[:header_index]]
        return build_plan(header, body, before)
    raise ServiceError(
        "В книге не найден лист с таблицей плана: нужна строка заголовков со столбцом «Мероприятие» (или "
        "«Наименование мероприятия», «Содержание деятельности»)."
    )


def _sheet_rows(sheet) -> list[list[Cell]]:
    merged = {}
    for area in sheet.merged_cells.ranges:
        value = clean_text(sheet.cell(area.min_row, area.min_col).value) or ""
        for row in range(area.min_row, area.max_row + 1):
            for column in range(area.min_col, area.max_col + 1):
                merged[(row, column)] = Cell(area.coord, value)
    rows = []
    for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append(
            [
                merged.get((row_number, column)) or Cell((row_number, column), clean_text(value) or "")
                for column, value in enumerate(values, start=1)
            ]
        )
    return rows


def _trim_to_header(header: list[Cell], body: list[list[Cell]]):
    """A sheet is wider than its table; keep the columns the header names."""
    used = [index for index, cell in enumerate(header) if cell.text]
    first, last = used[0], used[-1] + 1
    return header[first:last], [row[first:last] for row in body]
