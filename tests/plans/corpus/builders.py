"""Builders of real-world plan layouts: Word documents with merged cells, Word's list numbering (w:numPr), tables
continued after page breaks, and Excel books with merged areas. Each corpus case uses them to lay out its plan the
way a district or a school typed it."""

from __future__ import annotations

import io

import openpyxl
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CENTER, RIGHT, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT


class Docx:
    def __init__(self):
        self.document = Document()
        self._next_list = 100

    def p(self, text: str = "", align=None, page_break: bool = False, numbered=None):
        paragraph = self.document.add_paragraph(text)
        if align is not None:
            paragraph.alignment = align
        if page_break:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        if numbered:
            number(paragraph, *numbered)
        return paragraph

    def add_list(self, levels: list[tuple[str, str, int]], restart: dict[int, int] | None = None) -> str:
        """A list definition: one (numFmt, lvlText, start) per level; returns its numId."""
        numbering = self.document.part.numbering_part.element
        self._next_list += 1
        abstract_id = num_id = str(self._next_list)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        for ilvl, (kind, text, start) in enumerate(levels):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            for tag, value in (("w:start", str(start)), ("w:numFmt", kind), ("w:lvlText", text)):
                child = OxmlElement(tag)
                child.set(qn("w:val"), value)
                lvl.append(child)
            if restart and ilvl in restart:
                child = OxmlElement("w:lvlRestart")
                child.set(qn("w:val"), str(restart[ilvl]))
                lvl.append(child)
            abstract.append(lvl)
        # abstractNum elements precede num elements in numbering.xml
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), abstract_id)
        num.append(ref)
        numbering.append(num)
        return num_id

    def restarted(self, num_id: str, start: int | None = 1) -> str:
        """Another list over the same definition, restarting at `start` (w:lvlOverride/w:startOverride); with
        `start=None` it goes on counting where the other list stopped, as Word does."""
        numbering = self.document.part.numbering_part.element
        self._next_list += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self._next_list))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), num_id)
        num.append(ref)
        if start is None:
            numbering.append(num)
            return str(self._next_list)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
        numbering.append(num)
        return str(self._next_list)

    def table(self, grid: list[list[str]], merges=(), numbered=None, extra_paragraphs=None):
        """A table from a grid of texts; `merges` are (row1, col1, row2, col2) areas (the text of the first cell
        stays), `numbered` maps (row, col) to (numId, ilvl) put on the cell's paragraph, `extra_paragraphs` maps
        (row, col) to more paragraphs of the cell, each text or (text, (numId, ilvl))."""
        width = max(len(row) for row in grid)
        table = self.document.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for (r, c), paragraphs in (extra_paragraphs or {}).items():
            for spec in paragraphs:
                text, numbering = (spec, None) if isinstance(spec, str) else spec
                paragraph = table.cell(r, c).add_paragraph(text)
                if numbering:
                    number(paragraph, *numbering)
        for (r, c), (num_id, ilvl) in (numbered or {}).items():
            number(table.cell(r, c).paragraphs[0], num_id, ilvl)
        for r1, c1, r2, c2 in merges:
            kept = table.cell(r1, c1).text
            merged = table.cell(r1, c1).merge(table.cell(r2, c2))
            # python-docx joins the texts of merged cells; keep the first one as Word does when cells are merged
            if merged.text != kept:
                for paragraph in merged.paragraphs[1:]:
                    paragraph._p.getparent().remove(paragraph._p)
                merged.paragraphs[0].text = kept
        return table

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def number(paragraph, num_id: str, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    ref = OxmlElement("w:numId")
    ref.set(qn("w:val"), str(num_id))
    num_pr.append(level)
    num_pr.append(ref)
    ppr.insert(0, num_pr) if ppr.find(qn("w:pStyle")) is None else ppr.find(qn("w:pStyle")).addnext(num_pr)


class Xlsx:
    def __init__(self, title: str = "План"):
        self.workbook = openpyxl.Workbook()
        self.sheet = self.workbook.active
        self.sheet.title = title
        self.row = 0

    def add(self, values: list, merge_to: int | None = None, merge_down: dict[int, int] | None = None) -> int:
        """One row; `merge_to` merges its first cell across columns 1..merge_to, `merge_down` maps a column to
        the number of rows its cell spans downwards."""
        self.row += 1
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):
                self.sheet.cell(self.row, column, value)
        if merge_to:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=merge_to)
        for column, span in (merge_down or {}).items():
            self.sheet.merge_cells(
                start_row=self.row, start_column=column, end_row=self.row + span - 1, end_column=column
            )
        return self.row

    def merge(self, r1, c1, r2, c2):
        self.sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()
