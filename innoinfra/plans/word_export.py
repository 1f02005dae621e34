"""A plan as a Word document in the official layout (ГОСТ Р 7.0.97-2025, core.docx_layout): approval stamp, title,
one table with a column-number row and section rows merged across, the QR code of the plan's page. The importer
(word_import) reads it back into the same plan: sections, numbers, activities, timing and responsible."""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from innoinfra.core import docx_layout as layout

from .models import Plan
from .templatetags.plans import item_column

# «1. Организационные мероприятия», «Раздел 2.», «II.»: the number a section's title starts with
_SECTION_NUMBER = re.compile(r"^\s*(?:раздел\s+)?(\d{1,2})[.)]?\s", re.IGNORECASE)


def _sections(plan: Plan):
    return list(plan.sections.order_by("position", "id").prefetch_related("items"))


def item_numbers(sections) -> dict[int, str]:
    """The «№ п/п» of every item as the document prints it (see `numbers_in`), for sections with their items
    prefetched."""
    return numbers_in([(section, list(section.items.all())) for section in sections])


def numbers_in(groups) -> dict[int, str]:
    """`groups`: (section, its items) in order. The item's own number, or, in a section none of whose items has one,
    numbers made by position — «1.», «2.» … in a plan of one section, «2.1.», «2.2.» … in the second section of
    several (or in the section whose title starts with «2.»). Sections that number their items keep them."""
    numbers: dict[int, str] = {}
    filled = [(section, items) for section, items in groups if items]
    several = len(filled) > 1
    for ordinal, (section, items) in enumerate(filled, start=1):
        if any((item.number or "").strip() for item in items):
            numbers.update({item.pk: (item.number or "").strip() for item in items})
            continue
        match = _SECTION_NUMBER.match(section.title or "")
        prefix = f"{match.group(1) if match else ordinal}." if several else ""
        numbers.update({item.pk: f"{prefix}{index}." for index, item in enumerate(items, start=1)})
    return numbers


def _flat(value) -> str:
    return " ".join((value or "").split())


def plan_docx(plan: Plan, *, url: str = "", base_url: str = "") -> bytes:
    """`url` is the absolute address of the plan's page: its QR code ends the document. (`base_url`, the site's
    address, is still accepted from older callers.)"""
    if not url and base_url:
        url = f"{base_url.rstrip('/')}{plan.get_absolute_url()}"
    columns = plan.column_labels
    document = layout.new_document(landscape=len(columns) > 3)
    if plan.order:
        layout.approval_stamp(
            document, issuer=plan.order.issuer_label, date=plan.order.date, number=plan.order.number
        )
    else:
        layout.add_paragraph(document, "ПРОЕКТ").paragraph_format.left_indent = layout.STAMP_INDENT
        layout.add_paragraph(document)
    center = WD_ALIGN_PARAGRAPH.CENTER
    layout.add_paragraph(document, plan.title, bold=True, align=center)
    if plan.period_label not in plan.title and str(plan.period_start.year) not in plan.title:
        layout.add_paragraph(document, plan.period_label, align=center)
    if plan.purpose:
        layout.add_paragraph(document, f"Цель: {plan.purpose}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for line in filter(None, (plan.preamble or "").splitlines()):
        layout.add_paragraph(document, line)
    layout.add_paragraph(document)

    headers = ["№ п/п", "Мероприятие", *[label for _key, label in columns]]
    # «№ п/п» just fits its header (18 mm), the activity the widest, the other columns alike
    rest = layout.text_width(document) - Mm(18)
    weights = [4, *[3 if len(columns) < 4 else 2.5] * len(columns)]
    shares = [Mm(18), *[rest * weight / sum(weights) for weight in weights]]
    table = layout.add_table(document, headers, column_numbers=True, shares=shares)
    sections = _sections(plan)
    numbers = item_numbers(sections)
    rows: list = []
    for section in sections:
        if section.title:
            rows.append(_flat(section.title))
        for item in section.items.all():
            values = [numbers.get(item.pk, ""), item.activity, *[item_column(item, key) for key, _label in columns]]
            rows.append([_flat(value) for value in values])
    layout.append_rows(table, rows)
    if url:
        layout.add_qr(document, url, caption="Электронная версия")
    return layout.to_bytes(document)
