"""The yearly analytical report (аналитическая справка) for the council, in Word.

The layout is the one of the council's protocols (ГОСТ Р 7.0.97-2025: A4, margins 20/10/20/20 mm, Times New Roman,
indent 1.25 cm, page numbers from the second page). Every figure is a table built by `tables.build`, the same
builders the dashboards and the Excel downloads use, and each section opens with generated sentences comparing the
year with the year before. Charts are left to the dashboards: drawing them here would need a plotting library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from innoinfra.core.dates import academic_year_label, numeric_date, russian_date
from innoinfra.core.docx_layout import add_paragraph, add_run, set_page, set_style, to_bytes

from . import stats, text
from .filters import Filters
from .tables import Table, build

TABLE_SIZE = 12


# the report's six sections, and writing the file: the steps a background export shows as its progress
REPORT_STEPS = 7


def build_report(f: Filters, today: dt.date, *, progress: Callable[[int], None] | None = None) -> bytes:
    step = progress or (lambda done: None)
    document = Document()
    set_style(document)
    set_page(document)
    previous = Filters(f.year - 1, f.municipalities, f.municipality, f.territory_label)
    add_paragraph(document, "АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(
        document,
        f"о состоянии инновационной инфраструктуры образования за {academic_year_label(f.year)}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    add_paragraph(document, f"Территория: {f.territory_label}", align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(document, f"Сведения на {russian_date(today)}", align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6)

    _heading(document, "1. Инновационные площадки")
    for sentence in sites_sentences(f, previous):
        add_paragraph(document, sentence, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for key in ("sites_by_kind", "sites_by_level", "sites_by_direction", "sites_by_municipality"):
        _table(document, build(key, f, today))

    step(1)
    _heading(document, "2. Конкурсы")
    by_year = stats.applications_by_year(f.municipalities, [f.year - 1, f.year])
    before, now = by_year
    sentence = text.applications_sentence(now["submitted"], before["submitted"], now["success"], now["success_rate"])
    add_paragraph(document, sentence, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _table(document, build("applications", f, today))

    step(2)
    _heading(document, "3. Исполнение планов")
    execution = stats.plan_execution(f.municipalities, f.year, today)
    sentence = text.plans_sentence(
        execution["total"], execution["done"], execution["overdue"], execution["percent_done"]
    )
    add_paragraph(document, sentence, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for key in ("plan_execution_by_municipality", "overdue_sites"):
        _table(document, build(key, f, today))

    step(3)
    _heading(document, "4. Мероприятия, публикации, консультации и наставничество")
    events = stats.event_totals(f.municipalities, f.year)
    events_before = stats.held_events(f.municipalities, f.year - 1).count()
    sentence = text.events_sentence(events["events"], events_before, events["participants"])
    add_paragraph(document, sentence, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for key in ("events_by_format", "events_by_month", "publications_by_level", "consultations", "mentoring"):
        _table(document, build(key, f, today))

    step(4)
    _heading(document, "5. Дефициты")
    # Lists stop at their first hundred rows, as on the page: a region's full list belongs in Excel, not in a
    # report read at a meeting.
    deficits = build("deficits", f, today)
    add_paragraph(
        document,
        f"Без инновационной деятельности в учебном году — {text.counted(deficits.total, text.ORGANIZATIONS)}: "
        "у них нет действующего статуса, заявок на конкурсы и организованных мероприятий.",
        indent=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _table(document, deficits)

    step(5)
    _heading(document, "6. Динамика")
    _table(document, build("trends", f, today))
    step(6)
    return to_bytes(document)


def sites_sentences(f: Filters, previous: Filters) -> list[str]:
    """The total, then one sentence per kind of status held this year or the year before."""
    now_totals = stats.active_sites(f.municipalities, f.year).count()
    before_totals = stats.active_sites(previous.municipalities, previous.year).count()
    sentences = [text.sites_sentence(f.year_label, now_totals, before_totals)]
    now = {row["kind_id"]: row for row in stats.sites_by_kind(f.municipalities, f.year)}
    before = {row["kind_id"]: row for row in stats.sites_by_kind(previous.municipalities, previous.year)}
    for kind_id in [*now, *(k for k in before if k not in now)]:
        row = now.get(kind_id) or before[kind_id]
        sentences.append(
            text.kind_sentence(
                f.year_label,
                row["kind"],
                now[kind_id]["organizations"] if kind_id in now else 0,
                before[kind_id]["organizations"] if kind_id in before else 0,
            )
        )
    return sentences


def _heading(document, title: str) -> None:
    add_paragraph(document, title, bold=True, space_before=12)


def _cell_text(value) -> str:
    if isinstance(value, dt.date):
        return numeric_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return text.number(value)
    return "" if value is None else str(value)


def _table(document, table: Table) -> None:
    add_paragraph(document, table.title, bold=True, space_before=8, size=TABLE_SIZE)
    if not table.rows:
        add_paragraph(document, "Данных нет.", size=TABLE_SIZE)
        return
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        _fill(cell, header, bold=True)
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            _fill(cell, _cell_text(value))
    if table.note:
        add_paragraph(document, table.note, size=10)


def _fill(cell, value: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    add_run(paragraph, value, bold=bold, size=TABLE_SIZE)
