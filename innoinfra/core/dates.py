"""Russian dates and academic years as officials write them."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
ACADEMIC_YEAR_START_MONTH = 9


def russian_date(value: dt.date | dt.datetime | None) -> str:
    """«11 апреля 2025 г.»"""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # a moment is dated where the users are: 23:30 in Moscow is still the same day there, whatever UTC says
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def numeric_date(value: dt.date | None) -> str:
    """«11.04.2025», the form used in order requisites."""
    return value.strftime("%d.%m.%Y") if value else ""


def academic_year_of(value: dt.date) -> int:
    """The first calendar year of the academic year that contains `value`."""
    return value.year if value.month >= ACADEMIC_YEAR_START_MONTH else value.year - 1


def academic_year_label(first_year: int) -> str:
    """«2023/2024 учебный год»"""
    return f"{first_year}/{first_year + 1} учебный год"


def academic_year_since(first_year: int) -> str:
    """«с 2023/2024 учебного года»"""
    return f"с {first_year}/{first_year + 1} учебного года"


def academic_year_bounds(first_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    """A site's status period: «2023–2026 гг.», «с 2024 г.»."""
    if start and end:
        if start.year == end.year:
            return f"{start.year} г."
        return f"{start.year}–{end.year} гг."
    if start:
        return f"с {start.year} г."
    if end:
        return f"до {end.year} г."
    return ""


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def shift_years_in_text(text: str, years: int) -> str:
    """«План на 2024/2025 учебный год» → «План на 2025/2026 учебный год» for years=1."""
    return _YEAR_IN_TEXT.sub(lambda match: str(int(match.group(1)) + years), text)
