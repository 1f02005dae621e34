"""The roadmap export of a 100-item plan: `python bench/plan_export.py` (target: median < 300 ms for the DOCX).

Builds a roadmap of 100 items in five sections (every column filled, an approving order, so the approval stamp, the
numbering and the QR code are all drawn) inside a transaction that is rolled back, then times `plan_docx` and
`plan_xlsx` (BENCH_REPEAT runs after two warm-ups) and prints the medians. Uses the bench database (bench/run.py:
bench/bench.sqlite3 or BENCH_DATABASE_URL), migrating it if needed; the synthetic region is not required."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoinfra.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ["DEBUG"] = "0"
os.environ.setdefault("STATIC_WITHOUT_MANIFEST", "1")
warnings.filterwarnings("ignore", message="No directory at")

REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
TARGET_MS = 300
ITEMS, SECTIONS = 100, 5


def _median_ms(action) -> float:
    for _ in range(2):
        action()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def hundred_item_roadmap():
    from innoinfra.plans import services
    from innoinfra.plans.enums import PeriodKind, PlanKind, PlanState
    from innoinfra.reference.models import Municipality, Region
    from innoinfra.registry.models import Order

    region, _ = Region.objects.get_or_create(name="Замер выгрузки", defaults={"code": "99"})
    municipality, _ = Municipality.objects.get_or_create(region=region, name="Замерный муниципальный район")
    plan = services.create_plan(
        owner=services.owner_of(municipality),
        title="Дорожная карта «Развитие инновационной инфраструктуры» на 2025–2027 годы",
        kind=PlanKind.ROADMAP,
        period_kind=PeriodKind.YEARS,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 12, 31),
        columns=["responsible", "timing", "result", "notes"],
    )
    per_section = ITEMS // SECTIONS
    for s in range(1, SECTIONS + 1):
        section = services.add_section(plan, title=f"{s}. Раздел дорожной карты № {s}")
        for i in range(1, per_section + 1):
            services.add_item(
                section,
                activity=f"Мероприятие {s}.{i}: семинар «Школа „Лидер“» для педагогов района по теме № {i}",
                responsible="Управление образования, МКУ ИМЦ, руководители ОО",
                timing="ежеквартально, до 31 декабря 2026 г.",
                expected_result="Методические материалы размещены на сайте; проведён анализ результатов",
                notes="—",
            )
    order = Order.objects.create(
        number="172-Д",
        date=dt.date(2025, 4, 11),
        title="Об утверждении дорожной карты",
        issuer_name="Управление образования администрации Замерного муниципального района",
        municipality=municipality,
    )
    services.change_plan_state(plan, PlanState.APPROVED, order=order)
    return plan


def measure() -> tuple[float, float, int]:
    """Medians of the DOCX and XLSX export (ms) and the DOCX size (bytes), on a plan rolled back afterwards."""
    from django.db import transaction

    from innoinfra.plans.exports import plan_xlsx
    from innoinfra.plans.word_export import plan_docx

    with transaction.atomic():
        plan = hundred_item_roadmap()
        assert plan.items.count() == ITEMS
        url = f"https://innoinfra.example/plans/{plan.pk}/"
        docx_ms = _median_ms(lambda: plan_docx(plan, url=url))
        xlsx_ms = _median_ms(lambda: plan_xlsx(plan))
        size = len(plan_docx(plan, url=url))
        transaction.set_rollback(True)
    return docx_ms, xlsx_ms, size


def figures(region_name: str | None = None):
    """(label, value, unit, target, passed) rows for bench/run.py."""
    docx_ms, xlsx_ms, size = measure()
    yield "roadmap of 100 items → DOCX", docx_ms, "ms", f"< {TARGET_MS}", docx_ms < TARGET_MS
    yield "roadmap of 100 items → XLSX", xlsx_ms, "ms", "no target", True
    yield "roadmap DOCX size", size / 1024, "KiB", "no target", True


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    failed = False
    for label, value, unit, target, passed in figures():
        failed |= not passed
        print(f"{label:44} {value:10.1f} {unit:8}  {'PASS' if passed else 'FAIL'} ({target})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
