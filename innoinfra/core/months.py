"""A month on a page, Monday to Sunday, with whatever falls on each day: the plans' due dates, the events."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .dates import MONTHS_NOMINATIVE

# Years a month may be asked for; beyond them the previous/next links would leave what dates can hold.
YEARS = (1900, 2200)
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")


def month_from(value: str | None, today: dt.date) -> dt.date:
    """The first day of «2024-10»; anything unreadable means the current month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if YEARS[0] <= year <= YEARS[1]:
            return dt.date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_title(first: dt.date) -> str:
    """«Октябрь 2024»"""
    return f"{MONTHS_NOMINATIVE[first.month - 1].capitalize()} {first.year}"


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)
    more: int = 0  # the day's entries left out of a capped cell (its «ещё N»)


def weeks_of(first: dt.date) -> list[list[dt.date]]:
    """The dates on the page: whole weeks covering the month."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(first.year, first.month)


def month_weeks(first: dt.date, today: dt.date, entries: Iterable, day_of: Callable) -> list[list[Day]]:
    """The weeks of the page, each day with the entries whose `day_of(entry)` it is (in the given order)."""
    weeks = weeks_of(first)
    days = {day: Day(day, day.month == first.month, day == today) for week in weeks for day in week}
    for entry in entries:
        day = days.get(day_of(entry))
        if day is not None:
            day.entries.append(entry)
    return [[days[day] for day in week] for week in weeks]


def navigation(first: dt.date, today: dt.date) -> dict:
    """What a month page says about where it is and where its links lead."""
    return {
        "title": month_title(first),
        "month": first,
        "weekdays": WEEKDAYS,
        "previous": shift_month(first, -1).strftime("%Y-%m"),
        "next": shift_month(first, 1).strftime("%Y-%m"),
        "current": today.strftime("%Y-%m"),
    }
