"""The passport as a Word document, laid out like the regional passport of seed 002: the title «Паспорт инновационной
площадки», the site's status and organization under it, then one numbered table row per section and per academic
year's tasks, and the head's signature. Written through the one renderer (core.docx_layout)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from innoinfra.core import docx_layout as layout
from innoinfra.core.dates import period_label, russian_date

from .models import SitePassport


def passport_title(passport: SitePassport) -> str:
    return f"Паспорт инновационной площадки — {passport.organization_short_name or passport.site.lead_organization}"


def passport_docx(passport: SitePassport, *, with_private: bool) -> bytes:
    site = passport.site
    document = layout.new_document()
    layout.add_paragraph(document, "Паспорт инновационной площадки", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    period = period_label(site.start_date, site.end_date)
    status = f"{site.kind.name}, {period}" if period else site.kind.name
    layout.add_paragraph(document, status, align=WD_ALIGN_PARAGRAPH.CENTER)
    layout.add_paragraph(
        document,
        f"Приказ от {russian_date(site.order.date)} № {site.order.number}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=layout.TABLE_SIZE,
    )
    layout.add_paragraph(document)
    rows = [(section.label, text or "—") for section, text in passport.sections(with_private=with_private)]
    rows += [(f"Задачи деятельности на {label}", text) for label, text in passport.year_task_entries()]
    table = layout.add_table(document, ["№", "Раздел паспорта", "Содержание"], shares=[1, 6, 12], numeric=[0])
    layout.append_rows(table, [[f"{number}.", label, text] for number, (label, text) in enumerate(rows, start=1)])
    layout.add_paragraph(document)
    layout.add_paragraph(document)
    organization = site.lead_organization
    head = passport.head_name or organization.head_name
    name = layout.initials_surname(*layout.split_name(head)) if head else ""
    layout.signature_block(document, organization.head_position or "Руководитель", name)
    document.core_properties.title = passport_title(passport)
    return layout.to_bytes(document)
