"""Plan figures that are not page loads: timing parser throughput, Word import and export.

Called by bench/run.py after the pages; each returns (label, value, unit, target, passed)."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROADMAP = ROOT / "innoinfra" / "demo" / "files" / "000_roadmap_amursky.docx"


def parse_throughput(region_name: str):
    from innoinfra.plans.models import PlanItem
    from innoinfra.plans.timing import parse_timing

    rows = list(
        PlanItem.objects.filter(plan__municipality__region__name=region_name).values_list(
            "timing", "plan__period_start", "plan__period_end"
        )
    )
    started = time.perf_counter()
    for text, start, end in rows:
        parse_timing(text, start, end)
    rate = len(rows) / (time.perf_counter() - started)
    return f"parse {len(rows)} timing texts", rate, "texts/s", "> 5000", rate > 5000


def _hundred_row_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("План мероприятий на 2025/2026 учебный год")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["№", "Мероприятие", "Ответственный", "Сроки", "Ожидаемый результат"],
                          strict=True):
        cell.text = text
    for number in range(1, 101):
        cells = table.add_row().cells
        for cell, text in zip(cells, [f"{number}.", f"Семинар № {number} для педагогов", "МКУ РМЦ", "октябрь, март",
                                      "Материалы на сайте"], strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _median_ms(action, repeat=10) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def import_docx():
    try:
        from innoinfra.plans.word_import import read_plan_file
    except ImportError:
        return None
    content = _hundred_row_docx()
    median = _median_ms(lambda: read_plan_file(io.BytesIO(content), "plan.docx"))
    return "import a 100-row DOCX (parse)", median, "ms", "< 1000", median < 1000


def export_roadmap():
    try:
        from innoinfra.plans.word_export import plan_docx
        from innoinfra.plans.word_import import read_plan_file
    except ImportError:
        return None
    from django.db import transaction

    from innoinfra.plans import services
    from innoinfra.reference.models import Municipality

    with open(ROADMAP, "rb") as source:
        parsed = read_plan_file(io.BytesIO(source.read()), ROADMAP.name)
    with transaction.atomic():
        owner = services.owner_of(Municipality.objects.order_by("pk").first())
        plan = services.create_plan_from_parsed(parsed, owner=owner, kind="roadmap")
        median = _median_ms(lambda: plan_docx(plan))
        transaction.set_rollback(True)
    label = f"export the {parsed.item_count}-item roadmap to DOCX"
    return label, median, "ms", "< 300", median < 300


def figures(region_name: str):
    for measure in (lambda: parse_throughput(region_name), import_docx, export_roadmap):
        result = measure()
        if result is not None:
            yield result
