"""The plan table, whichever program it was typed in: the header row (one or two rows, merged cells) and the field
of each column, sections, subheadings and items, across the parts of a table continued after a page break.

No row is dropped silently: each row of the plan table ends as an item, a section, a header (a repeated header, the
«1 2 3 4» row, a «Продолжение таблицы» caption) or a warning that quotes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..parsed import ParsedItem, ParsedPlan, ParsedSection
from .cells import Block, Cell, Row
from .preamble import read_preamble

HEADER_SEARCH_ROWS = 30

# Header text → item field. Checked in this order, so «Ответственный за мероприятие» is a responsible column and
# «Дата проведения мероприятия» a timing one; strength decides between two columns claiming the same field.
_HEADER_RULES = (
    ("number", 2, re.compile(r"^(№|no\.?$|n$|номер|п\.?\s*/?\s*п\b)")),
    ("responsible", 2, re.compile(r"ответствен|исполнител")),
    ("timing", 2, re.compile(r"срок|дата|период|время проведения|^когда")),
    ("audience", 2, re.compile(r"аудитори|участник|категори")),
    ("result", 2, re.compile(r"результат|^выход|^продукт")),
    ("activity", 2, re.compile(r"мероприят|содержание (работ|деятельност)")),
    ("activity", 1, re.compile(r"деятельност|наименовани|вид работ|содержани|^тема|^задач")),
    # the plan's own remarks column: its text is the item's note as written, not «Примечание: …»
    ("notes", 2, re.compile(r"^(примечани|комментари)")),
)
_SECTION_NUMBER = re.compile(r"^(\d+(\.\d+)*\.?|[IVXLC]+\.|раздел\s+\S+)\s", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[\dIVXLC.\s]+$")
# The number a person typed (or Word's list drew) in front of the activity: «2.1. Передача …», «3) Семинар …».
_LEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+|\d{1,2}\)|[IVXLC]{1,5}\.)\s+(?=\S)")
# What a «№» column holds: «1», «1.», «2.1.», «IV.», «3)».
NUMBER_CELL = re.compile(r"^(\d{1,3}(\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|\d{1,3}\))$")
_CAPTION = re.compile(r"^(продолжение|окончание)(\s+табл\w*\.?)?(\s*\d+)?\.?$", re.IGNORECASE)
_JOIN = {"timing": " – "}


def _header_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace(":", " ").split())


def texts(row: list[Cell]) -> list[str]:
    return [cell.text for cell in row]


def is_number_row(row: list[Cell]) -> bool:
    """The «1 2 3 4 5» row under the header that numbers the columns."""
    repeats = _repeats(row)
    filled = [cell.text.rstrip(".") for index, cell in enumerate(row) if cell.text and not repeats[index]]
    return len(filled) >= 2 and filled == [str(number) for number in range(1, len(filled) + 1)]


def _field_of(header_text: str) -> tuple[str | None, int]:
    key = _header_key(header_text)
    for name, strength, pattern in _HEADER_RULES:
        if pattern.search(key):
            return name, strength
    return None, 0


@dataclass
class Header:
    cells: list[Cell]
    # The merged top cell each column sits under: two columns under one «Сроки» share the field
    groups: list[object]
    # Rows of the header (1 or 2) and the texts of each, to skip the header where a continued table repeats it
    size: int = 1
    row_texts: list[list[str]] = field(default_factory=list)

    @property
    def fields(self) -> list[str | None]:
        return _header_fields(self)


def _header_fields(header: Header) -> list[str | None]:
    """The item field of each column; a column whose field another column claims more strongly goes to notes,
    unless both sit under one merged header cell («Сроки»: «начало», «окончание»)."""
    row = header.cells
    claims = [(None, 0) if seen else _field_of(cell.text) for cell, seen in zip(row, _repeats(row), strict=True)]
    best = {}
    for index, (name, strength) in enumerate(claims):
        if name and (name not in best or strength > claims[best[name]][1]):
            best[name] = index
    return [
        name if name and (best[name] == index or header.groups[best[name]] is header.groups[index]) else None
        for index, (name, _) in enumerate(claims)
    ]


def _repeats(row: list[Cell]) -> list[bool]:
    """Whether each cell repeats the merged cell just before it."""
    return [index > 0 and cell.key is row[index - 1].key for index, cell in enumerate(row)]


def header_at(rows: list[Row], index: int) -> Header:
    """The header starting at `rows[index]`, with the row under it when that row names the parts of merged header
    cells («Сроки» over «начало» and «окончание») or shares vertically merged cells with it."""
    top = rows[index].cells
    plain = Header(list(top), [cell.key for cell in top], 1, [texts(top)])
    if index + 1 >= len(rows):
        return plain
    under = rows[index + 1].cells
    # A row merged into one cell is a title or a section, never the top of a header.
    if len(under) != len(top) or is_number_row(under) or all(cell.key is top[0].key for cell in top):
        return plain
    shared = any(a.key is b.key for a, b in zip(top, under, strict=True))
    spans = _repeats(top)
    split = any(
        spans[column] and under[column].text and under[column].key is not under[column - 1].key
        for column in range(1, len(top))
    )
    if not (shared or split) or not any(a.key is not b.key and b.text for a, b in zip(top, under, strict=True)):
        return plain
    # A second header row holds words, not an item: no «№» value, nothing but header-like texts.
    if any(NUMBER_CELL.match(cell.text) for cell in under if cell.text) and not split:
        return plain
    cells, groups = [], []
    for a, b in zip(top, under, strict=True):
        if b.key is a.key or not b.text or b.text == a.text:
            cells.append(a)
        else:
            cells.append(Cell(b.key, f"{a.text} {b.text}".strip() if a.text else b.text))
        groups.append(a.key)
    return Header(cells, groups, 2, [texts(top), texts(under)])


def find_header(rows: list[Row]) -> int | None:
    for row_index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        fields = {name for name in header_at(rows, row_index).fields if name}
        if "activity" in fields and len(fields) >= 2:
            return row_index
    return None


def best_table(candidates) -> tuple[int, int] | None:
    """(table, header row) of the table whose header names an activity column and the most other columns."""
    best, best_score = None, 0
    for table_index, rows in candidates:
        row_index = find_header(rows)
        if row_index is None:
            continue
        score = len({name for name in header_at(rows, row_index).fields if name})
        if score > best_score:
            best, best_score = (table_index, row_index), score
    return best


@dataclass
class Segment:
    """One part of the plan table: its rows and, when it has one, the index of its own header row."""

    rows: list[Row]
    header: int | None
    table: int = 1
    like: Segment | None = None
    # Paragraphs typed between this part and the previous one: section headings outside the table
    headings: list[str] = field(default_factory=list)


def _where(row: Row, table: int) -> str:
    return f"Строка {row.number}" if table == 1 else f"Строка {row.number} продолжения таблицы (часть {table})"


def _quote(row: list[Cell]) -> str:
    return " | ".join(dict.fromkeys(cell.text for cell in row if cell.text))


def _remap(rows: list[Row], own: Header, main: Header, main_fields: list[str | None]) -> list[Row]:
    """Rows of a continued table with its own header, put into the columns of the plan table's header."""
    own_fields = own.fields
    chosen, used = [], set()
    for column, (name, cell) in enumerate(zip(main_fields, main.cells, strict=True)):
        match = None
        for index, (own_name, own_cell) in enumerate(zip(own_fields, own.cells, strict=True)):
            if index in used:
                continue
            if (name and own_name == name) or (not name and cell.text and own_cell.text == cell.text):
                match = index
                break
        if match is None and len(own.cells) == len(main.cells) and column not in used:
            match = column if own_fields[column] is None or own_fields[column] == name else None
        if match is not None:
            used.add(match)
        chosen.append(match)
    result = []
    for row in rows:
        cells = row.cells + [Cell(("pad", index), "") for index in range(len(own.cells) - len(row.cells))]
        mapped = [
            cells[index] if index is not None else Cell(("none", column), "") for column, index in enumerate(chosen)
        ]
        extra = [
            f"{own.cells[index].text or f'Столбец {index + 1}'}: {cells[index].text}"
            for index in range(len(own.cells))
            if index not in used and cells[index].text and not _repeats(cells)[index]
        ]
        result.append(Row(row.number, mapped, extra))
    return result


