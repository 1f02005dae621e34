"""Plan services: due dates materialised idempotently, execution never lost, approval by order, copy, moves."""

import datetime as dt

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus, PlanState, TimingKind
from innoinfra.plans.models import Occurrence
from tests.factories import OrderFactory

from .factories import make_plan

pytestmark = pytest.mark.django_db


def dates(item):
    return [(o.start_date, o.due_date) for o in item.occurrences.order_by("due_date")]


def test_adding_an_item_turns_its_timing_into_due_dates_within_the_period(amursky):
    plan = make_plan(amursky, items=[("Семинар", "октябрь, март")])
    item = plan.items.get()

    assert item.timing_kind == TimingKind.SCHEDULED
    assert dates(item) == [
        (dt.date(2024, 10, 1), dt.date(2024, 10, 31)),
        (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    ]


def test_saving_the_same_timing_again_never_duplicates_occurrences(amursky):
    plan = make_plan(amursky, items=[("Семинар", "ежемесячно")])
    item = plan.items.get()
    before = dates(item)

    services.update_item(item, timing="ежемесячно ")
    services.materialise([item])
    services.rematerialise_plan(plan)

    assert dates(item) == before
    assert len(before) == 12


def test_changing_the_timing_keeps_the_execution_already_recorded(amursky):
    plan = make_plan(amursky, items=[("Семинар", "октябрь, март")])
    item = plan.items.get()
    services.change_plan_state(plan, PlanState.APPROVED, order=OrderFactory(municipality=amursky))
    october = item.occurrences.get(due_date=dt.date(2024, 10, 31))
    services.record_execution(october, status=OccurrenceStatus.DONE, comment="Проведён", today=dt.date(2024, 11, 1))
    services.change_plan_state(plan, PlanState.DRAFT)

    services.update_item(item, timing="апрель")

    october.refresh_from_db()
    assert october.status == OccurrenceStatus.DONE and october.comment == "Проведён"
    assert october.in_schedule is False
    assert [o.due_date for o in item.occurrences.filter(in_schedule=True)] == [dt.date(2025, 4, 30)]
    assert not item.occurrences.filter(due_date=dt.date(2025, 3, 31)).exists()


def test_dates_set_by_hand_survive_re_parsing_and_keep_the_text(amursky):
    plan = make_plan(amursky, items=[("Семинар", "по отдельному графику")])
    item = plan.items.get()
    assert item.timing_kind == TimingKind.EXTERNAL and not item.occurrences.exists()

    services.set_manual_dates(item, [(dt.date(2024, 12, 1), dt.date(2024, 12, 10))])
    services.rematerialise_plan(plan)

    item.refresh_from_db()
    assert item.timing == "по отдельному графику"
    assert item.timing_kind == TimingKind.MANUAL
    assert dates(item) == [(dt.date(2024, 12, 1), dt.date(2024, 12, 10))]


def test_manual_dates_must_lie_inside_the_period(amursky):
    item = make_plan(amursky).items.first()
    with pytest.raises(ServiceError, match="вне периода плана"):
        services.set_manual_dates(item, [(dt.date(2026, 1, 1), dt.date(2026, 1, 2))])


def test_approval_needs_an_order_and_freezes_the_items(amursky):
    plan = make_plan(amursky)
    with pytest.raises(ServiceError, match="приказом"):
        services.change_plan_state(plan, PlanState.APPROVED)

    services.change_plan_state(plan, PlanState.APPROVED, order=OrderFactory(municipality=amursky))

    with pytest.raises(ServiceError, match="только в проекте"):
        services.add_item(plan.sections.first(), activity="Ещё один семинар")
    with pytest.raises(ServiceError, match="Нельзя перевести"):
        services.change_plan_state(plan, PlanState.APPROVED)


def test_a_plan_is_approved_only_by_an_order_of_its_own_territory(amursky, vyselki):
    plan = make_plan(amursky)
    with pytest.raises(ServiceError, match="приказом своей территории"):
        services.change_plan_state(plan, PlanState.APPROVED, order=OrderFactory(municipality=vyselki))
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.order is None


def test_execution_is_recorded_only_on_an_approved_plan(amursky):
    plan = make_plan(amursky)
    occurrence = Occurrence.objects.filter(plan=plan).first()
    with pytest.raises(ServiceError, match="не утверждён"):
        services.record_execution(occurrence, status=OccurrenceStatus.DONE)
    assert Occurrence.objects.get(pk=occurrence.pk).status == OccurrenceStatus.PLANNED


def test_marking_done_with_links_keeps_the_evidence(amursky):
    plan = make_plan(amursky, approved=True)
    occurrence = Occurrence.objects.filter(plan=plan).first()

    services.record_execution(
        occurrence,
        status=OccurrenceStatus.DONE,
        completed_on=dt.date(2024, 10, 20),
        links=[("Новость на сайте", "https://rmc.example.ru/news/1")],
        today=dt.date(2024, 11, 1),
    )

    occurrence.refresh_from_db()
    assert occurrence.completed_on == dt.date(2024, 10, 20)
    assert occurrence.evidence.get().url == "https://rmc.example.ru/news/1"
    with pytest.raises(ServiceError, match="в будущем"):
        services.record_execution(occurrence, status="done", completed_on=dt.date(2030, 1, 1), today=dt.date(2024, 11, 1))


def test_copying_moves_the_plan_and_its_years_to_the_next_year(amursky):
    plan = make_plan(
        amursky,
        title="План мероприятий на 2024/2025 учебный год",
        items=[("Конференция", "март 2025"), ("Семинар", "октябрь")],
        approved=True,
    )
    copy = services.copy_plan(plan)

    assert copy.state == PlanState.DRAFT and copy.order is None
    assert copy.title == "План мероприятий на 2025/2026 учебный год"
    assert (copy.period_start, copy.period_end) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    texts = list(copy.items.order_by("position").values_list("timing", flat=True))
    assert texts == ["март 2026", "октябрь"]
    assert sorted(o.due_date for o in copy.occurrences.all()) == [dt.date(2025, 10, 31), dt.date(2026, 3, 31)]
    assert plan.occurrences.count() == 2  # the original is untouched


def test_moving_an_item_to_another_section_renumbers_positions(amursky):
    plan = make_plan(amursky, items=[("А", ""), ("Б", ""), ("В", "")])
    first = plan.sections.get()
    second = services.add_section(plan, title="2. Методическое сопровождение")
    _a, b, c = first.items.order_by("position")

    services.move_item(b, section=second, position=0)
    services.move_item(c, section=first, position=0)

    assert [i.activity for i in first.items.order_by("position")] == ["В", "А"]
    assert [i.activity for i in second.items.order_by("position")] == ["Б"]


def test_infer_period_reads_the_title():
    assert services.infer_period("План на 2023-2024 учебный год")[1:] == (dt.date(2023, 9, 1), dt.date(2024, 8, 31))
    _kind, start, end = services.infer_period("Дорожная карта до 2030 года", approved_on=dt.date(2025, 4, 11))
    assert (start, end) == (dt.date(2025, 4, 11), dt.date(2030, 12, 31))
    assert services.infer_period("План работы площадки на 2024 год")[1:] == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_a_new_timing_is_parsed_even_when_the_instance_already_carries_it(amursky):
    """A ModelForm writes cleaned data onto the instance before the service runs."""
    item = make_plan(amursky, items=[("Семинар", "октябрь")]).items.get()
    item.timing = "ежеквартально"

    services.update_item(item, timing="ежеквартально")

    assert item.occurrences.count() == 4
