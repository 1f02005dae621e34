"""The Excel reader: the first sheet holding a plan table, its merged cells, the rows above the header."""

from __future__ import annotations

import io

from innoinfra.core.errors import ServiceError

from ..parsed import ParsedPlan
from .cells import Block, Cell, Row, clean_text
from .package import unreadable
from .tables import Segment, best_table, build_plan


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
        trimmed, warnings = _trim_to_header(rows, header_index)
        before = [
            Block(" ".join(dict.fromkeys(cell.text for cell in row.cells if cell.text))) for row in rows[:header_index]
        ]
        plan = build_plan([Segment(trimmed[header_index:], 0)], before)
        plan.warnings.extend(warnings)
        return plan
    raise ServiceError(
        "В книге не найден лист с таблицей плана: нужна строка заголовков со столбцом «Мероприятие» (или "
        "«Наименование мероприятия», «Содержание деятельности»)."
    )


def _sheet_rows(sheet) -> list[Row]:
    merged = {}
    for area in sheet.merged_cells.ranges:
        # One cell object for the whole area: cells of a merged area are told apart from their neighbours by identity.
        cell = Cell(area.coord, clean_text(sheet.cell(area.min_row, area.min_col).value) or "")
        for row in range(area.min_row, area.max_row + 1):
            for column in range(area.min_col, area.max_col + 1):
                merged[(row, column)] = cell
    rows = []
    for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append(
            Row(
                row_number,
                [
                    merged.get((row_number, column)) or Cell((row_number, column), clean_text(value) or "")
                    for column, value in enumerate(values, start=1)
                ],
            )
        )
    return rows


def _trim_to_header(rows: list[Row], header_index: int) -> tuple[list[Row], list[str]]:
    """A sheet is wider than its table; keep the columns the header names (with the row under it, for a two-row
    header) and warn about text standing outside them."""
    header = rows[header_index].cells
    under = rows[header_index + 1].cells if header_index + 1 < len(rows) else []
    used = [index for index, cell in enumerate(header) if cell.text or (index < len(under) and under[index].text)]
    first, last = used[0], used[-1] + 1
    warnings = []
    trimmed = []
    for row in rows:
        inside = {cell.key for cell in row.cells[first:last]}
        outside = [
            cell.text
            for index, cell in enumerate(row.cells)
            if cell.text and (index < first or index >= last) and cell.key not in inside
        ]
        if outside and row.number > header_index + 1:
            warnings.append(
                f"Строка {row.number}: текст вне столбцов таблицы плана не сохранён: «{' | '.join(outside)}»."
            )
        trimmed.append(Row(row.number, row.cells[first:last]))
    return trimmed, warnings
