"""What stands around the table: the plan's title, its period, the approval block (who approved, the order's date
and number) and the people named as responsible."""

from __future__ import annotations

import datetime as dt
import re

from ..parsed import ParsedPlan
from .cells import Block, clean_text

_TITLE_START = re.compile(
    r"^[\W_]*(план\b|дорожн\w* карт|(календарн|комплексн|перспективн|годов|сводн)\w* план|программа мероприят"
    r"|перечень мероприят|комплекс мер|график\b|мероприятия по\b)",
    re.IGNORECASE,
)
# «Цель: …», «Условные обозначения:» — labelled paragraphs end a title.
_LABELLED = re.compile(r"^[\w ]{1,40}:")
_DATE_NUMERIC = r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.?|года)?"
_DATE_WORDS = r"«?\s*(\d{1,2})\s*»?\s+([а-яА-Я]+)\s+(\d{4})\s*(?:г\.?|года)?"
_NUMBER = r"№\s*([\w][\w\-/.]*)"
_ORDER_DATE_FIRST = (
    re.compile(rf"от\s+{_DATE_NUMERIC}\s*{_NUMBER}", re.IGNORECASE),
    re.compile(rf"от\s+{_DATE_WORDS}\s*{_NUMBER}", re.IGNORECASE),
)
_ORDER_NUMBER_FIRST = (
    re.compile(rf"{_NUMBER}\s+от\s+{_DATE_NUMERIC}", re.IGNORECASE),
    re.compile(rf"{_NUMBER}\s+от\s+{_DATE_WORDS}", re.IGNORECASE),
)
_DATE_ALONE = (re.compile(_DATE_NUMERIC), re.compile(_DATE_WORDS))
# «УТВЕРЖДЕНО приказом …», «УТВЕРЖДАЮ» head the approval block; «Об утверждении …» in the order's own title does not.
_APPROVAL = re.compile(r"^(УТВЕРЖД|Утвержд[её]н|ПРИНЯТ|Принят)")
_APPROVAL_END = re.compile(r"^(СОГЛАСОВАН|Согласован|РАССМОТРЕН|Рассмотрен)")
_ISSUER = re.compile(r"(?:приказом|распоряжением|постановлением|решением)\s+(.+?)\s+(?:от\s|№)", re.IGNORECASE)
_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_PERSON = re.compile(
    r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\."
)
_RESPONSIBLE = re.compile(
    r"^(ответственн\w*|исполнител\w*|составител\w*|составил\w*|подготовил\w*|координатор\w*)(\s+за\s+[^:–-]+)?"
    r"\s*[:–—-]\s*(.+)$",
    re.IGNORECASE,
)
_ACADEMIC = re.compile(r"(20\d\d)\s*[-/–—]\s*(20\d\d|\d\d)(?!\d)\s*(?:гг?\.?\s*)?(?:уч|учебн)", re.IGNORECASE)
_SLASH_YEARS = re.compile(r"(20\d\d)\s*/\s*(20\d\d)")
_RANGE = re.compile(r"(20\d\d)\s*(?:г\.?\s*)?[-–—]\s*(20\d\d)\s*(?:гг|годы|год|г\.)", re.IGNORECASE)
_RANGE_WORDS = re.compile(r"(?:на\s+период\s+)?с\s+(20\d\d)\s+(?:г\.?|года)?\s*по\s+(20\d\d)", re.IGNORECASE)
_UNTIL = re.compile(r"\bдо\s+(20\d\d)\s*(?:г\.?|года)", re.IGNORECASE)
_YEAR = re.compile(r"\bна\s+(20\d\d)\s*(?:г\.?|год)", re.IGNORECASE)


def read_preamble(plan: ParsedPlan, before: list[Block], after: list[Block]) -> None:
    plan.title = title_of(before)
    approval = _approval_lines(before)
    if approval:
        plan.approval_text = clean_text(" ".join(approval))
        plan.order_number, plan.order_date = _requisites(plan.approval_text)
        plan.approved_by = _approver(approval)
    _read_period(plan, before, approval)
    plan.responsible_people = _responsible(before, after)


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
    for block in before[start + 1 : start + 6]:
        if (
            not block.is_paragraph
            or not block.text
            or block.alignment != before[start].alignment
            or _LABELLED.match(block.text)
            or _APPROVAL.match(block.text)
        ):
            break
        lines.append(block.text)
    return (clean_text(" ".join(lines).replace("**", "")) or "").rstrip(":").strip() or None


def _approval_lines(before: list[Block]) -> list[str]:
    """The lines of the last approval block: its heading and up to six lines under it, until the title or another
    block («СОГЛАСОВАНО»)."""
    starts = [index for index, block in enumerate(before) if _APPROVAL.match(block.text)]
    if not starts:
        return []
    lines = [before[starts[-1]].text]
    for block in before[starts[-1] + 1 : starts[-1] + 12]:
        if not block.text:
            continue
        if _TITLE_START.match(block.text) or _APPROVAL_END.match(block.text) or len(lines) >= 7:
            break
        lines.append(block.text)
    return lines