def _number_columns(header: Header, fields: list[str | None], rows: list[Row]) -> list[str | None]:
    """A column with an empty header cell that holds item numbers is the «№» column."""
    if "number" in fields:
        return fields
    for column, (name, cell) in enumerate(zip(fields, header.cells, strict=True)):
        if name or cell.text or _repeats(header.cells)[column]:
            continue
        values = [row.cells[column].text for row in rows if column < len(row.cells) and row.cells[column].text]
        numbered = [value for value in values if NUMBER_CELL.match(value)]
        if numbered and len(numbered) * 2 > len(values):
            fields = list(fields)
            fields[column] = "number"
            return fields
    return fields


def build_plan(segments: list[Segment], before: list[Block], after: list[Block] | None = None) -> ParsedPlan:
    main = segments[0]
    header = header_at(main.rows, main.header)
    # Rows above the header inside the plan table (a title typed into its first row) belong to the preamble.
    before = before + [Block(_quote(row.cells), in_table=True) for row in main.rows[: main.header]]
    rows: list[tuple[Row, int]] = [(row, 1) for row in main.rows[main.header + header.size :]]
    fields = header.fields
    for segment in segments[1:]:
        for heading in segment.headings:
            rows.append((Row(0, [Cell(("heading", heading), heading)] * len(header.cells)), segment.table))
        if segment.header is None:
            rows.extend((row, segment.table) for row in segment.rows)
        else:
            own = header_at(segment.rows, segment.header)
            for row in segment.rows[: segment.header]:
                rows.append((row, segment.table))
            body = segment.rows[segment.header + own.size :]
            rows.extend((row, segment.table) for row in _remap(body, own, header, fields))
    fields = _number_columns(header, fields, [row for row, _ in rows])
    plan = ParsedPlan(
        columns=[
            cell.text for cell, repeated in zip(header.cells, _repeats(header.cells), strict=True) if not repeated
        ],
        fields=list(dict.fromkeys(name for name in fields if name)),
    )
    if any(name is None and cell.text for name, cell in zip(fields, header.cells, strict=True)):
        plan.fields.append("notes")
    read_preamble(plan, before, after or [])
    _read_rows(plan, rows, header, fields)
    return plan


