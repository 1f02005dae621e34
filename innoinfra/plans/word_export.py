"""A plan as a Word document in the official layout (ГОСТ Р 7.0.97-2025): approval block, title, one table with
a column-number row and section rows merged across. The importer reads it back into the same plan."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from innoinfra.core.dates import numeric_date
from innoinfra.core.docx_pages import number_pages_from_the_second

from .models import Plan
from .templatetags.plans import item_column

FONT = "Times New Roman"


def _style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def _page(document, landscape: bool) -> None:
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    number_pages_from_the_second(section)


def _approval(document, plan: Plan) -> None:
    lines = ["УТВЕРЖДЕНО"]
    if plan.order:
        issuer = plan.order.issuer_label
        lines.append(f"приказом {issuer}" if issuer else "приказом")
        lines.append(f"от {numeric_date(plan.order.date)} № {plan.order.number}")
    else:
        lines = ["ПРОЕКТ"]
    for line in lines:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Mm(100)
    document.add_paragraph()


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell(cell, text: str, *, bold: bool = False, size: int = 12) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text or "")
    run.bold = bold
    run.font.size = Pt(size)


def plan_docx(plan: Plan, *, base_url: str = "") -> bytes:
    columns = plan.column_labels
    document = Document()
    _style(document)
    _page(document, landscape=len(columns) > 3)
    _approval(document, plan)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(plan.title).bold = True
    if plan.period_label not in plan.title and str(plan.period_start.year) not in plan.title:
        period = document.add_paragraph(plan.period_label)
        period.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if plan.purpose:
        document.add_paragraph(f"Цель: {plan.purpose}")
    for line in filter(None, (plan.preamble or "").splitlines()):
        document.add_paragraph(line)
    document.add_paragraph()

    headers = ["№ п/п", "Мероприятие", *[label for _key, label in columns]]
    table = document.add_table(rows=2, cols=len(headers))
    table.style = "Table Grid"
    for index, text in enumerate(headers):
        _cell(table.rows[0].cells[index], text, bold=True)
        _cell(table.rows[1].cells[index], str(index + 1))
    _repeat_header(table.rows[0])
    sections = plan.sections.order_by("position", "id").prefetch_related("items")
    for section in sections:
        if section.title:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _cell(merged, section.title, bold=True)
        for item in section.items.all():
            cells = table.add_row().cells
            values = [item.number, item.activity, *[item_column(item, key) for key, _label in columns]]
            for cell, value in zip(cells, values, strict=True):
                _cell(cell, " ".join((value or "").split()))
    if base_url:
        document.add_paragraph()
        document.add_paragraph(f"Электронная версия: {base_url}{plan.get_absolute_url()}").runs[0].font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
