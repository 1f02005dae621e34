"""What stands above the table: the plan's title and the order named in its «УТВЕРЖДЕНО» block."""

from __future__ import annotations

import datetime as dt
import re

from .cells import Block, clean_text

_TITLE_START = re.compile(
    r"^[\W_]*(план\b|дорожн\w* карт|(календарн|комплексн|перспективн|годов)\w* план|программа мероприят)",
    re.IGNORECASE,
)
# «Цель: …», «Условные обозначения:» — labelled paragraphs end a title.
_LABELLED = re.compile(r"^[\w ]{1,40}:")
_ORDER_NUMERIC = re.compile(r"от\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.?)?\s*№\s*([\w][\w\-/.]*)", re.IGNORECASE)
_ORDER_WORDS = re.compile(r"от\s+«?(\d{1,2})»?\s+([а-я]+)\s+(\d{4})\s*(?:г\.?|года)?\s*№\s*([\w][\w\-/.]*)")
# «УТВЕРЖДЕНО приказом …» heads the approval block; «Об утверждении …» in the order's own title does not.
_APPROVAL = re.compile(r"^(УТВЕРЖД|Утвержден)")
_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")


def title_of(before: list[Block]) -> str | None:
    """The last paragraph naming a plan before the table, with the title lines that follow it."""
    start = next(
        (
            index
            for index in range(len(before) - 1, -1, -1)
            if before[index].is_paragraph and _TITLE_START.match(before[index].text)
        ),
        None,
    )
    if start is None:
        return None
    lines = [before[start].text]
    for block in before[start + 1 : start + 5]:
        if (
            not block.is_paragraph
            or not block.text
            or block.alignment != before[start].alignment
            or _LABELLED.match(block.text)
        ):
            break
        lines.append(block.text)
    return clean_text(" ".join(lines).replace("**", ""))


def order_requisites(before: list[Block]) -> tuple[str | None, str | None]:
    """Number and ISO date of the order named in the «УТВЕРЖДЕНО» block, if the file has one."""
    starts = [index for index, block in enumerate(before) if _APPROVAL.match(block.text)]
    if not starts:
        return None, None
    tail = "\n".join(block.text for block in before[starts[-1] :])[:600]
    found = _ORDER_NUMERIC.search(tail)
    if found:
        day, month, year, number = found.groups()
        month_number = int(month)
    else:
        found = _ORDER_WORDS.search(tail)
        if not found:
            return None, None
        day, month_name, year, number = found.groups()
        month_number = next((i for i, stem in enumerate(_MONTHS, 1) if month_name.lower().startswith(stem)), 0)
    try:
        date = dt.date(int(year), month_number, int(day))
    except ValueError:
        return number.rstrip("."), None
    return number.rstrip("."), date.isoformat()