def _is_header_repeat(row: list[Cell], header: Header) -> bool:
    current = texts(row)
    if any(current == repeated for repeated in header.row_texts) or current == texts(header.cells):
        return True
    filled = [cell.text for cell in row if cell.text]
    return len(filled) == 1 and bool(_CAPTION.match(filled[0]))


def _read_rows(plan: ParsedPlan, rows: list[tuple[Row, int]], header: Header, fields: list[str | None]) -> None:
    width = len(header.cells)
    section, subheading = None, None
    has_number = "number" in fields
    for source, table in rows:
        row = (source.cells + [Cell(("pad", index), "") for index in range(width - len(source.cells))])[:width]
        lost = [cell.text for cell in source.cells[width:] if cell.text]
        if not any(cell.text for cell in row) and not lost:
            continue
        if is_number_row(row) or _is_header_repeat(row, header):
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
        item = _item_of(row, header.cells, fields, subheading, source.extra + lost)
        if not item.number and item.activity:
            found = _LEADING_NUMBER.match(item.activity)
            if found:
                item.number = found.group(1)
                item.activity = item.activity[found.end() :]
        if not item.activity and not item.number:
            plan.warnings.append(f"{_where(source, table)} не распознана и не сохранена: «{_quote(row)}».")
            continue
        if section is None:
            section = ParsedSection(None)
            plan.sections.append(section)
        if not item.activity:
            plan.warnings.append(f"В строке «{_quote(row)}» не указано мероприятие.")
        section.items.append(item)
    if not has_number and any(item.number for section in plan.sections for item in section.items):
        plan.fields.insert(0, "number")
    _drop_trailing_empty_sections(plan)


def _section_text(row: list[Cell], fields: list[str | None]) -> str | None:
    """The text of a row that heads a section: one merged cell, or one text repeated or alone outside «activity»,
    or a number followed by one cell merged over all the other columns («1. | Организационная работа»)."""
    filled = [(index, cell) for index, cell in enumerate(row) if cell.text]
    if not filled:
        return None
    distinct = list(dict.fromkeys(cell.text for _, cell in filled))
    if len(distinct) == 2 and len(row) > 2 and NUMBER_CELL.match(distinct[0]) and filled[0][0] == 0:
        rest = row[1:]
        if all(cell.key is rest[0].key for cell in rest):
            return f"{distinct[0]} {distinct[1]}"
    if len(distinct) != 1:
        return None
    text = distinct[0]
    if len(row) > 1 and all(cell.key is row[0].key for cell in row):
        return text
    if len(filled) >= 2:
        return text
    # A heading typed into the first column alone; text alone in a later column (a timing or a responsible left
    # over from a row split by hand) is no heading: it is reported as an unreadable row instead.
    index = filled[0][0]
    if (index == 0 or fields[index] == "number") and fields[index] != "activity" and not _BARE_NUMBER.match(text):
        return text
    return None


def _item_of(row, header, fields, subheading, extra) -> ParsedItem:
    item = ParsedItem()
    notes = [f"Подраздел: {subheading.rstrip(':')}"] if subheading else []
    for column, (cell, name, head, repeated) in enumerate(zip(row, fields, header, _repeats(row), strict=False)):
        if not cell.text or repeated:
            continue
        if name == "notes":
            notes.append(cell.text)
        elif name:
            current = getattr(item, name)
            value = cell.text if not current else f"{current}{_JOIN.get(name, '; ')}{cell.text}"
            setattr(item, name, value)
        else:
            notes.append(f"{head.text or f'Столбец {column + 1}'}: {cell.text}")
    notes.extend(extra)
    item.notes = "; ".join(notes) or None
    return item


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
