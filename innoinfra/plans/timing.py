"""The Russian «Сроки» text of a plan item turned into its due dates within the plan's period.

``parse_timing(text, period_start, period_end)`` never raises; it returns a :class:`TimingResult` whose kind is

* ``scheduled``: concrete occurrences (months, ranges, quarters, half-years, school terms, dates, deadlines,
  years); with «ежегодно» (or «каждый год») every item repeats once a year;
* ``frequency``: N a year without named dates («ежемесячно», «ежеквартально», «два раза в год», «1 раз в
  полугодие», bare «ежегодно» = 1): every plan year is split into N equal parts, one occurrence each;
* ``continuous``: «в течение года», «постоянно», «весь период» … — one occurrence spanning the period;
* ``on_demand``: «по мере запроса / необходимости», «по запросу» … — no occurrences;
* ``external``: «по плану …», «по отдельному графику», «в соответствии с …» — no occurrences;
* ``unknown``: nothing understood — no occurrences, a person sets the dates by hand.

When a text says several of these, the first in this order wins: concrete dates, a reference to another
schedule, a frequency, continuous, on demand. So «октябрь, ноябрь и по мере запроса» is scheduled, while
«по плану работы МЭС ежегодно» is external; a reference whose only dates are whole years («по плану на 2024
год») stays external as well.

How dates are read
------------------
* The text is normalised first: lower case, ё → е, every dash → «-», «г.», «гг.», «года» after a year
  dropped, whitespace collapsed, document requisites («от 11.04.2025», «№ 172-Д») dropped.
* Months in any case (январь, января, январе …) and as adjectives («к августовскому совещанию» = August);
  «15.03.2024» and «15.03»; «10-15 ноября 2025»; quarters and half-years with arabic, roman or word
  ordinals («2 квартал», «II квартал», «во втором полугодии»); school terms («3 четверть»: Sep–Oct, Nov–Dec,
  Jan–Mar, Apr–May); years («2026», «2025-2030»); academic years («2023/2024 учебный год»: Sep–Aug);
  «начало / середина / конец / первая / вторая половина» of a month (days 1–10 / 11–20 / 21–end / 1–15 /
  16–end) or of a year; «конец года» (December), «конец учебного года» (May).
* A range is two dates joined by «-» or by «с … по / до …».
* Deadlines: «до», «к» fall due on the first day of what follows («до мая» = 1 May, «до 25 мая» = 25 May);
  «не позднее», «не позже», «до конца» on its last day («не позднее мая» = 31 May). A one-off deadline's
  occurrence starts at the period start, a yearly one's the day after the previous year's due date; a
  deadline whose due date lies outside the period is dropped rather than clipped.
* «ежемесячно» (or «раз в месяц») together with named dates splits them into calendar months.

Dates written without a year
----------------------------
* A year written after the last of several months belongs to the months before it: «Июнь, декабрь 2024»,
  «Апрель-август 2024», «Сентябрь 2023, февраль, июнь 2024» (February 2024). Precisely: a date without a year
  followed somewhere by a dated one takes the latest placement ending no later than the start of the next
  date in the text.
* Otherwise a date without a year that follows a dated one takes the first placement starting no earlier
  than the end of the previous date («Сентябрь 2023, февраль» = February 2024).
* Dates of a text without any year are placed in the first plan year: each takes the first placement that
  has not ended before the month the period starts in. In an academic-year period (Sep 2023 – Aug 2024)
  September–December thus fall in 2023 and January–August in 2024; in a calendar year every month falls in
  that year; in a multi-year period (the roadmap, Apr 2025 – Dec 2030) «март» is March 2026 and «апрель»
  April 2025. Without «ежегодно» such dates are NOT repeated in later years.
* With «ежегодно» the placed dates repeat every year of the period (from their own year on when the text
  names a year: «апрель 2025, далее ежегодно»).
* A half-year without a year in an academic-year period is a school half-year (I: Sep–Dec, II: Jan–May);
  with a year, or in any other period, it is a calendar half-year.

Plan years and occurrences
--------------------------
* The plan years are academic (starting in the month the period starts) when the period starts in August or
  September, calendar years otherwise; ``frequency`` splits each plan year into N parts: whole months when N
  divides 12, otherwise equal runs of days.
* Occurrences are clipped to the period (those entirely outside are dropped), sorted and de-duplicated, and
  there are at most ``MAX_OCCURRENCES`` of them. Each occurrence's end is its due date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

SCHEDULED = "scheduled"
FREQUENCY = "frequency"
CONTINUOUS = "continuous"
ON_DEMAND = "on_demand"
EXTERNAL = "external"
UNKNOWN = "unknown"
KINDS = (SCHEDULED, FREQUENCY, CONTINUOUS, ON_DEMAND, EXTERNAL, UNKNOWN)

# A plan lasts years, not centuries; the caps keep a pathological input from producing a huge answer.
MAX_OCCURRENCES = 1000
MAX_TEXT_LENGTH = 2000
MAX_PER_YEAR = 366


@dataclass
class TimingResult:
    kind: str
    occurrences: list[tuple[date, date]] = field(default_factory=list)
    per_year: int | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "occurrences": [{"start": start.isoformat(), "end": end.isoformat()} for start, end in self.occurrences],
            "per_year": self.per_year,
        }


# ---------------------------------------------------------------- normalisation

_TRANSLATE = str.maketrans({"ё": "е", "і": "i", "\u00a0": " ", **dict.fromkeys("‐‑‒–—―−", "-")})
_YEAR_WORD = re.compile(r"\b((?:19|20)\d\d)\s*(?:гг?\.|гг?(?![а-я])|год(?:ом|а|у)?(?![а-я]))")
_REQUISITES = re.compile(r"(?<![а-я])от\s+\d{1,2}\.\d{1,2}\.\d{2,4}|№\s*\S+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = text[:MAX_TEXT_LENGTH].lower().translate(_TRANSLATE)
    text = _REQUISITES.sub(" ", text)
    text = _YEAR_WORD.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------- tokens

_MONTH = (
    r"(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь?ск[а-я]*|ем|ь|я|е|ю)"
    r"|(?:март|август)(?:овск[а-я]*|ом|а|е|у)?|ма(?:йск[а-я]*|ем|й|я|е))(?![а-я])"
)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_ORD = r"(?:[1-4](?:-?[а-я]{1,3})?|iv|iii|ii|i|(?:перв|втор|трет|четверт)[а-я]*)(?![a-z\d])"
_TOKEN = re.compile(
    rf"""
    (?P<acad>(?P<ay1>{_YEAR})\s*[-/]\s*(?P<ay2>{_YEAR})\s*(?:учебн[а-я]*|уч\.?)(?:\s*(?:год[а-я]*|г\.?))?)
  | (?P<eoy>(?<![а-я])(?P<eoydl>до\s+)?(?:конц[а-я]*|конец)\s+(?P<eoyac>учебного\s+)?(?:календарного\s+)?года)
  | (?P<num>(?<![\d.])(?P<nd>\d{{1,2}})\.(?P<nm>\d{{1,2}})(?:\.(?P<ny>\d{{4}}|\d{{2}}))?(?![\d]))
  | (?P<dm>(?<![\d.])(?P<dd1>\d{{1,2}})(?:\s*(?:-|по|до)\s*(?P<dd2>\d{{1,2}}))?\s*(?P<dmon>{_MONTH})
        (?:\s*(?P<dy>{_YEAR}))?)
  | (?P<part>(?<![а-яa-z\d])(?P<pn1>{_ORD})(?:\s*-\s*(?P<pn2>{_ORD}))?\s*(?P<punit>квартал|полугод|четверт)[а-я]*
        (?:\s*(?P<py>{_YEAR}))?)
  | (?P<mon>(?<![а-я]){_MONTH})(?:\s*(?P<my>{_YEAR}))?
  | (?P<yr>(?<!\d)(?P<y1>{_YEAR})(?:\s*-\s*(?P<y2>{_YEAR}))?)
    """,
    re.VERBOSE,
)
_PREFIX = re.compile(
    r"(?:(?<![а-я])(?P<dl>до\s+конца|не\s+позднее|не\s+позже|до|к)\s+)?"
    r"(?:(?<![а-я])(?P<mod>начал[а-я]*|середин[а-я]*|конц[а-я]*|конец|(?:перв|втор)[а-я]*\s+половин[а-я]*)\s+)?$"
)
_RANGE_GAP = re.compile(r"\s*(?:-|по|до)\s*(?:(?:конц|начал|середин)[а-я]*\s*)?")
_WORD_GAP = re.compile(r"\s*(?:по|до)\s*(?:(?:конц|начал|середин)[а-я]*\s*)?")
_RANGE_OPENER = re.compile(r"(?<![а-я])со?\s+(?:(?:начал|конц|середин)[а-я]*\s+)?$")

_MONTH_KEYS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
_ORDINAL_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "перв": 1, "втор": 2, "трет": 3, "четв": 4}
_DEADLINE_END = ("до конца", "не позднее", "не позже")
_MONTH_MODIFIERS = {"начал": (1, 10), "середин": (11, 20), "кон": (21, None), "перв": (1, 15), "втор": (16, None)}
_YEAR_MODIFIERS = {"начал": (1, 1), "середин": (6, 7), "кон": (12, 12), "перв": (1, 6), "втор": (7, 12)}

# ---------------------------------------------------------------- what kind of text

_EXTERNAL = re.compile(
    r"(?<![а-я])по\s+(?:[а-я]+\s+){0,2}?(?:план|график|расписани|положени|программ|регламент|календар|сценари)"
    r"|(?<![а-я])в\s+соответствии\s+с|(?<![а-я])согласно(?![а-я])|(?<![а-я])по\s+срокам"
    r"|(?<![а-я])в\s+рамках\s+(?:[а-я]+\s+)?(?:план|график|программ|календар)"
    r"|(?<![а-я])в\s+сроки,?\s+(?:установленн|определенн|предусмотренн|утвержденн)"
)
_ON_DEMAND = re.compile(
    r"(?<![а-я])по\s+(?:мере\s+)?(?:запрос|необходимост|требовани|потребност|поступлени|обращени|заявк)"
    r"|(?<![а-я])при\s+(?:необходимост|потребност|поступлени|обращени|наличии)|(?<![а-я])по\s+мере(?![а-я])"
)
_CONTINUOUS = re.compile(
    r"(?<![а-я])в\s+течени[еи]\s+(?:всего\s+)?(?:(?:календарного|учебного|отчетного)\s+)?(?:года|периода|срока)"
    r"|(?<![а-я])в\s+течени[еи]\s+(?:всего\s+)?(?:периода\s+)?реализации|(?<![а-я])весь\s+(?:период|год|учебный)"
    r"|(?<![а-я])(?:постоянн|ежедневн|круглогодичн|систематическ|регулярн)[а-я]*|(?<![а-я])на\s+протяжении"
)
_YEARLY = re.compile(r"(?<![а-я])(?:ежегодн[а-я]*|кажд[а-я]*\s+(?:(?:учебн|календарн)[а-я]*\s+)?год)")
_NUMBER_WORDS = {
    "один": 1, "одного": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    # «не реже двух раз в год»
    "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
}  # fmt: skip
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_TIMES = re.compile(
    rf"(?<![а-я\d])(?:(?P<n>{_NUMBER})\s*(?:-\s*(?:{_NUMBER})\s*)?)?(?P<raz>раза?|дважды|трижды|четырежды)"
    rf"\s+в\s+(?:(?P<k>\d{{1,2}}|два|две|три|четыре|шесть)\s+)?(?P<unit>год|полугод|полгода|квартал|месяц|недел)"
)
_EVERY = re.compile(
    r"(?<![а-я])(?:еже(?P<each>месячн|квартальн|полугодн|недельн)|кажд[а-я]*\s+(?P<unit>месяц|квартал))"
)
_UNITS_PER_YEAR = {"год": 1, "полугод": 2, "полгода": 2, "квартал": 4, "месяц": 12, "недел": 52}
_EACH_PER_YEAR = {"месячн": 12, "квартальн": 4, "полугодн": 2, "недельн": 52, "месяц": 12, "квартал": 4}
_TIMES_WORDS = {"дважды": 2, "трижды": 3, "четырежды": 4}


class _Item:
    """One date or range read from the text; a missing year is filled in by ``_place``."""

    __slots__ = ("coarse", "deadline", "ed", "em", "ey", "sd", "sm", "sy")

    def __init__(self, sy, sm, sd, ey, em, ed, *, coarse=False, deadline=None):
        self.sy, self.sm, self.sd, self.ey, self.em, self.ed = sy, sm, sd, ey, em, ed
        self.coarse = coarse
        self.deadline = deadline


def _month_number(word: str) -> int:
    return _MONTH_KEYS.get(word[:3], 5)


def _ordinal(token: str) -> int | None:
    if token[0].isdigit():
        return int(token[0])
    return _ORDINAL_WORDS.get(token) or _ORDINAL_WORDS.get(token[:4])


def _part_months(unit: str, number: int | None, school_halves: bool) -> tuple[int, int] | None:
    if unit == "квартал" and number in (1, 2, 3, 4):
        return 3 * number - 2, 3 * number
    if unit == "полугод" and number in (1, 2):
        if school_halves:
            return ((9, 12), (1, 5))[number - 1]
        return ((1, 6), (7, 12))[number - 1]
    if unit == "четверт" and number in (1, 2, 3, 4):
        return ((9, 10), (11, 12), (1, 3), (4, 5))[number - 1]
    return None


def _year(value: str | None) -> int | None:
    if not value:
        return None
    return int(value) + 2000 if len(value) == 2 else int(value)


def _item_of(match: re.Match, academic: bool) -> _Item | None:
    group = match.group
    if group("acad"):
        return _Item(int(group("ay1")), 9, None, int(group("ay2")), 8, None, coarse=True)
    if group("eoy"):
        month = 5 if group("eoyac") else 12
        return _Item(None, month, None, None, month, None, deadline="end" if group("eoydl") else None)
    if group("num"):
        day, month, year = int(group("nd")), int(group("nm")), _year(group("ny"))
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year is None and len(group("nm")) != 2):
            return None
        return _Item(year, month, day, year, month, day)
    if group("dm"):
        first, last = int(group("dd1")), int(group("dd2") or group("dd1"))
        first, last = min(first, last), max(first, last)
        if not 1 <= first <= last <= 31:
            return None
        month, year = _month_number(group("dmon")), _year(group("dy"))
        return _Item(year, month, first, year, month, last)
    if group("part"):
        unit, year = group("punit"), _year(group("py"))
        first = _part_months(unit, _ordinal(group("pn1")), academic and year is None)
        last = _part_months(unit, _ordinal(group("pn2") or group("pn1")), academic and year is None)
        if first is None or last is None:
            return None
        return _Item(None, first[0], None, year, last[1], None)
    if group("mon"):
        month, year = _month_number(group("mon")), _year(group("my"))
        return _Item(year, month, None, year, month, None)
    first, last = int(group("y1")), int(group("y2") or group("y1"))
    return _Item(first, 1, None, last, 12, None, coarse=True)


def _apply_prefix(item: _Item, match: re.Match, text: str) -> None:
    """Deadline words («до», «не позднее») and parts of a month («в конце мая») written before a date."""
    if match.group("eoy") or (match.group("mon") and "ск" in match.group("mon")):
        return  # «к августовскому совещанию» names the month of the event, not a deadline
    prefix = _PREFIX.search(text, max(0, match.start() - 40), match.start())
    if prefix is None:
        return
    deadline, modifier = prefix.group("dl"), prefix.group("mod")
    if deadline:
        item.deadline = "end" if deadline in _DEADLINE_END else "start"
    if not modifier:
        return
    key = next(key for key in _MONTH_MODIFIERS if modifier.startswith(key))
    if match.group("mon"):
        item.sd, item.ed = _MONTH_MODIFIERS[key]
    elif match.group("yr") and not match.group("y2"):
        item.sm, item.em = _YEAR_MODIFIERS[key]
        item.coarse = False


def _read_items(text: str, academic: bool) -> list[_Item]:
    found: list[tuple[int, int, _Item]] = []
    for match in _TOKEN.finditer(text):
        item = _item_of(match, academic)
        if item is None:
            continue
        _apply_prefix(item, match, text)
        found.append((match.start(), match.end(), item))
    items: list[_Item] = []
    index = 0
    while index < len(found):
        start, end, item = found[index]
        if index + 1 < len(found) and _joins_range(text, start, end, found[index + 1][0]):
            last = found[index + 1][2]
            item = _Item(item.sy, item.sm, item.sd, last.ey, last.em, last.ed, coarse=item.coarse and last.coarse)
            index += 1
        items.append(item)
        index += 1
    return items


def _joins_range(text: str, first_start: int, first_end: int, second_start: int) -> bool:
    gap = text[first_end:second_start]
    if not _RANGE_GAP.fullmatch(gap):
        return False
    return "-" in gap or (
        _WORD_GAP.fullmatch(gap) is not None and _RANGE_OPENER.search(text, max(0, first_start - 30), first_start)
    )


# ---------------------------------------------------------------- placing dates without a year


def _index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _set_start_year(item: _Item, year: int) -> None:
    item.sy = year
    item.ey = year if item.em >= item.sm else year + 1


def _place(items: list[_Item], anchor: int) -> None:
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
            following = _index(item.sy, item.sm)
    # Only a date tied to a written year moves the dates after it; dates of a text without years all keep to
    # the first plan year, so «сентябрь, ноябрь, январь» in a calendar year does not spill into the next one.
    previous = None
    for item in items:
        if item.sy is not None:
            previous = _index(item.ey, item.em)
            continue
        length = (item.em - item.sm) % 12
        if previous is None:
            _set_start_year(item, -((item.sm - 1 + length - anchor) // 12))
        else:
            _set_start_year(item, -((item.sm - 1 - previous) // 12))
            previous = _index(item.ey, item.em)


# ---------------------------------------------------------------- dates


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


def _scheduled(items, period_start, period_end, *, yearly, monthly, dated) -> list[tuple[date, date]]:
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


def _frequency(per_year: int, period_start: date, period_end: date) -> list[tuple[date, date]]:
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


def _per_year(text: str) -> int | None:
    match = _TIMES.search(text)
    if match:
        count = _TIMES_WORDS.get(match.group("raz"))
        if count is None:
            number = match.group("n") or "1"
            count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        every = match.group("k") or "1"
        every = int(every) if every.isdigit() else _NUMBER_WORDS[every]
        per_year, remainder = divmod(count * _UNITS_PER_YEAR[match.group("unit")], max(every, 1))
        if remainder == 0 and 1 <= per_year <= MAX_PER_YEAR:
            return per_year
    match = _EVERY.search(text)
    if match:
        return _EACH_PER_YEAR[match.group("each") or match.group("unit")]
    return None


# ---------------------------------------------------------------- the public function


def parse_timing(text: str, period_start: date, period_end: date) -> TimingResult:
    """Read the «Сроки» text of a plan item; see the module docstring for the rules."""
    text = normalise(text or "")
    academic = period_start.month in (8, 9)
    items = _read_items(text, academic)
    per_year = _per_year(text)
    yearly = _YEARLY.search(text) is not None
    external = _EXTERNAL.search(text) is not None
    valid_period = period_start <= period_end
    if items and not (external and all(item.coarse for item in items)):
        dated = any(item.sy is not None or item.ey is not None for item in items)
        _place(items, _index(period_start.year, period_start.month))
        occurrences = []
        if valid_period:
            occurrences = _scheduled(
                items, period_start, period_end, yearly=yearly, monthly=per_year == 12, dated=dated
            )
        return TimingResult(SCHEDULED, occurrences)
    if external:
        return TimingResult(EXTERNAL)
    if per_year is None and yearly:
        per_year = 1
    if per_year is not None:
        return TimingResult(FREQUENCY, _frequency(per_year, period_start, period_end) if valid_period else [], per_year)
    if _CONTINUOUS.search(text):
        return TimingResult(CONTINUOUS, [(period_start, period_end)] if valid_period else [])
    if _ON_DEMAND.search(text):
        return TimingResult(ON_DEMAND)
    return TimingResult(UNKNOWN)
