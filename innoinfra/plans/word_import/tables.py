"""The plan table, whichever program it was typed in: the header row and the field of each column, sections,
subheadings and items."""

from __future__ import annotations

import re

from ..parsed import ParsedItem, ParsedPlan, ParsedSection
from .cells import Block, Cell
from .preamble import order_requisites, title_of

HEADER_SEARCH_ROWS = 30

# Header text → item field. Checked in this order, so «Ответственный за мероприятие» is a responsible column and
# «Дата проведения мероприятия» a timing one; strength decides between two columns claiming the same field.
_HEADER_RULES = (
    ("number", 2, re.compile(r"^(№|no\.?$|n$|номер|п\.?\s*/?\s*п\b)")),
    ("responsible", 2, re.compile(r"ответствен|исполнител")),
    ("timing", 2, re.compile(r"срок|дата|период|время проведения")),
    ("audience", 2, re.compile(r"аудитори|участник|категори")),
    ("result", 2, re.compile(r"результат|^выход")),
    ("activity", 2, re.compile(r"мероприят|содержание (работ|деятельност)")),
    ("activity", 1, re.compile(r"деятельност|наименовани|вид работ|содержани|^тема")),
)
_SECTION_NUMBER = re.compile(r"^(\d+(\.\d+)*\.?|[IVXLC]+\.|раздел\s+\S+)\s", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[\dIVXLC.\s]+$")


def _header_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace(":", " ").split())


def texts(row: list[Cell]) -> list[str]:
    return [cell.text for cell in row]


def is_number_row(row: list[Cell]) -> bool:
    """The «1 2 3 4 5» row under the header that numbers the columns."""
    filled = [cell.text for cell in row if cell.text]
    return len(filled) >= 2 and filled == [str(number) for number in range(1, len(filled) + 1)]


def _field_of(header_text: str) -> tuple[str | None, int]:
    key = _header_key(header_text)
    for field, strength, pattern in _HEADER_RULES:
        if pattern.search(key):
            return field, strength
    return None, 0


def _header_fields(header: list[Cell]) -> list[str | None]:
    """The item field of each column; a column whose field another column claims more strongly goes to notes."""
    claims = [(None, 0) if seen else _field_of(cell.text) for cell, seen in zip(header, _repeats(header), strict=True)]
    best = {}
    for index, (field, strength) in enumerate(claims):
        if field and (field not in best or strength > claims[best[field]][1]):
            best[field] = index
    return [field if field and best[field] == index else None for index, (field, _) in enumerate(claims)]


def _repeats(row: list[Cell]) -> list[bool]:
    """Whether each cell repeats the merged cell just before it."""
    return [index > 0 and cell.key is row[index - 1].key for index, cell in enumerate(row)]


def best_table(candidates) -> tuple[int, int] | None:
    """(table, header row) of the table whose header names an activity column and the most other columns."""
    best, best_score = None, 0
    for table_index, rows in candidates:
        for row_index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            fields = {field for field in _header_fields(row) if field}
            if "activity" in fields and len(fields) >= 2 and len(fields) > best_score:
                best, best_score = (table_index, row_index), len(fields)
                break
    return best


def _section_text(row: list[Cell], fields: list[str | None]) -> str | None:
    """The text of a row that heads a section: one merged cell, or one text repeated or alone outside «activity»."""
    filled = [(index, cell) for index, cell in enumerate(row) if cell.text]
    if not filled:
        return None
    texts = {cell.text for _, cell in filled}
    if len(texts) != 1:
        return None
    text = texts.pop()
    if len(row) > 1 and all(cell.key is row[0].key for cell in row):
        return text
    if len(filled) >= 2:
        return text
    index = filled[0][0]
    if fields[index] != "activity" and not _BARE_NUMBER.match(text):
        return text
    return None


def _item_of(row: list[Cell], header: list[Cell], fields: list[str | None], subheading: str | None) -> ParsedItem:
    item = ParsedItem()
    notes = [f"Подраздел: {subheading.rstrip(':')}"] if subheading else []
    for cell, field, head, repeated in zip(row, fields, header, _repeats(row), strict=False):
        if not cell.text or repeated:
            continue
        if field:
            setattr(item, field, cell.text)
        elif head.text:
            notes.append(f"{head.text}: {cell.text}")
    item.notes = "; ".join(notes) or None
    return item


def build_plan(header: list[Cell], rows: list[list[Cell]], before: list[Block]) -> ParsedPlan:
    fields = _header_fields(header)
    plan = ParsedPlan(
        title=title_of(before),
        columns=[cell.text for cell, repeated in zip(header, _repeats(header), strict=True) if not repeated],
        fields=[field for field in fields if field],
    )
    if any(field is None and cell.text for field, cell in zip(fields, header, strict=True)):
        plan.fields.append("notes")
    plan.order_number, plan.order_date = order_requisites(before)
    header_texts = texts(header)
    section, subheading = None, None
    for row in rows:
        row = (row + [Cell(("pad", index), "") for index in range(len(header) - len(row))])[: len(header)]
        if not any(cell.text for cell in row) or is_number_row(row) or texts(row) == header_texts:
            continue
        title = _section_text(row, fields)
        if title is not None:
            if _is_subheading(title, section):
                subheading = title
                plan.warnings.append(
                    f"Строка «{title}» внутри раздела «{section.title}» не стала отдельным разделом: "
                    "её текст записан в примечания следующих пунктов как «Подраздел»."
                )
                continue
            section, subheading = ParsedSection(title), None
            plan.sections.append(section)
            continue
        if section is None:
            section = ParsedSection(None)
            plan.sections.append(section)
        item = _item_of(row, header, fields, subheading)
        if not item.activity:
            plan.warnings.append(f"В строке «{' | '.join(dict.fromkeys(texts(row)))}» не указано мероприятие.")
        section.items.append(item)
    _drop_trailing_empty_sections(plan)
    return plan


def _is_subheading(title: str, section: ParsedSection | None) -> bool:
    """An unnumbered heading inside numbered sections («Документы муниципального уровня:») groups a few items of
    its section; a new section would break the plan's numbering, so the items carry it in their notes instead."""
    numbered = section is not None and section.title and _SECTION_NUMBER.match(section.title)
    return bool(numbered) and not _SECTION_NUMBER.match(title)


def _drop_trailing_empty_sections(plan: ParsedPlan) -> None:
    """Text under the table (signatures typed into its last rows) is not a section of the plan."""
    while plan.sections and not plan.sections[-1].items:
        dropped = plan.sections.pop()
        plan.warnings.append(f"Строка «{dropped.title}» после последнего пункта плана пропущена.")
