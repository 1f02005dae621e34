"""The Word reader: the plan table of a .docx (continued over several tables) and the paragraphs above it."""

from __future__ import annotations

import io

from innoinfra.core.errors import ServiceError

from ..parsed import ParsedPlan
from .cells import Block, Cell, clean_text
from .package import unreadable
from .tables import best_table, build_plan, is_number_row, texts


def read_docx(content: bytes) -> ParsedPlan:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
        blocks = list(document.iter_inner_content())
    except Exception as error:  # python-docx raises many kinds of errors on broken XML; all mean «unreadable»
        raise unreadable("документом Word", error) from error
    tables = [(index, block) for index, block in enumerate(blocks) if isinstance(block, Table)]
    grids = {index: _docx_rows(table) for index, table in tables}
    found = best_table((index, grids[index]) for index, _ in tables)
    if found is None:
        raise ServiceError(
            "В документе не найдена таблица плана: нужна таблица со столбцом «Мероприятие» (или «Наименование "
            "мероприятия», «Содержание деятельности») в строке заголовков."
        )
    start, header_row = found
    rows = grids[start][header_row + 1 :]
    header = grids[start][header_row]
    for index, _ in tables:
        if index <= start:
            continue
        if not _continues(grids[index], header, blocks[start + 1 : index]):
            break
        rows.extend(grids[index])
        start = index
    before = [_docx_block(block) for block in blocks[: found[0]]]
    return build_plan(header, rows, before)


def _docx_rows(table) -> list[list[Cell]]:
    rows = []
    for row in table.rows:
        cells = [Cell(("before", column), "") for column in range(row.grid_cols_before)]
        texts = {}
        for cell in row.cells:
            tc = cell._tc
            if id(tc) not in texts:
                texts[id(tc)] = clean_text(cell.text) or ""
            cells.append(Cell(tc, texts[id(tc)]))
        rows.append(cells)
    return rows


def _docx_block(block) -> Block:
    from docx.table import Table

    if isinstance(block, Table):
        text = " ".join(cell.text for row in block.rows for cell in row.cells)
        return Block(clean_text(text) or "", is_paragraph=False)
    return Block(clean_text(block.text) or "", block.alignment)


def _continues(rows: list[list[Cell]], header: list[Cell], between) -> bool:
    """A table right after the plan table, opening with the same header or the column-number row, goes on with it."""
    from docx.table import Table

    if not rows or len(rows[0]) != len(header) or any(isinstance(block, Table) for block in between):
        return False
    if any((block.text or "").strip() for block in between):
        return False
    return texts(rows[0]) == texts(header) or is_number_row(rows[0])
