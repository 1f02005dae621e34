"""Cells and blocks of text both readers produce, and how a cell's text is cleaned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    # Cells of one merged area share a key, as python-docx repeats one `_tc` for every grid column it spans.
    key: object
    text: str


@dataclass
class Block:
    text: str
    alignment: object = None
    is_paragraph: bool = True


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
