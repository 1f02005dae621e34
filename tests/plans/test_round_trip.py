"""Plans of every kind leave as Word (and Excel) and come back through the importer as the same plan: sections,
numbers (as the document prints them), activities, timing, responsible and the other columns."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from innoinfra.core.typography import official, plain
from innoinfra.plans import services
from innoinfra.plans.enums import PeriodKind, PlanKind
from innoinfra.plans.exports import plan_xlsx
from innoinfra.plans.word_export import item_numbers, plan_docx
from innoinfra.plans.word_import import read_plan_file

pytestmark = pytest.mark.django_db

COLUMNS = {
    PlanKind.ROADMAP: ["responsible", "timing", "result"],
    PlanKind.EVENT_PLAN: ["timing", "audience", "responsible"],
    PlanKind.SITE_WORK_PLAN: ["timing", "responsible", "result"],
    PlanKind.COUNCIL_WORK_PLAN: ["timing", "responsible"],
    PlanKind.OTHER: ["responsible", "timing", "audience", "result", "notes"],
}
TITLES = {
    PlanKind.ROADMAP: "Дорожная карта",
    PlanKind.EVENT_PLAN: "План мероприятий",
    PlanKind.SITE_WORK_PLAN: "План работы инновационной площадки",
    PlanKind.COUNCIL_WORK_PLAN: "План работы муниципального экспертного совета",
    PlanKind.OTHER: "План работы методического объединения",
}
FIELD = {"responsible": "responsible", "timing": "timing", "audience": "audience", "result": "expected_result", "notes": "notes"}
PARSED = {"responsible": "responsible", "timing": "timing", "audience": "audience", "result": "result", "notes": "notes"}


def build(owner, kind: str, *, numbered: bool):
    plan = services.create_plan(
        owner=services.owner_of(owner),
        title=f"{TITLES[kind]} «Школа „Успех“» на 2025/2026 учебный год",
        kind=kind,
        period_kind=PeriodKind.ACADEMIC_YEAR,
        period_start=dt.date(2025, 9, 1),
        period_end=dt.date(2026, 8, 31),
        columns=COLUMNS[kind],
    )
    sections = [
        ("1. Организационно-управленческие мероприятия", [
            ("Совещание руководителей «О ходе реализации проекта»", "сентябрь 2025 г.", "Управление образования"),
            ("Мониторинг выполнения плана", "ежеквартально", "МКУ ИМЦ, руководители ОО"),
        ]),
        ("2. Методическое сопровождение", [
            ("Семинар для педагогов № 3 по функциональной грамотности", "до 31 декабря 2025 г.", "Л. В. Загуменнова"),
            ("Публикация материалов на сайте", "в течение года", "Руководители площадок"),
            ("Итоговая конференция", "май 2026 г.", "МКУ ИМЦ"),
        ]),
    ]
    for s_index, (title, items) in enumerate(sections, start=1):
        section = services.add_section(plan, title=title)
        for i_index, (activity, timing, responsible) in enumerate(items, start=1):
            services.add_item(
                section,
                number=f"{s_index}.{i_index}." if numbered else "",
                activity=activity,
                timing=timing,
                responsible=responsible,
                audience="Педагоги школ района",
                expected_result=f"Результат {s_index}.{i_index}",
                notes="Без примечаний",
            )
    return plan


def expected_of(plan, columns) -> list[tuple]:
    sections = list(plan.sections.order_by("position", "id").prefetch_related("items"))
    numbers = item_numbers(sections)
    return [
        (
            plain(official(section.title)),
            [
                (numbers[item.pk].rstrip("."), plain(official(item.activity)),
                 *[plain(official(getattr(item, FIELD[column]))) for column in columns])
                for item in section.items.all()
            ],
        )
        for section in sections
    ]


def without_notes(columns):
    # The importer does not know «Примечание» as the notes column yet: it keeps the cell as «Примечание: …» among
    # the unrecognised ones (reported to the importer's owner); the notes are checked on their own below.
    return [column for column in columns if column != "notes"]


def read_of(parsed, columns) -> list[tuple]:
    return [
        (
            plain(section.title),
            [
                ((item.number or "").rstrip("."), plain(item.activity),
                 *[plain(getattr(item, PARSED[column]) or "") for column in columns])
                for item in section.items
            ],
        )
        for section in parsed.sections
    ]


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "unnumbered"])
@pytest.mark.parametrize("kind", PlanKind.values)
def test_a_plan_exported_to_word_reads_back_the_same(amursky, kind, numbered):
    plan = build(amursky, kind, numbered=numbered)
    parsed = read_plan_file(io.BytesIO(plan_docx(plan, url="https://example.org/plans/1/")), "plan.docx")
    assert plain(parsed.title) == plain(official(plan.title))
    columns = without_notes(plan.columns)
    assert read_of(parsed, columns) == expected_of(plan, columns)
    assert parsed.item_count == 5 and not [w for w in parsed.warnings if "пропущ" in w.lower()]


def test_unnumbered_items_are_numbered_by_section(amursky):
    plan = build(amursky, PlanKind.ROADMAP, numbered=False)
    parsed = read_plan_file(io.BytesIO(plan_docx(plan)), "plan.docx")
    numbers = [[(item.number or "").rstrip(".") for item in section.items] for section in parsed.sections]
    assert numbers == [["1.1", "1.2"], ["2.1", "2.2", "2.3"]]


@pytest.mark.parametrize("kind", PlanKind.values)
def test_a_plan_exported_to_excel_reads_back_the_same(amursky, kind):
    plan = build(amursky, kind, numbered=True)
    parsed = read_plan_file(io.BytesIO(plan_xlsx(plan)), "plan.xlsx")
    columns = without_notes(plan.columns)
    assert read_of(parsed, columns) == expected_of(plan, columns)


def test_the_notes_column_reads_back_as_notes(amursky):
    plan = build(amursky, PlanKind.OTHER, numbered=True)
    parsed = read_plan_file(io.BytesIO(plan_docx(plan)), "plan.docx")
    assert {item.notes for section in parsed.sections for item in section.items} == {"Без примечаний"}
