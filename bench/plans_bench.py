"""Plan figures that are not page loads: timing parser throughput, Word import and export; and the plan page of a
100-item plan against its floor (also alone: `.venv/bin/python bench/plans_bench.py`).

Called by bench/run.py after the pages; each returns (label, value, unit, target, passed)."""

from __future__ import annotations

import io
import os
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
    for cell, text in zip(
        table.rows[0].cells, ["№", "Мероприятие", "Ответственный", "Сроки", "Ожидаемый результат"], strict=True
    ):
        cell.text = text
    for number in range(1, 101):
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            [f"{number}.", f"Семинар № {number} для педагогов", "МКУ РМЦ", "октябрь, март", "Материалы на сайте"],
            strict=True,
        ):
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
    yield from page_figures()


# ---------------------------------------------------------------- the plan page against its floor

PAGE_ITEMS = 100
TIMINGS = (
    "октябрь",
    "ежемесячно",
    "в течение года",
    "ноябрь, март",
    "до 15 декабря",
    "1 раз в четверть",
    "апрель–май",
    "по мере необходимости",
    "сентябрь 2024",
    "15.02.2025",
)
# The floor: the very rows the page shows, fetched the page's way and put in a bare table — what no page of
# these rows can beat. The page may cost at most FLOOR_RATIO times its floor in time.
FLOOR_RATIO = 3
FLOOR_TEMPLATE = """{% load plans %}<table>{% for section in sections %}
<tr><th colspan="5">{{ section.title }}</th></tr>
{% for item in section.items.all %}<tr><td>{{ item.number }}</td><td>{{ item.activity }}</td>
{% for key, label in plan.column_labels %}<td>{{ item|item_display:key }}</td>{% endfor %}
<td>{% for occurrence in item.occurrences.all %}<span>{{ occurrence|occurrence_label }}</span>{% endfor %}</td></tr>
{% endfor %}{% endfor %}</table>"""


def hundred_item_plan(*, approved: bool):
    """A plan of 10 sections of 10 items, each with its timing parsed into dates, an organization and a person
    responsible, and — approved — some occurrences marked done; built through the services like a user's."""
    import datetime as dt

    from innoinfra.accounts.enums import Role
    from innoinfra.accounts.models import Membership, User
    from innoinfra.plans import services
    from innoinfra.plans.enums import OccurrenceStatus, PlanState
    from innoinfra.reference.models import Municipality, Organization, Region
    from innoinfra.registry.models import Order

    municipality = Municipality.objects.order_by("pk").first() or Municipality.objects.create(
        region=Region.objects.create(name="Замерный край", code="99"), name="Замерный район", short_name="Замерный"
    )
    organization = Organization.objects.filter(municipality=municipality, is_active=True).order_by("pk").first()
    if organization is None:
        organization = Organization.objects.create(
            municipality=municipality,
            full_name="Замерная школа",
            short_name="Замерная школа",
            address="ул. Замерная, 1",
        )
    methodist, _ = User.objects.get_or_create(
        username="bench-plan-methodist", defaults={"first_name": "Мария", "last_name": "Замерова"}
    )
    Membership.objects.get_or_create(user=methodist, role=Role.METHODIST, municipality=municipality)
    plan = services.create_plan(
        owner=services.owner_of(municipality),
        title="План на 100 пунктов",
        period_start=dt.date(2024, 9, 1),
        period_end=dt.date(2025, 8, 31),
        by=methodist,
        purpose="Замер страницы плана",
    )
    for number in range(10):
        section = services.add_section(plan, title=f"{number + 1}. Раздел плана о работе с педагогами № {number + 1}")
        for row in range(10):
            services.add_item(
                section,
                number=f"{number + 1}.{row + 1}",
                activity=f"Семинар-практикум для педагогов по теме № {number * 10 + row + 1}",
                timing=TIMINGS[row],
                responsible="МКУ РМЦ",
                expected_result="Материалы на сайте РМЦ",
                responsible_organizations=[organization],
                responsible_users=[methodist],
            )
    if approved:
        order = Order.objects.create(
            municipality=municipality, number="1-Д", date=dt.date(2024, 8, 30), title="Об утверждении"
        )
        services.change_plan_state(plan, PlanState.APPROVED, order=order, by=methodist)
        for occurrence in plan.occurrences.order_by("pk")[::3]:
            services.record_execution(
                occurrence,
                status=OccurrenceStatus.DONE,
                completed_on=dt.date(2024, 10, 1),
                comment="Проведено",
                today=dt.date(2025, 9, 1),
            )
    return plan, methodist


def floor_html(plan_pk: int) -> str:
    from django.template import engines

    from innoinfra.plans import queries
    from innoinfra.plans.models import Plan

    plan = Plan.objects.select_related("municipality").get(pk=plan_pk)
    template = engines["django"].from_string(FLOOR_TEMPLATE)
    return template.render({"plan": plan, "sections": queries.sections_with_items(plan)})


def page_against_floor(repeat: int = 20):
    """Rows (role, queries, KB, median ms, floor ms, ratio) of the plan page of a 100-item plan: a methodist on the
    draft (editing controls), a methodist on the approved plan (execution marks), and anyone on the approved plan."""
    import run  # the bench's query counter; run.py imports this module only after Django is set up
    from django.db import connection, transaction
    from django.test import Client

    rows = []
    with transaction.atomic():
        draft, methodist = hundred_item_plan(approved=False)
        approved, _ = hundred_item_plan(approved=True)
        staff = Client()
        staff.force_login(methodist)
        for role, client, plan in (
            ("методист, проект (правка)", staff, draft),
            ("методист, утверждён (отметки)", staff, approved),
            ("гость, утверждён", Client(), approved),
        ):
            url = plan.get_absolute_url()
            for _ in range(3):
                response = client.get(url)
                floor_html(plan.pk)
            assert response.status_code == 200, response.status_code
            counter = run.QueryCounter()
            with connection.execute_wrapper(counter):
                response = client.get(url)
            page_times, floor_times = [], []
            for _ in range(repeat):  # alternately, so both see the same load
                started = time.perf_counter()
                client.get(url)
                page_times.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                floor_html(plan.pk)
                floor_times.append((time.perf_counter() - started) * 1000)
            page, floor = statistics.median(page_times), statistics.median(floor_times)
            rows.append((role, counter.count, len(response.content) / 1024, page, floor, page / floor))
        transaction.set_rollback(True)
    return rows


def page_figures():
    for role, queries, kilobytes, page, floor, ratio in page_against_floor():
        label = f"plan page / floor, {role}"
        print(f"  {role}: {queries} queries, {kilobytes:.0f} KB, page {page:.1f} ms, floor {floor:.1f} ms")
        yield label, ratio, "×", f"≤ {FLOOR_RATIO}", ratio <= FLOOR_RATIO


if __name__ == "__main__":
    # Only the plan page against its floor, on the bench's database (run.py reads the settings); no region needed.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # sets up Django on the bench's database
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(run.engine())
    print(f"{'role':34} {'queries':>7} {'KB':>6} {'page ms':>8} {'floor ms':>9} {'ratio':>6}")
    for role, queries, kilobytes, page, floor, ratio in page_against_floor(int(os.environ.get("BENCH_REPEAT", "20"))):
        print(f"{role:34} {queries:7d} {kilobytes:6.0f} {page:8.1f} {floor:9.1f} {ratio:6.1f}")
