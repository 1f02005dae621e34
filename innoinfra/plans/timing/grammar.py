"""The grammar of dates in a «Сроки» text: normalisation, the tokens (months, dates, ranges, quarters, half-years,
school terms, years), the words before them (deadlines, parts of a month), and `read_items` reading a text into
date items whose missing years `placing` fills in."""

from __future__ import annotations

import re

from .result import MAX_TEXT_LENGTH

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
ACADEMIC_YEAR = re.compile(rf"{_YEAR}\s*[-/]\s*{_YEAR}\s*(?:учебн[а-я]*|уч\.?)(?:\s*(?:год[а-я]*|г\.?))?")
_TOKEN = re.compile(
    rf"""
    (?P<acad>(?P<ay1>{_YEAR})\s*[-/]\s*(?P<ay2>{_YEAR})\s*(?:учебн[а-я]*|уч\.?)(?:\s*(?:год[а-я]*|г\.?))?)
  | (?P<eoy>(?<![а-я])(?P<eoydl>до\s+)?(?:конц[а-я]*|конец)\s+(?P<eoyac>учебного\s+)?(?:календарного\s+)?года)
  | (?P<num>(?<![\d.])(?P<nd>\d{{1,2}})\.(?P<nm>\d{{1,2}})(?:\.(?P<ny>\d{{4}}|\d{{2}}))?(?![\d]))
  | (?P<dm>(?<![\d.])(?P<dd1>\d{{1,2}})(?:\s*(?:-|по|до)\s*(?P<dd2>\d{{1,2}}))?\s*(?P<dmon>{_MONTH})
        (?:\s*(?P<dy>{_YEAR}))?)
  | (?P<part>(?<![а-яa-z\d])(?P<pn1>{_ORD})(?P<plist>(?:\s*(?:-|,|и|и\s+в)\s*{_ORD})*)
        \s*(?P<punit>квартал|полугод|четверт)[а-я]*(?:\s*(?P<py>{_YEAR}))?)
  | (?P<season>(?<![а-я])(?P<sname>весн(?:а|ой|у|е)|весенн[а-я]*|лет(?:о|ом|а|у)|летн[а-я]*|осен(?:ь|ью|и)
        |осенн[а-я]*|зим(?:а|ой|у|е|ы)|зимн[а-я]*)(?![а-я])(?P<sholiday>\s+каникул[а-я]*)?(?:\s*(?P<sy>{_YEAR}))?)
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


# ---------------------------------------------------------------- reading a text into date items


class DateItem:
    """One date or range read from the text; a missing year is filled in by ``place_years``."""

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


_SEASONS = {"вес": (3, 5), "лет": (6, 8), "осе": (9, 11), "зим": (12, 2)}
_PART_LIST = re.compile(rf"(?P<sep>-|,|и\s+в|и)?\s*(?P<ord>{_ORD})")


def _parts_of(match: re.Match, academic: bool) -> list[DateItem] | None:
    """«II квартал», «2-3 квартал», «I, III четверть», «1 и 2 четверти», «II-IV четверти»: a list names one date
    per part; a range of quarters or half-years is one span, a range of school terms one date per term (each
    term ends with its own report)."""
    unit, year = match.group("punit"), _year(match.group("py"))
    school = academic and year is None
    numbers: list[int] = []
    spans: list[tuple[int, int]] = []
    listed = match.group("pn1") + (match.group("plist") or "")
    for part in _PART_LIST.finditer(listed):
        number = _ordinal(part.group("ord"))
        if number is None or _part_months(unit, number, school) is None:
            return None
        if part.group("sep") == "-" and numbers:
            if unit == "четверт":
                numbers.extend(range(numbers[-1] + 1, number + 1))
            else:
                spans[-1] = (spans[-1][0], number)
            continue
        numbers.append(number)
        spans.append((number, number))
    if unit == "четверт":
        spans = [(number, number) for number in numbers]
    items = []
    for first, last in spans:
        first_months, last_months = _part_months(unit, first, school), _part_months(unit, last, school)
        items.append(DateItem(None, first_months[0], None, year, last_months[1], None))
    return items or None


def _item_of(match: re.Match, academic: bool) -> DateItem | list[DateItem] | None:
    group = match.group
    if group("acad"):
        return DateItem(int(group("ay1")), 9, None, int(group("ay2")), 8, None, coarse=True)
    if group("eoy"):
        month = 5 if group("eoyac") else 12
        return DateItem(None, month, None, None, month, None, deadline="end" if group("eoydl") else None)
    if group("num"):
        day, month, year = int(group("nd")), int(group("nm")), _year(group("ny"))
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year is None and len(group("nm")) != 2):
            return None
        return DateItem(year, month, day, year, month, day)
    if group("dm"):
        first, last = int(group("dd1")), int(group("dd2") or group("dd1"))
        first, last = min(first, last), max(first, last)
        if not 1 <= first <= last <= 31:
            return None
        month, year = _month_number(group("dmon")), _year(group("dy"))
        return DateItem(year, month, first, year, month, last)
    if group("part"):
        return _parts_of(match, academic)
    if group("season"):
        name = group("sname")
        if group("sholiday") and not name.startswith("лет"):
            return None  # autumn, winter and spring holidays differ by region and year: a person sets them
        first, last = _SEASONS[name[:3]]
        year = _year(group("sy"))
        return DateItem(None if year is None else year - (first > last), first, None, year, last, None)
    if group("mon"):
        month, year = _month_number(group("mon")), _year(group("my"))
        return DateItem(year, month, None, year, month, None)
    first, last = int(group("y1")), int(group("y2") or group("y1"))
    return DateItem(first, 1, None, last, 12, None, coarse=True)


def _apply_prefix(item: DateItem, match: re.Match, text: str) -> None:
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


def read_items(text: str, academic: bool) -> list[DateItem]:
    found: list[tuple[int, int, DateItem]] = []
    for match in _TOKEN.finditer(text):
        read = _item_of(match, academic)
        if read is None:
            continue
        for item in read if isinstance(read, list) else [read]:
            _apply_prefix(item, match, text)
            found.append((match.start(), match.end(), item))
    items: list[DateItem] = []
    index = 0
    while index < len(found):
        start, end, item = found[index]
        if index + 1 < len(found) and _joins_range(text, start, end, found[index + 1][0]):
            last = found[index + 1][2]
            item = DateItem(item.sy, item.sm, item.sd, last.ey, last.em, last.ed, coarse=item.coarse and last.coarse)
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
