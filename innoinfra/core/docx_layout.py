"""The layout of organisational documents (ГОСТ Р 7.0.97-2025) shared by protocols and orders: A4, margins
20/10/20/20 mm, Times New Roman 14, page numbers from the second page, signatures with initials before the surname
and a QR code of the document's page (the 31st requisite)."""

from __future__ import annotations

import io

import segno
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from innoinfra.core.docx_pages import number_pages_from_the_second

FONT = "Times New Roman"
SIZE = 14
# The right edge of the text on A4 with margins 20 and 10 mm: where dates end and numbers and names align.
TEXT_WIDTH = Mm(180)


def set_style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def set_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    number_pages_from_the_second(section)


def add_run(paragraph, text: str, *, bold: bool = False, size: int = SIZE):
    """Fonts are set on every run, so a letterhead with other styles still prints our text in the GOST font."""
    run = paragraph.add_run(text)
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
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, f"{left}\t{right}", bold=bold)
    return paragraph


def signature(document, post: str, name: str) -> None:
    left_and_right(document, post, f"{name}" if name else "_______________")


def initials_surname(last: str, first: str = "", middle: str = "") -> str:
    """«Л.В. Загуменнова», as a signature is written."""
    initials = "".join(f"{part[0]}." for part in (first, middle) if part)
    return f"{initials} {last}".strip()


def surname_initials(last: str, first: str = "", middle: str = "") -> str:
    """«Загуменнова Л.В.», as people are listed."""
    initials = "".join(f"{part[0]}." for part in (first, middle) if part)
    return f"{last} {initials}".strip()


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
    """The document's QR code: it opens the document's page in the system."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    document.add_picture(buffer, width=Mm(25))
    add_paragraph(document, f"{caption}: {url}", size=10)


def page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
