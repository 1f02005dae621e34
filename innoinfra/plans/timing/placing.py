"""Dates written without a year placed in years (`place_years`); see the package docstring for the rules."""

from __future__ import annotations

from .grammar import DateItem


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _set_start_year(item: DateItem, year: int) -> None:
    item.sy = year
    item.ey = year if item.em >= item.sm else year + 1


def place_years(items: list[DateItem], anchor: int) -> None:
    for item in items:
        if item.sy is None and item.ey is not None:
            item.sy = item.ey if item.sm <= item.em else item.ey - 1
        elif item.sy is not None and item.ey is None:
            item.ey = item.sy if item.em >= item.sm else item.sy + 1
    following = None
    for item in reversed(items):
        if item.sy is None and following is not None:
            length = (item.em - item.sm) % 12
            _set_start_year(item, (following - length - item.sm + 1) // 12)
        if item.sy is not None:
            following = month_index(item.sy, item.sm)
    # Only a date tied to a written year moves the dates after it; dates of a text without years all keep to
    # the first plan year, so «сентябрь, ноябрь, январь» in a calendar year does not spill into the next one.
    previous = None
    for item in items:
        if item.sy is not None:
            previous = month_index(item.ey, item.em)
            continue
        length = (item.em - item.sm) % 12
        if previous is None:
            _set_start_year(item, -((item.sm - 1 + length - anchor) // 12))
        else:
            _set_start_year(item, -((item.sm - 1 - previous) // 12))
            previous = month_index(item.ey, item.em)
