"""Cells and blocks of text both readers produce, and how a cell's text is cleaned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    # Cells of one merged area share a key, as python-docx repeats one `_tc` for every grid column it spans.
    key: object
    text: str


@dataclass
class Row:
    # The row's number in its table (1 = the first row), quoted in warnings so a person can find it in the file
    number: int
    cells: list[Cell]
    # «Header: value» of columns a continued table has and the plan table has not
    extra: list[str] = field(default_factory=list)


@dataclass
class Block:
    text: str
    alignment: object = None
    is_paragraph: bool = True
    # A paragraph of a layout table's cell (a title or an approval block typed into a borderless table)
    in_table: bool = False


def clean_text(text) -> str | None:
    """Line breaks, tabs and runs of spaces inside a cell become single spaces; an empty cell is None."""
    if text is None:
        return None
    if isinstance(text, dt.datetime | dt.date):
        text = text.strftime("%d.%m.%Y")
    elif isinstance(text, float) and text.is_integer():
        text = int(text)
    cleaned = " ".join(str(text).split())
    return cleaned or None
