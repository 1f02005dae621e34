"""CSV files for other programs: RFC 4180 text whose cells never open as spreadsheet formulas.

A CSV file has no cell types, so core/xlsx.py's way (store the text as a string cell) is not available: Excel and
LibreOffice evaluate any cell that starts with `=`, `+`, `-` or `@` (OWASP "CSV injection"). Such a text gets a
leading apostrophe, which the spreadsheets hide and do not evaluate. A signed number or a telephone number
(«+7 (4162) 22-33-44», «-12.5») is left as it is: it holds no letters, so no function or DDE call can hide in it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][\d\s().,-]*")


def safe_cell(value) -> str:
    """The text of one cell: None → "", booleans as true/false, a formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Line:
    """A file-like object csv.writer writes one line into, handing the line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """Each row as one CSV line: comma separated, every field quoted, CRLF line ends (RFC 4180)."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])
