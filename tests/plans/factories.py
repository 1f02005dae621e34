"""Plans for tests, built through the services so they look like what users make."""

import datetime as dt

from innoinfra.plans import services
from innoinfra.plans.enums import PeriodKind, PlanKind, PlanState
from tests.factories import OrderFactory


def make_plan(
    owner,
    *,
    title="План мероприятий на 2024/2025 учебный год",
    items=(("Семинар для педагогов", "октябрь"), ("Круглый стол", "май")),
    approved=False,
    period=(dt.date(2024, 9, 1), dt.date(2025, 8, 31)),
    kind=PlanKind.EVENT_PLAN,
    by=None,
):
    if not isinstance(owner, services.Owner):
        owner = services.owner_of(owner)
    plan = services.create_plan(
        owner=owner,
        title=title,
        kind=kind,
        period_kind=PeriodKind.ACADEMIC_YEAR,
        period_start=period[0],
        period_end=period[1],
        by=by,
    )
    section = services.add_section(plan, title="1. Организационные мероприятия")
    for activity, timing in items:
        services.add_item(section, activity=activity, timing=timing, responsible="РМЦ")
    if approved:
        order = OrderFactory(municipality=plan.municipality)
        services.change_plan_state(plan, PlanState.APPROVED, order=order, by=by)
    return plan
