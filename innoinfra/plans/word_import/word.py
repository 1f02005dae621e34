"""The Word reader: the plan table of a .docx (continued over several tables) and the paragraphs around it.

Word's automatic numbering is part of the text here: a «№» cell numbered by a list reads «2.1.», as printed."""

from __future__ import annotations

import io
import re

from innoinfra.core.errors import ServiceError

from ..parsed import ParsedPlan
from .cells import Block, Cell, Row, clean_text
from .numbering import W, numbering_of
from .package import unreadable
from .tables import NUMBER_CELL, Segment, best_table, build_plan, find_header, header_at, is_number_row

# «Продолжение таблицы», «Продолжение табл. 1», «Окончание таблицы» between the parts of a table split by pages.
_CAPTION = re.compile(r"^(продолжение|окончание)(\s+табл\w*\.?)?(\s*\d+)?\.?$", re.IGNORECASE)
# A paragraph between two parts of the plan table is a section heading only when it is short.
_MAX_HEADING = 300


class _Text:
    """Paragraph texts with Word's list labels in front, computed once in document order."""

    def __init__(self, document):
        from docx.text.paragraph import Paragraph

        self._paragraph = Paragraph
        numbering = numbering_of(document)
        self.labels = {}
        if numbering.lists:
            for element in document.element.body.iter(f"{W}p"):
                label = numbering.label(element)
                if label:
                    self.labels[element] = label

    def of(self, element) -> str:
        text = self._paragraph(element, None).text
        label = self.labels.get(element)
        return f"{label} {text}" if label else text

    def of_cell(self, tc) -> str:
        return clean_text(" ".join(self.of(p) for p in tc.iter(f"{W}p"))) or ""


def read_docx(content: bytes) -> ParsedPlan:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
        blocks = list(document.iter_inner_content())
        text = _Text(document)
    except Exception as error:  # python-docx raises many kinds of errors on broken XML; all mean «unreadable»
        raise unreadable("документом Word", error) from error
    grids = {index: _docx_rows(block, text) for index, block in enumerate(blocks) if isinstance(block, Table)}
    found = best_table(grids.items())
    if found is None:
        raise ServiceError(
            "В документе не найдена таблица плана: нужна таблица со столбцом «Мероприятие» (или «Наименование "
            "мероприятия», «Содержание деятельности») в строке заголовков."
        )
    start, header_row = found
    segments = [Segment(grids[start], header_row, table=1)]
    last, pending, warnings, reported = start, [], [], None
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if not isinstance(block, Table):
            paragraph = clean_text(text.of(block._p)) or ""
            if paragraph and not _CAPTION.match(paragraph):
                pending.append(paragraph)
            if len(pending) > 3 or len(paragraph) > _MAX_HEADING:
                break
            continue
        rows = grids[index]
        if not rows:
            continue
        joined = _continuation(rows, segments[0], len(segments) + 1)
        if joined is None:
            if not pending:
                reported = index
                first = " | ".join(dict.fromkeys(cell.text for cell in rows[0].cells if cell.text))
                warnings.append(
                    f"Таблица после таблицы плана не похожа на её продолжение и не прочитана ({len(rows)} стр.), "
                    f"первая строка: «{first}». Если это часть плана, сделайте у неё те же столбцы."
                )
            break
        # Paragraphs between two parts of the plan table are section headings typed outside the table.
        joined.headings = pending
        segments.append(joined)
        last, pending = index, []
    # A table further down that has a plan header of its own (a second plan, an annex) is not read, but said so.
    for index in sorted(grids):
        if index > last and index != reported and grids[index] and find_header(grids[index]) is not None:
            first = " | ".join(dict.fromkeys(cell.text for cell in grids[index][0].cells if cell.text))
            warnings.append(
                f"Ниже в документе есть ещё одна таблица с заголовками плана ({len(grids[index])} стр.), она не "
                f"прочитана: «{first}». Загрузите её отдельным файлом, если это другой план."
            )
    before = [part for block in blocks[: found[0]] for part in _docx_blocks(block, text)]
    after = [part for block in blocks[last + 1 : last + 30] for part in _docx_blocks(block, text, by_row=True)]
    plan = build_plan(segments, before, after)
    plan.warnings.extend(warnings)
    return plan


def _docx_rows(table, text: _Text) -> list[Row]:
    rows = []
    for number, row in enumerate(table.rows, start=1):
        cells = [Cell(("before", column), "") for column in range(row.grid_cols_before)]
        seen = {}
        for cell in row.cells:
            tc = cell._tc
            if id(tc) not in seen:
                seen[id(tc)] = text.of_cell(tc)
            cells.append(Cell(tc, seen[id(tc)]))
        rows.append(Row(number, cells))
    return rows


def _docx_blocks(block, text: _Text, by_row: bool = False) -> list[Block]:
    """A paragraph, or each paragraph of each cell of a layout table (the title and the approval block are often
    typed into one); `by_row` gives a line per row instead (a signature table: position, signature, name)."""
    from docx.table import Table

    if isinstance(block, Table):
        parts = []
        if by_row:
            for row in block.rows:
                cells = dict.fromkeys(text.of_cell(cell._tc) for cell in row.cells)
                parts.append(Block(clean_text(" ".join(cells)) or "", in_table=True))
            return parts
        for row in block.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for paragraph in cell.paragraphs:
                    parts.append(Block(clean_text(text.of(paragraph._p)) or "", paragraph.alignment, in_table=True))
        return parts
    return [Block(clean_text(text.of(block._p)) or "", block.alignment)]


def _continuation(rows: list[Row], first: Segment, table: int) -> Segment | None:
    """A table after the plan table goes on with it when it repeats the header (its columns are then matched by
    their headers) or has the plan table's number of columns."""
    own = find_header(rows)
    if own is not None:
        return Segment(rows, own, table=table, like=first)
    width = len(first.rows[first.header].cells)
    if not all(len(row.cells) == width for row in rows[:3]):
        return None
    # A headerless table of the same width is the plan's continuation, not the signatures under it: no signature
    # lines, and where the plan numbers its items, its first row carries a number (or is the «1 2 3» row).
    if any("__" in cell.text for row in rows for cell in row.cells):
        return None
    fields = header_at(first.rows, first.header).fields
    if "number" in fields:
        column = fields.index("number")
        opening = [row.cells for row in rows if any(cell.text for cell in row.cells)][:3]
        if not any(
            is_number_row(cells)
            or NUMBER_CELL.match(cells[column].text or "-")
            or all(cell.key is cells[0].key for cell in cells)  # a section row merged across the table
            for cells in opening
        ):
            return None
    return Segment(rows, None, table=table, like=first)
