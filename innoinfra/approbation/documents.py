"""The conclusion of an approbation as a Word document, in the official layout of core.docx_layout."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from innoinfra.core import docx_layout as layout
from innoinfra.core.dates import numeric_date, russian_date

from .models import Approbation


def conclusion_docx(approbation: Approbation) -> bytes:
    document = layout.new_document()
    site = approbation.site
    layout.add_paragraph(document, "ЗАКЛЮЧЕНИЕ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    layout.add_paragraph(
        document, "по итогам апробации инновационного продукта", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    layout.add_paragraph(document)
    layout.labelled(
        document, "Продукт:", f"{approbation.product_title} ({approbation.get_product_kind_display().lower()})"
    )
    if approbation.product_authors:
        layout.labelled(document, "Авторы:", approbation.product_authors)
    layout.labelled(document, "Площадка:", f"{site.lead_organization.full_name} — {site.kind.name}, «{site.theme}»")
    if approbation.aims:
        layout.labelled(document, "Цели и задачи апробации:", approbation.aims)
    stages = list(approbation.stages.all())
    if stages:
        layout.add_paragraph(document, "Этапы программы апробации", bold=True, space_before=12)
        layout.add_table(
            document,
            ["Этап", "Сроки"],
            [[s.title, f"{numeric_date(s.starts_on)} – {numeric_date(s.ends_on)}"] for s in stages],
            shares=(3, 1),
        )
    results = list(approbation.results.all())
    if results:
        layout.add_paragraph(document, "Результаты мониторинга", bold=True, space_before=12)
        layout.add_table(
            document,
            ["Дата", "Показатель", "Значение", "Комментарий"],
            [[numeric_date(r.date), r.indicator, r.value, r.comment] for r in results],
            shares=(1, 3, 1, 2),
        )
    layout.add_paragraph(document, "Вывод", bold=True, space_before=12)
    layout.add_paragraph(document, approbation.get_verdict_display(), bold=True)
    for line in approbation.conclusion.splitlines():
        if line.strip():
            layout.add_paragraph(document, line.strip(), indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    layout.add_paragraph(document)
    layout.add_paragraph(document, russian_date(approbation.concluded_on))
    person = approbation.concluded_by
    layout.signature_block(document, "Заключение подготовил(а)", person.short_name if person else "")
    return layout.to_bytes(document)
