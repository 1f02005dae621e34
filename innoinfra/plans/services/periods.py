"""The period of a plan: academic and calendar years, the period a title names, its checks and columns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from innoinfra.core.errors import ServiceError

from ..enums import Column, PeriodKind


def academic_year_of(day: dt.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def period_bounds(period_kind: str, first_year: int, last_year: int | None = None) -> tuple[dt.date, dt.date]:
    if period_kind == PeriodKind.ACADEMIC_YEAR:
        return dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)
    if period_kind == PeriodKind.CALENDAR_YEAR:
        return dt.date(first_year, 1, 1), dt.date(first_year, 12, 31)
    return dt.date(first_year, 1, 1), dt.date(last_year or first_year, 12, 31)


_ACADEMIC = re.compile(r"(20\d\d)\s*[-/–—]\s*(20\d\d)\s*(?:уч|уч\.|учебн)")
_UNTIL = re.compile(r"до\s+(20\d\d)")
_YEARS = re.compile(r"(20\d\d)\s*[-–—]\s*(20\d\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def infer_period(title: str, *, approved_on: dt.date | None = None, today: dt.date | None = None):
    """The period a plan's title names: «на 2023-2024 учебный год», «до 2030 года», «на 2024 год».

    Returns (period_kind, start, end). A roadmap «до 2030 года» runs from its approval to the end of 2030."""
    text = (title or "").lower()
    if match := _ACADEMIC.search(text):
        return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, int(match.group(1)))
    if match := _UNTIL.search(text):
        last = int(match.group(1))
        start = (
            approved_on if approved_on and approved_on.year <= last else dt.date((today or dt.date.today()).year, 1, 1)
        )
        return PeriodKind.YEARS, start, dt.date(last, 12, 31)
    if match := _YEARS.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        if last == first + 1 and "учеб" in text:
            return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, first)
        return PeriodKind.YEARS, *period_bounds(PeriodKind.YEARS, first, last)
    if match := _YEAR.search(text):
        return PeriodKind.CALENDAR_YEAR, *period_bounds(PeriodKind.CALENDAR_YEAR, int(match.group(1)))
    first = academic_year_of(approved_on or today or dt.date.today())
    return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, first)


def check_period(start: dt.date, end: dt.date) -> None:
    if start is None or end is None:
        raise ServiceError("Укажите начало и окончание периода плана.")
    if end < start:
        raise ServiceError("Окончание периода плана не может быть раньше начала.")
    if (end - start).days > 366 * 15:
        raise ServiceError("Период плана не может быть длиннее 15 лет.")


def clean_columns(columns: Iterable[str]) -> list[str]:
    known = [str(value) for value in Column.values]
    chosen = {str(column) for column in columns}
    unknown = chosen - set(known)
    if unknown:
        raise ServiceError(f"Неизвестные столбцы плана: {', '.join(sorted(unknown))}.")
    return [column for column in known if column in chosen]
