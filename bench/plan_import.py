"""A 100-row plan imported from Word and from Excel: the file read into a ParsedPlan, then saved as a plan with
its sections, items and due dates (rolled back). Target: < 1 s each.

Called by bench/run.py after the pages (`figures`); also runs on its own: `.venv/bin/python bench/plan_import.py`
(on the bench database of run.py, or a test SQLite in memory when that does not exist yet)."""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["№ п/п", "Мероприятие", "Ответственный", "Сроки", "Ожидаемый результат"]
MONTHS = ("сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май")


def _rows():
    """Ten sections of ten items, numbered «1.1.» … in the text, as many district plans are typed."""
    for section in range(1, 11):
        yield [f"{section}. Направление работы № {section}"] * len(HEADER)
        for item in range(1, 11):
            yield [
                f"{section}.{item}.",
                f"Семинар-практикум № {section}.{item} для педагогов по функциональной грамотности",
                "МКУ «Методический центр»",
                f"{MONTHS[item % len(MONTHS)]}, {MONTHS[(item + 4) % len(MONTHS)]}",
                "Материалы на сайте, приказ об итогах",
            ]


def hundred_row_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("План мероприятий методического центра на 2025/2026 учебный год")
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for values in _rows():
        row = table.add_row()
        if len(set(values)) == 1:
            row.cells[0].merge(row.cells[-1]).text = values[0]
            continue
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def hundred_row_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["План мероприятий методического центра на 2025/2026 учебный год"])
    sheet.append(HEADER)
    for values in _rows():
        sheet.append(values if len(set(values)) > 1 else [values[0]])
        if len(set(values)) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(HEADER))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(name: str, content: bytes, repeat: int = 5):
    from django.db import transaction

    from innoinfra.plans import services
    from innoinfra.plans.word_import import read_plan_file
    from innoinfra.reference.models import Municipality

    municipality = Municipality.objects.order_by("pk").first()
    parse = _median_ms(lambda: read_plan_file(io.BytesIO(content), name), repeat)
    parsed = read_plan_file(io.BytesIO(content), name)
    assert parsed.item_count == 100, parsed.item_count

    def parse_and_save():
        with transaction.atomic():
            plan = read_plan_file(io.BytesIO(content), name)
            services.create_plan_from_parsed(plan, owner=services.owner_of(municipality))
            transaction.set_rollback(True)

    total = _median_ms(parse_and_save, repeat) if municipality is not None else None
    return parse, total


def figures(region_name: str | None = None):
    for name, build in (("plan.docx", hundred_row_docx), ("plan.xlsx", hundred_row_xlsx)):
        parse, total = measure(name, build())
        kind = name.rsplit(".", 1)[1].upper()
        yield f"import a 100-row {kind}: parse", parse, "ms", "< 1000", parse < 1000
        if total is not None:
            yield f"import a 100-row {kind}: parse + save", total, "ms", "< 1000", total < 1000


def main() -> int:
    sys.path.insert(0, str(ROOT))
    bench_db = ROOT / "bench" / "bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoinfra.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{bench_db}" if bench_db.exists() else "sqlite:///:memory:"
    )
    import django

    django.setup()
    if not bench_db.exists():
        from django.core.management import call_command

        from tests.factories import MunicipalityFactory

        call_command("migrate", verbosity=0)
        MunicipalityFactory()
    failed = False
    for label, value, unit, target, passed in figures():
        failed |= not passed
        print(f"{label:44} {value:10.1f} {unit:8}  {'PASS' if passed else 'FAIL'} ({target})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
