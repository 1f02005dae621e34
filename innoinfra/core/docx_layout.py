"""The one renderer of official Word documents (ГОСТ Р 7.0.97-2025): orders, protocols, plans and roadmaps, reports,
expert conclusions, applications, analytical reports and collections all start from `new_document` and write through
`add_run`, so every one of them has

- A4, margins 20 mm left, top and bottom and 10 mm right, Times New Roman 12–14, page numbers centred at the top
  from the second page on;
- Russian typography applied to every run (core.typography): «…„…“…» quotes, no doubled full stop after «г.»,
  non-breaking spaces in «№ 5», «11 апреля 2025 г.» and initials;
- the same requisites: the approval stamp («УТВЕРЖДЕНО / приказом <issuer in the genitive> / от <date> № <n>»),
  the signature block (position, a space for the signature, initials and surname), and a QR code of the document's
  page in the system (the 31st requisite) on documents published on the site."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import segno
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from innoinfra.core import typography
from innoinfra.core.dates import numeric_date
from innoinfra.core.docx_pages import number_pages_from_the_second

FONT = "Times New Roman"
SIZE = 14
# The right edge of the text on A4 with margins 20 and 10 mm: where dates end and numbers and names align.
TEXT_WIDTH = Mm(180)
TABLE_SIZE = 12
# Where the approval stamp starts: its lines fill the right half of the text width.
STAMP_INDENT = Mm(100)


def set_style(document, *, size: int = SIZE) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def set_page(document, *, landscape: bool = False) -> None:
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    number_pages_from_the_second(section)


def new_document(*, landscape: bool = False, size: int = SIZE):
    """An empty official document: the style and the page of every document the system writes."""
    document = Document()
    set_style(document, size=size)
    set_page(document, landscape=landscape)
    return document


def text_width(document):
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def add_run(paragraph, text: str, *, bold: bool = False, size: int = SIZE):
    """Fonts are set on every run, so a letterhead with other styles still prints our text in the GOST font; the
    text is set by the rules of Russian typography (core.typography.official)."""
    run = paragraph.add_run(typography.official(text))
    run.bold = bold
    run.font.name = FONT
    run.font.size = Pt(size)
    r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), FONT)
    return run


def add_paragraph(
    document,
    text: str = "",
    *,
    bold: bool = False,
    align=None,
    indent: bool = False,
    size: int = SIZE,
    space_before: int = 0,
):
    paragraph = document.add_paragraph()
    if text:
        add_run(paragraph, text, bold=bold, size=size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(space_before)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    return paragraph


def labelled(document, label: str, text: str, *, indent: bool = False):
    """«СЛУШАЛИ: text» with the label in bold."""
    paragraph = add_paragraph(document, indent=indent)
    add_run(paragraph, label, bold=True)
    if text:
        add_run(paragraph, f" {text}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def left_and_right(document, left: str, right: str, *, bold: bool = False):
    """One line with text at the left margin and text flush right (a date and a number, a post and a name)."""
    paragraph = add_paragraph(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, f"{left}\t{right}", bold=bold)
    return paragraph


def signature(document, post: str, name: str) -> None:
    signature_block(document, post, name)


initials_surname = typography.initials_surname


def surname_initials(last: str, first: str = "", middle: str = "") -> str:
    """«Загуменнова Л. В.», as people are listed (non-breaking spaces: the name never splits across lines)."""
    initials = typography.NBSP.join(f"{part[0]}." for part in (first, middle) if part)
    return f"{last}{typography.NBSP}{initials}" if last and initials else (last or initials).strip()


def split_name(full_name: str) -> tuple[str, str, str]:
    """«Сиденкова Наталья Евгеньевна» → its parts (surname first, as Russian names are written in lists)."""
    parts = full_name.split()
    if not parts:
        return "", "", ""
    return parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:])


def person_parts(user=None, name: str = "") -> tuple[str, str, str]:
    if user is not None and user.last_name:
        return user.last_name, user.first_name, user.middle_name
    return split_name(name or (str(user) if user is not None else ""))


def add_qr(document, url: str, *, caption: str) -> None:
    """The document's QR code: it opens the document's page in the system (ГОСТ Р 7.0.97-2025 allows it as a
    requisite of a document that has its own address; it stands at the end, below the signature)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    document.add_picture(buffer, width=Mm(25))
    add_paragraph(document, f"{caption}: {url}", size=10)


# ---------------------------------------------------------------- requisites


