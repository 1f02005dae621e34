"""Date items turned into occurrences within the plan's period: scheduled dates (repeated yearly, split into
months, deadlines) and N a year without named dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from itertools import pairwise

from .result import MAX_OCCURRENCES


def _safe_date(year: int, month: int, day: int | None, *, last: bool = False) -> date | None:
    if not 1 <= year <= 9999:
        return None
    length = calendar.monthrange(year, month)[1]
    return date(year, month, length if day is None and last else min(day or 1, length))


def _month_start(year: int, month: int) -> date | None:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return _safe_date(year, month, 1)


def _day_before(value: date | None) -> date:
    return date.max if value is None else value - timedelta(days=1)


def _year_before(due: date) -> date | None:
    earlier = _safe_date(due.year - 1, due.month, due.day)
    return None if earlier is None else earlier + timedelta(days=1)


def _months_of(start: date, end: date) -> list[tuple[date, date]]:
    pieces = []
    while start <= end and len(pieces) < MAX_OCCURRENCES:
        following = _month_start(start.year, start.month + 1)
        pieces.append((start, min(end, _day_before(following))))
        if following is None:
            break
        start = following
    return pieces


def scheduled_occurrences(items, period_start, period_end, *, yearly, monthly, dated) -> list[tuple[date, date]]:
    found: set[tuple[date, date]] = set()
    for item in items:
        shifts = range(1)
        if yearly:
            shifts = range(max(0 if dated else -1, period_start.year - item.ey - 1), period_end.year - item.sy + 2)
        for shift in shifts:
            start = _safe_date(item.sy + shift, item.sm, item.sd)
            end = _safe_date(item.ey + shift, item.em, item.ed, last=True)
            if start is None or end is None:
                continue
            start, end = min(start, end), max(start, end)
            pieces = [(start, end)]
            if item.deadline:
                due = start if item.deadline == "start" else end
                # A deadline is about its due date: one due outside the period is not this plan's business.
                in_period = period_start <= due <= period_end
                pieces = [((_year_before(due) or period_start) if yearly else period_start, due)] if in_period else []
            elif monthly:
                pieces = _months_of(start, end)
            for start, end in pieces:
                clipped = (max(start, period_start), min(end, period_end))
                if clipped[0] <= clipped[1]:
                    found.add(clipped)
            if len(found) >= MAX_OCCURRENCES:
                return sorted(found)[:MAX_OCCURRENCES]
    return sorted(found)


def frequency_occurrences(per_year: int, period_start: date, period_end: date) -> list[tuple[date, date]]:
    first_month = period_start.month if period_start.month in (8, 9) else 1
    year = period_start.year
    found: list[tuple[date, date]] = []
    while len(found) < MAX_OCCURRENCES:
        window_start = _month_start(year, first_month)
        if window_start is None or window_start > period_end:
            break
        if 12 % per_year == 0:
            step = 12 // per_year
            bounds = [_month_start(year, first_month + step * part) for part in range(per_year + 1)]
        else:
            window_end = _day_before(_month_start(year + 1, first_month))
            length = (window_end - window_start).days + 1
            bounds = [window_start + timedelta(days=length * part // per_year) for part in range(per_year)]
            bounds.append(_month_start(year + 1, first_month))
        for part_start, following in pairwise(bounds):
            if part_start is None:
                break
            start, end = max(part_start, period_start), min(_day_before(following), period_end)
            if start <= end:
                found.append((start, end))
        year += 1
    return found[:MAX_OCCURRENCES]


def continuous_occurrence(items, period_start: date, period_end: date) -> list[tuple[date, date]]:
    """Work through the whole years a text names («в течение 2024 года»): one span, clipped to the period."""
    starts = [_safe_date(item.sy, item.sm, item.sd) for item in items]
    ends = [_safe_date(item.ey, item.em, item.ed, last=True) for item in items]
    if None in starts or None in ends or period_start > period_end:
        return []
    start, end = max(min(starts), period_start), min(max(ends), period_end)
    return [(start, end)] if start <= end else []


# The school terms (четверти) as `grammar` reads «1 четверть»: Sep-Oct, Nov-Dec, Jan-Mar, Apr-May.
SCHOOL_TERMS = (((0, 9), (0, 10)), ((0, 11), (0, 12)), ((1, 1), (1, 3)), ((1, 4), (1, 5)))


def school_term_occurrences(period_start: date, period_end: date) -> list[tuple[date, date]]:
    """«ежечетвертно», «по четвертям»: one occurrence per school term of every academic year the period touches."""
    found: list[tuple[date, date]] = []
    for first_year in range(period_start.year - 1, period_end.year + 1):
        for (start_shift, start_month), (end_shift, end_month) in SCHOOL_TERMS:
            start = _safe_date(first_year + start_shift, start_month, 1)
            end = _safe_date(first_year + end_shift, end_month, None, last=True)
            if start is None or end is None:
                continue
            clipped = (max(start, period_start), min(end, period_end))
            if clipped[0] <= clipped[1]:
                found.append(clipped)
            if len(found) >= MAX_OCCURRENCES:
                return found
    return found
