"""What kind of text it is (a reference to another schedule, N times a year, continuous, on demand) and
`parse_timing`, which puts the reading together."""

from __future__ import annotations

import re
from datetime import date

from .grammar import ACADEMIC_YEAR, normalise, read_items
from .occurrences import (
    continuous_occurrence,
    frequency_occurrences,
    scheduled_occurrences,
    school_term_occurrences,
)
from .placing import month_index, place_years
from .result import CONTINUOUS, EXTERNAL, FREQUENCY, MAX_PER_YEAR, ON_DEMAND, SCHEDULED, UNKNOWN, TimingResult

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
    r"(?<![а-я])в\s+(?:течени[еи]|теч\.)\s*(?:всего\s+)?(?:(?:календарного|учебного|уч\.|отчетного)\s*)?"
    r"(?:года|г\.|периода|срока)"
    r"|(?<![а-я])в\s+течени[еи]\s+(?:всего\s+)?(?:периода\s+)?реализации|(?<![а-я])весь\s+(?:период|год|учебный)"
    r"|(?<![а-я])(?:постоянн|ежедневн|круглогодичн|систематическ|регулярн)[а-я]*|(?<![а-я])на\s+протяжении"
)
# «в течение 2024 года», «на протяжении 2023/2024 учебного года», «весь 2024 год»: the written years are a span
# of work, not a due date at their end.
_SPAN_OPENER = re.compile(r"(?<![а-я])(?:в\s+(?:течени[еи]|теч\.)|на\s+протяжении|весь|в\s+период)\s*(?:всего\s+)?$")
# School terms as a frequency: «ежечетвертно», «по четвертям», «в конце каждой четверти», «раз в четверть».
_SCHOOL_TERMS = re.compile(
    r"(?<![а-я])(?:ежечетвертн[а-я]*|по\s+(?:учебным\s+)?четвертям|(?:кажд[а-я]*|всех)\s+(?:учебн[а-я]*\s+)?четверт"
    r"|(?:1\s*|один\s+)?раз\s+в\s+(?:учебную\s+)?четверть|четвертей(?![а-я]))"
)
_ACADEMIC_ALONE = re.compile(rf"(?:(?:в|на)\s+)?{ACADEMIC_YEAR.pattern}")
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


def _is_span(text: str) -> bool:
    """Whole years written as the time of the work: after «в течение», «на протяжении», «весь», or an academic
    year on its own («2023-2024 уч. год»)."""
    first = ACADEMIC_YEAR.search(text) or re.search(r"(?:19|20)\d\d", text)
    if first is None:
        return False
    if _SPAN_OPENER.search(text[: first.start()]):
        return True
    return _ACADEMIC_ALONE.fullmatch(text.strip(" .,;")) is not None


def parse_timing(text: str, period_start: date, period_end: date) -> TimingResult:
    """Read the «Сроки» text of a plan item; see the package docstring for the rules."""
    text = normalise(text or "")
    academic = period_start.month in (8, 9)
    items = read_items(text, academic)
    per_year = _per_year(text)
    yearly = _YEARLY.search(text) is not None
    external = _EXTERNAL.search(text) is not None
    valid_period = period_start <= period_end
    if items and all(item.coarse and not item.deadline for item in items) and _is_span(text):
        place_years(items, month_index(period_start.year, period_start.month))
        return TimingResult(CONTINUOUS, continuous_occurrence(items, period_start, period_end))
    if items and not (external and all(item.coarse for item in items)):
        dated = any(item.sy is not None or item.ey is not None for item in items)
        place_years(items, month_index(period_start.year, period_start.month))
        occurrences = []
        if valid_period:
            occurrences = scheduled_occurrences(
                items, period_start, period_end, yearly=yearly, monthly=per_year == 12, dated=dated
            )
        return TimingResult(SCHEDULED, occurrences)
    if external:
        return TimingResult(EXTERNAL)
    if per_year is None and _SCHOOL_TERMS.search(text):
        return TimingResult(FREQUENCY, school_term_occurrences(period_start, period_end) if valid_period else [], 4)
    if per_year is None and yearly:
        per_year = 1
    if per_year is not None:
        return TimingResult(
            FREQUENCY, frequency_occurrences(per_year, period_start, period_end) if valid_period else [], per_year
        )
    if _CONTINUOUS.search(text):
        return TimingResult(CONTINUOUS, [(period_start, period_end)] if valid_period else [])
    if _ON_DEMAND.search(text):
        return TimingResult(ON_DEMAND)
    return TimingResult(UNKNOWN)
