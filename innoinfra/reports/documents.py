"""A report as a Word document in the house layout (ГОСТ Р 7.0.97-2025) and a campaign as a spreadsheet."""

from __future__ import annotations

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from innoinfra.core.dates import russian_date
from innoinfra.core.docx_layout import (
    add_paragraph,
    add_qr,
    add_run,
    labelled,
    set_page,
    set_style,
    to_bytes,
)
from innoinfra.core.xlsx import build_workbook

from . import queries
from .enums import ItemKind

TABLE_SIZE = 12


def report_docx(report, rows, url: str) -> bytes:
    document = Document()
    set_style(document)
    set_page(document)
    campaign = report.campaign
    add_paragraph(document, str(report.organization.full_name or report.organization), align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(document, "ОТЧЁТ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    add_paragraph(document, campaign.form.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(document, f"за период {campaign.period_label}", align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(document)
    if report.site_id:
        labelled(document, "Статус:", str(report.site.kind))
        labelled(document, "Тема:", report.site.theme)
    labelled(document, "Кампания:", campaign.title)
    labelled(document, "Состояние отчёта:", report.get_state_display())
    if report.submitted_at:
        late = " (с опозданием)" if report.submitted_late else ""
        labelled(document, "Представлен:", f"{russian_date(report.submitted_at)}{late}")

    indicators = [(item, answer) for item, answer in rows if item.kind == ItemKind.INDICATOR]
    if indicators:
        add_paragraph(document, "Показатели", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("№", "Показатель", "Значение"), strict=True):
            cell.paragraphs[0].text = ""
            add_run(cell.paragraphs[0], text, bold=True, size=TABLE_SIZE)
        for number, (item, answer) in enumerate(indicators, start=1):
            value = answer.display_with_unit if answer else ""
            cells = table.add_row().cells
            for cell, text in zip(cells, (str(number), item.title, value or "—"), strict=True):
                add_run(cell.paragraphs[0], text, size=TABLE_SIZE)

    for item, answer in rows:
        if item.kind == ItemKind.SECTION:
            add_paragraph(document, item.title, bold=True, space_before=12, align=WD_ALIGN_PARAGRAPH.CENTER)
            text = answer.text if answer else ""
            for line in (text or "—").splitlines() or ["—"]:
                if line.strip():
                    paragraph = add_paragraph(document, line.strip(), indent=True)
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    attachments = [(item, answer) for item, answer in rows if item.kind == ItemKind.ATTACHMENT]
    if attachments:
        add_paragraph(document, "Приложения", bold=True, space_before=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        for number, (item, answer) in enumerate(attachments, start=1):
            name = answer.display if answer and answer.file else "не приложено"
            add_paragraph(document, f"{number}. {item.title}: {name}", indent=True)
    if report.remarks:
        labelled(document, "Замечания куратора:", report.remarks).paragraph_format.space_before = Pt(12)
    add_paragraph(document)
    add_paragraph(document, f"Документ сформирован {russian_date(timezone.now())}", size=10)
    add_qr(document, url, caption="Отчёт в системе")
    return to_bytes(document)


def campaign_workbook(campaign, reports) -> bytes:
    """One row per report, one column per indicator; state, submission date and the late flag."""
    items = [item for item in queries.items_of(campaign) if item.kind == ItemKind.INDICATOR]
    answers = queries.answers_by_report(reports)
    headers = ["Муниципалитет", "Организация", "Площадка", "Состояние", "Представлен", "С опозданием"]
    headers += [item.label for item in items]
    rows = []
    for report in reports:
        mine = answers.get(report.pk, {})
        row = [
            str(report.municipality),
            report.organization.short_name,
            f"{report.site.kind.abbreviation or report.site.kind}: {report.site.theme}" if report.site_id else "",
            report.get_state_display(),
            timezone.localdate(report.submitted_at) if report.submitted_at else None,
            "да" if getattr(report, "late", report.is_late) else "нет",
        ]
        row += [mine[item.pk].value if item.pk in mine else None for item in items]
        rows.append(row)
    return build_workbook("Отчёты", headers, rows)