def approval_stamp(
    document, *, issuer: str = "", date=None, number: str = "", word: str = "УТВЕРЖДЕНО", lines: tuple = ()
) -> None:
    """The approval stamp at the top right: «УТВЕРЖДЕНО / приказом Управления образования … / от 11.04.2025 № 172-Д».
    `issuer` is the body's name as written in the registry (the nominative); the stamp puts it in the genitive. Other
    `lines` («(в редакции приказа …)») follow the order's requisites."""
    stamp = [word]
    issuer = " ".join((issuer or "").split())
    stamp.append(f"приказом {typography.genitive(issuer)}" if issuer else "приказом")
    parts = (f"от {numeric_date(date)}" if date else "", f"№ {number}" if number else "")
    requisites = " ".join(part for part in parts if part)
    if requisites:
        stamp.append(requisites)
    stamp.extend(lines)
    for line in stamp:
        paragraph = add_paragraph(document, line)
        paragraph.paragraph_format.left_indent = STAMP_INDENT
    add_paragraph(document)


def signature_block(document, post: str, name: str = "", *, line: str = "_______________") -> None:
    """«Директор        _______________        Л. В. Загуменнова»: the position at the left, a line for the signature in
    the middle, initials and surname flush right (ГОСТ Р 7.0.97-2025, requisite 22)."""
    paragraph = add_paragraph(document)
    width = text_width(document)
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(int(width * 0.55), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, f"{post}\t{line}\t{name}")
    return paragraph


def repeat_header(row) -> None:
    """The row is printed again at the top of every page the table continues on."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def fill_cell(cell, text: str, *, bold: bool = False, size: int = TABLE_SIZE, align=None) -> None:
    """A table cell holding `text`, with line breaks of the text kept as separate paragraphs."""
    lines = (text or "").split("\n")
    cell.text = ""
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if align is not None:
            paragraph.alignment = align
        if line:
            add_run(paragraph, line, bold=bold, size=size)


def add_table(
    document, headers, rows=(), *, size: int = TABLE_SIZE, numeric=(), column_numbers: bool = False, shares=None
):
    """A «Table Grid» table with a bold header row repeated on every page; `column_numbers` adds the row «1 2 3 …»
    under the header, as plans print it; `numeric` columns are centred; `shares` are the columns' relative widths
    (equal when not given)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    if shares:
        width = text_width(document)
        total = sum(shares)
        for column, cell, share in zip(table.columns, table.rows[0].cells, shares, strict=True):
            column.width = cell.width = int(width * share / total)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        fill_cell(cell, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_header(table.rows[0])
    if column_numbers:
        for index, cell in enumerate(table.add_row().cells, start=1):
            fill_cell(cell, str(index), size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
        repeat_header(table.rows[1])
    for values in rows:
        add_table_row(table, values, size=size, numeric=numeric)
    return table


def add_table_row(table, values, *, size: int = TABLE_SIZE, numeric=(), bold: bool = False):
    cells = table.add_row().cells
    for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
        fill_cell(cell, value, size=size, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER if index in numeric else None)
    return cells


_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _paragraph_xml(line: str, *, bold: bool, size: int) -> str:
    run = ""
    if line:
        text = escape(_INVALID_XML.sub("", typography.official(line)))
        fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        run = (
            f"<w:r><w:rPr>{fonts}{'<w:b/>' if bold else ''}<w:sz w:val=\"{size * 2}\"/></w:rPr>"
            f'<w:t xml:space="preserve">{text}</w:t></w:r>'
        )
    return f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{run}</w:p>'


def _cell_xml(text: str, width: int, *, span: int = 1, bold: bool = False, size: int = TABLE_SIZE) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    paragraphs = "".join(_paragraph_xml(line, bold=bold, size=size) for line in (text or "").split("\n"))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>{paragraphs}</w:tc>'


def append_rows(table, rows, *, size: int = TABLE_SIZE) -> None:
    """Many rows at once, written as XML in one piece: a plan of a hundred items is drawn in milliseconds instead of
    the second python-docx needs cell by cell. Each row is a list of cell texts, or a string — a section's title in
    one bold cell merged across the table (as `merged_row` draws it). The cells look as `fill_cell` makes them."""
    widths = [int(column.w or 0) for column in table._tbl.tblGrid.gridCol_lst]
    parts = []
    for row in rows:
        if isinstance(row, str):
            cells = _cell_xml(row, sum(widths), span=len(widths), bold=True, size=size)
        else:
            cells = "".join(_cell_xml(text, width, size=size) for text, width in zip(row, widths, strict=True))
        parts.append(f"<w:tr>{cells}</w:tr>")
    if not parts:
        return
    body = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")
    for row in list(body):
        table._tbl.append(row)


def merged_row(table, text: str, *, bold: bool = True, size: int = TABLE_SIZE):
    """A row whose cells are merged into one: a section's title inside a plan table."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    fill_cell(merged, text, bold=bold, size=size)
    return merged


def page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