def _date(day: str, month: str, year: str) -> str | None:
    number = (
        int(month)
        if month.isdigit()
        else next((i for i, stem in enumerate(_MONTHS, 1) if month.lower().startswith(stem)), 0)
    )
    try:
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def _requisites(text: str) -> tuple[str | None, str | None]:
    """Number and ISO date of the approving order («от 11.04.2025 № 172-Д», «№ 45 от 30 августа 2023 г.»), or the
    date alone of a head's «УТВЕРЖДАЮ … «01» сентября 2023 г.»."""
    for pattern in _ORDER_DATE_FIRST:
        if found := pattern.search(text):
            day, month, year, number = found.groups()
            return number.rstrip("."), _date(day, month, year)
    for pattern in _ORDER_NUMBER_FIRST:
        if found := pattern.search(text):
            number, day, month, year = found.groups()
            return number.rstrip("."), _date(day, month, year)
    for pattern in _DATE_ALONE:
        if found := pattern.search(text):
            return None, _date(*found.groups())
    return None, None


def order_requisites(before: list[Block]) -> tuple[str | None, str | None]:
    """Number and ISO date of the order named in the «УТВЕРЖДЕНО» block, if the file has one."""
    approval = _approval_lines(before)
    return _requisites(" ".join(approval)) if approval else (None, None)


def _approver(lines: list[str]) -> str | None:
    """Who approved: the body issuing the order («приказом управления образования … от …») or the head signing
    «УТВЕРЖДАЮ» (position and name, without the signature line and the date)."""
    text = " ".join(lines)
    if found := _ISSUER.search(text):
        return clean_text(found.group(1))
    parts = []
    for line in [re.sub(r"^(УТВЕРЖДАЮ|УТВЕРЖДЕНО|Утверждаю|Утверждено)[:.]?", "", lines[0]), *lines[1:]]:
        line = re.sub(r"_+", " ", line)
        line = re.sub(r"«?\s*\d{1,2}\s*»?\s+[а-я]+\s+\d{4}\s*(г\.?|года)?|\d{1,2}\.\d{1,2}\.\d{4}\s*(г\.?)?", "", line)
        line = re.sub(r"(Приказ|приказ)\s*№\s*\S+(\s+от)?|от\s*$|М\.\s?П\.", "", line)
        line = clean_text(line)
        if line and re.search(r"[А-Яа-яЁё]{2}", line):
            parts.append(line)
    return clean_text(" ".join(parts)) or None


def _read_period(plan: ParsedPlan, before: list[Block], approval: list[str]) -> None:
    """The period the title names, or failing that a line above the table («на 2023–2024 учебный год»)."""
    approval_set = set(approval)
    candidates = [plan.title or ""] + [block.text for block in before if block.text not in approval_set]
    for text in candidates:
        if _period_from(plan, text):
            return


def _period_from(plan: ParsedPlan, text: str) -> bool:
    if found := _ACADEMIC.search(text) or _SLASH_YEARS.search(text):
        first = int(found.group(1))
        plan.period_kind = "academic"
        plan.period_start, plan.period_end = f"{first}-09-01", f"{first + 1}-08-31"
        return True
    if found := _RANGE.search(text) or _RANGE_WORDS.search(text):
        first, last = int(found.group(1)), int(found.group(2))
        if last < first:
            return False
        plan.period_kind = "calendar"
        plan.period_start, plan.period_end = f"{first}-01-01", f"{last}-12-31"
        return True
    if found := _UNTIL.search(text):
        last = int(found.group(1))
        start = plan.order_date if plan.order_date and plan.order_date[:4] <= str(last) else None
        if start is None:
            return False
        plan.period_kind = "calendar"
        plan.period_start, plan.period_end = start, f"{last}-12-31"
        return True
    if found := _YEAR.search(text):
        year = int(found.group(1))
        plan.period_kind = "calendar"
        plan.period_start, plan.period_end = f"{year}-01-01", f"{year}-12-31"
        return True
    return False


def _responsible(before: list[Block], after: list[Block]) -> list[str]:
    """People named «Ответственный: …» around the table, and those signing under it («Заместитель директора
    по УВР ________ О. В. Петрова»)."""
    people = []
    for is_after, block in [(False, block) for block in before] + [(True, block) for block in after]:
        found = _RESPONSIBLE.match(block.text)
        if found:
            for part in re.split(r"[;,]\s*", found.group(3)):
                part = clean_text(re.sub(r"_+", " ", part))
                if part:
                    people.append(part.rstrip("."))
        elif is_after and _PERSON.search(block.text) and len(block.text) < 200:
            line = clean_text(re.sub(r"_+|\(подпись\)", " ", block.text))
            if line:
                people.append(line.rstrip("."))
    return list(dict.fromkeys(people))
