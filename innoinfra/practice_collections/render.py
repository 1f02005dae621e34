"""The book of a collection: DOCX (python-docx, the house ГОСТ Р 7.0.97-2025 layout) and PDF (WeasyPrint).

Both have a title page (title, subtitle, territory, year), a table of contents, the preface and one chapter per
practice. In the PDF the contents give page numbers (CSS `target-counter`); in the DOCX they are a plain numbered
list of the chapters — page numbers there depend on Word's own layout, and a TOC field would show nothing until
the reader updates it. The chapters are «Heading 1», so Word's navigation pane shows them."""

from __future__ import annotations

import html
from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from innoinfra.core import docx_layout as layout

Progress = Callable[[int], None]
PROGRESS_STEP = 10  # chapters between two progress updates

SECTIONS = (
    ("annotation", "Аннотация"),
    ("description", "Описание практики"),
    ("results", "Результаты и эффекты"),
    ("conditions", "Условия применения"),
)


def chapter_title(number: int, practice) -> str:
    return f"{number}. {practice.title}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _tick(progress: Progress | None, number: int, total: int) -> None:
    if progress is not None and (number % PROGRESS_STEP == 0 or number == total):
        progress(number)


# ---------------------------------------------------------------- DOCX


def _heading(document, text: str, *, level: int = 1):
    paragraph = document.add_paragraph(style=f"Heading {level}")
    run = layout.add_run(paragraph, text, bold=True, size=16 if level == 1 else layout.SIZE)
    run.font.color.rgb = RGBColor(0, 0, 0)
    paragraph.paragraph_format.space_before = Pt(12 if level == 1 else 6)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _title_page(document, collection) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    layout.add_paragraph(document, collection.municipality.name, align=center)
    for _ in range(8):
        layout.add_paragraph(document)
    title = layout.add_paragraph(document, collection.title, bold=True, align=center, size=20)
    title.paragraph_format.space_after = Pt(12)
    if collection.subtitle:
        layout.add_paragraph(document, collection.subtitle, align=center)
    for _ in range(12):
        layout.add_paragraph(document)
    layout.add_paragraph(document, f"{collection.municipality.name}, {collection.year}", align=center)


def docx_book(collection, practices, *, progress: Progress | None = None) -> bytes:
    document = Document()
    layout.set_style(document)
    layout.set_page(document)
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        style.font.name = layout.FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), layout.FONT)
    _title_page(document, collection)
    layout.page_break(document)
    _heading(document, "Содержание")
    if collection.preface.strip():
        layout.add_paragraph(document, "Предисловие")
    for number, practice in enumerate(practices, 1):
        layout.add_paragraph(document, chapter_title(number, practice))
    if collection.preface.strip():
        layout.page_break(document)
        _heading(document, "Предисловие")
        for text in _paragraphs(collection.preface):
            layout.add_paragraph(document, text, indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    total = len(practices)
    for number, practice in enumerate(practices, 1):
        layout.page_break(document)
        _heading(document, chapter_title(number, practice))
        for line in practice.author_lines:
            layout.add_paragraph(document, line, size=12)
        layout.add_paragraph(document, practice.organization.full_name or str(practice.organization), size=12)
        if practice.registry_number:
            layout.add_paragraph(document, f"Номер в банке данных: {practice.registry_number}", size=12)
        for field, label in SECTIONS:
            texts = _paragraphs(getattr(practice, field))
            if not texts:
                continue
            _heading(document, label, level=2)
            for text in texts:
                layout.add_paragraph(document, text, indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _tick(progress, number, total)
    document.core_properties.title = collection.title
    return layout.to_bytes(document)


# ---------------------------------------------------------------- PDF

CSS = """
@page { size: A4; margin: 20mm 10mm 20mm 20mm; @top-center { content: counter(page); font: 12pt "DejaVu Serif"; } }
@page:first { @top-center { content: none; } }
body { font-family: "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #111; }
p { margin: 0; text-align: justify; }
p.text { text-indent: 1.25cm; }
.title-page { text-align: center; }
.title-page div { margin: 80mm 0 90mm; }
.title-page h1 { font-size: 22pt; margin: 0 0 6mm; }
.title-page p { text-align: center; }
.break { break-before: page; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 4mm 0 2mm; }
.meta { font-size: 12pt; margin: 0; text-align: left; }
.toc { list-style: none; padding: 0; }
.toc li { margin: 1mm 0; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
"""


def _e(text) -> str:
    return html.escape(str(text or ""))


def book_html(collection, practices, *, progress: Progress | None = None) -> str:
    parts = [
        "<section class='title-page'>",
        f"<p>{_e(collection.municipality.name)}</p>",
        f"<div><h1>{_e(collection.title)}</h1>",
        f"<p>{_e(collection.subtitle)}</p></div>" if collection.subtitle else "</div>",
        f"<p>{_e(collection.municipality.name)}, {collection.year}</p>",
        "</section>",
        "<section class='break'><h1>Содержание</h1><ul class='toc'>",
    ]
    has_preface = bool(collection.preface.strip())
    if has_preface:
        parts.append("<li><a href='#preface'>Предисловие</a></li>")
    parts += [f"<li><a href='#ch{n}'>{_e(chapter_title(n, p))}</a></li>" for n, p in enumerate(practices, 1)]
    parts.append("</ul></section>")
    if has_preface:
        parts.append("<section class='break' id='preface'><h1>Предисловие</h1>")
        parts += [f"<p class='text'>{_e(t)}</p>" for t in _paragraphs(collection.preface)]
        parts.append("</section>")
    total = len(practices)
    for number, practice in enumerate(practices, 1):
        parts.append(f"<section class='break' id='ch{number}'><h1>{_e(chapter_title(number, practice))}</h1>")
        parts += [f"<p class='meta'>{_e(line)}</p>" for line in practice.author_lines]
        parts.append(f"<p class='meta'>{_e(practice.organization.full_name or practice.organization)}</p>")
        if practice.registry_number:
            parts.append(f"<p class='meta'>Номер в банке данных: {_e(practice.registry_number)}</p>")
        for field, label in SECTIONS:
            texts = _paragraphs(getattr(practice, field))
            if texts:
                parts.append(f"<h2>{label}</h2>")
                parts += [f"<p class='text'>{_e(t)}</p>" for t in texts]
        parts.append("</section>")
        _tick(progress, number, total)
    body = "".join(parts)
    return (
        f"<!doctype html><html lang='ru'><head><meta charset='utf-8'><title>{_e(collection.title)}</title>"
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def _inline_only():
    """Nothing is fetched: no files, no network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), timeout=1, allow_redirects=False)


def pdf_book(collection, practices, *, progress: Progress | None = None) -> bytes:
    from weasyprint import HTML

    markup = book_html(collection, practices, progress=progress)
    return HTML(string=markup, url_fetcher=_inline_only()).write_pdf()
