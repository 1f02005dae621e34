"""Plans of the synthetic region, for benchmarks: hundreds of plans, tens of thousands of items, their occurrences
and a realistic share of them executed. Bulk inserts; the due dates go through the real materialise()."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F

from innoinfra.core.search import normalize
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.plans.enums import Column, OccurrenceStatus, OwnerKind, PeriodKind, PlanKind, PlanState, SectionKind
from innoinfra.plans.models import Occurrence, Plan, PlanItem, PlanSection
from innoinfra.plans.services import materialise, period_bounds, refresh_due_counts
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.models import Order

SCALES = {
    "small": {"plans": 10, "items": 20},
    "region": {"plans": 300, "items": 100},
}
SECTIONS = [
    ("1. Диагностическая деятельность", SectionKind.DIAGNOSTIC),
    ("2. Теоретическая деятельность", SectionKind.THEORETICAL),
    ("3. Практическая деятельность", SectionKind.PRACTICAL),
    ("4. Методическая деятельность", SectionKind.METHODICAL),
    ("5. Трансляционная деятельность", SectionKind.TRANSLATIONAL),
]
# Timing texts as the seeds write them, weighted so that an item has about 3.3 occurrences on average.
TIMINGS = [
    ("октябрь", 8), ("май ежегодно", 6), ("Сентябрь, ноябрь, январь, март, апрель", 12), ("Два раза в год", 10),
    ("1 раз в полугодие", 6), ("ежеквартально", 14), ("В течение года", 6), ("По мере запроса", 5),
    ("по планам инновационных площадок", 3), ("Июнь, декабрь", 6), ("Апрель-август", 3), ("до 25 мая", 5),
    ("2 квартал", 3), ("январь-февраль", 3), ("10-15 ноября", 3), ("ноябрь, март", 8), ("ежемесячно", 13),
]  # fmt: skip
ACTIVITIES = [
    "Семинар для координаторов инновационной деятельности",
    "Мастер-класс педагогов площадки",
    "Мониторинг результатов реализации проекта",
    "Круглый стол «Инновационный поиск»",
    "Вебинар для молодых педагогов «Первые шаги к инновациям»",
    "Публикация материалов в сборнике лучших практик",
    "Заседание творческой группы",
    "Анкетирование участников образовательных отношений",
    "Открытые занятия для педагогов района",
    "Отчёт о работе площадки на заседании МЭС",
]
RESPONSIBLE = ["МКУ РМЦ", "Управление образования", "Руководитель ОО", "Творческая группа", "Координатор проекта"]


def generate_plans(region_name: str, scale: str = "small", seed: int = 1) -> dict[str, int]:
    sizes = scaled(SCALES, scale, fixed=("items",))
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.filter(region__name=region_name).order_by("pk"))
    organizations = list(Organization.objects.filter(municipality__in=municipalities).order_by("pk"))
    orders = {}
    for order in Order.objects.filter(municipality__in=municipalities).order_by("pk"):
        orders.setdefault(order.municipality_id, order)
    today = dt.date.today()
    first_year = today.year - 1 if today.month >= 9 else today.year - 2
    plans = []
    for index in range(sizes["plans"]):
        year = first_year + index % 2  # last year's plans and this year's
        start, end = period_bounds(PeriodKind.ACADEMIC_YEAR, year)
        if index % 3:
            organization = rng.choice(organizations)
            owner = {"owner_kind": OwnerKind.ORGANIZATION, "organization": organization}
            municipality_id = organization.municipality_id
            title = f"План работы площадки «{organization.short_name}» на {year}/{year + 1} учебный год"
            kind = PlanKind.SITE_WORK_PLAN
        else:
            municipality = municipalities[index % len(municipalities)]
            owner = {"owner_kind": OwnerKind.MUNICIPALITY}
            municipality_id = municipality.pk
            title = f"План мероприятий {municipality.name} на {year}/{year + 1} учебный год"
            kind = PlanKind.EVENT_PLAN
        order = orders.get(municipality_id)
        plans.append(
            Plan(
                kind=kind,
                title=title,
                municipality_id=municipality_id,
                period_kind=PeriodKind.ACADEMIC_YEAR,
                period_start=start,
                period_end=end,
                columns=[str(c) for c in (Column.RESPONSIBLE, Column.TIMING, Column.AUDIENCE, Column.RESULT)],
                state=PlanState.APPROVED if order and index % 10 else PlanState.DRAFT,
                order=order if index % 10 else None,
                search_text=normalize(title),
                feed_token=f"synthetic-{seed}-{index}",
                **owner,
            )
        )
    plans = Plan.objects.bulk_create(plans, batch_size=500)
    sections = PlanSection.objects.bulk_create(
        (PlanSection(plan=plan, position=i, title=title, kind=kind) for plan in plans
         for i, (title, kind) in enumerate(SECTIONS, start=1)),
        batch_size=1000,
    )  # fmt: skip
    texts, weights = zip(*TIMINGS, strict=True)
    items = []
    for plan_index, plan in enumerate(plans):
        plan_sections = sections[plan_index * len(SECTIONS) : (plan_index + 1) * len(SECTIONS)]
        for position in range(sizes["items"]):
            items.append(
                PlanItem(
                    plan=plan,
                    section=plan_sections[position % len(SECTIONS)],
                    position=position,
                    number=str(position + 1),
                    activity=rng.choice(ACTIVITIES),
                    responsible=rng.choice(RESPONSIBLE),
                    timing=rng.choices(texts, weights)[0],
                    audience="Педагоги образовательных организаций",
                    expected_result="Материалы размещены на сайте",
                )
            )
    items = PlanItem.objects.bulk_create(items, batch_size=2000)
    for start in range(0, len(items), 2000):
        materialise(items[start : start + 2000], recount=False)
    _execute_past(rng, today)
    # the dates above were made in batches and marked by bulk updates, past the services: the dashboard's summary
    # rows are counted once, for every plan
    refresh_due_counts()
    return {
        "планов": len(plans),
        "пунктов планов": len(items),
        "сроков": Occurrence.objects.filter(plan__in=plans).count(),
    }


def _execute_past(rng: random.Random, today: dt.date) -> None:
    """Most past occurrences of approved plans are done; the rest are overdue, as in a real district."""
    past = list(
        Occurrence.objects.filter(
            plan__feed_token__startswith="synthetic-", plan__state=PlanState.APPROVED, due_date__lt=today
        ).values_list("pk", "due_date")
    )
    done = [pk for pk, _due in past if rng.random() < 0.8]
    for start in range(0, len(done), 2000):
        Occurrence.objects.filter(pk__in=done[start : start + 2000]).update(
            status=OccurrenceStatus.DONE, completed_on=F("due_date")
        )


def delete_plans(region_name: str) -> None:
    Plan.objects.filter(municipality__region__name=region_name).delete()
