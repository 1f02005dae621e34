"""Demo plans: the seed documents, loaded through the Word importer as a district would load them, with
execution recorded on past dates and the Moscow district's event plan carried over to the current year.
Idempotent: a plan that is already there is left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from innoinfra.accounts.models import User
from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus, PlanKind, PlanState
from innoinfra.plans.models import Occurrence, Plan
from innoinfra.plans.word_import import read_plan_file
from innoinfra.registry.models import Order, Site

FILES = Path(__file__).resolve().parents[1] / "files"
COMMENTS = [
    "Проведено, материалы размещены на сайте МКУ РМЦ",
    "Выполнено в срок",
    "Проведено, участвовали 24 педагога",
    "Итоги рассмотрены на заседании МЭС",
]


def _import(filename: str, owner, kind: str, user) -> Plan:
    with open(FILES / filename, "rb") as source:
        parsed = read_plan_file(source, filename)
    return services.create_plan_from_parsed(parsed, owner=owner, kind=kind, user=user)


def _execute(plan: Plan, today: dt.date, user, *, share_done: int = 4) -> None:
    """Mark past occurrences: most done, every fifth left overdue, so dashboards have something to show."""
    past = Occurrence.objects.filter(plan=plan, due_date__lt=today).select_related("plan", "item").order_by("pk")
    for index, occurrence in enumerate(past):
        if index % 5 >= share_done:
            continue
        services.record_execution(
            occurrence,
            by=user,
            status=OccurrenceStatus.DONE,
            completed_on=max(occurrence.start_date, occurrence.due_date - dt.timedelta(days=3)),
            comment=COMMENTS[index % len(COMMENTS)],
            today=today,
        )


def load(registry: dict, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    methodist = User.objects.filter(username="methodist").first()
    municipalities, orgs, orders = registry["municipalities"], registry["organizations"], registry["orders"]
    if Plan.objects.filter(title__startswith="План мероприятий («дорожная карта»)").exists():
        return

    roadmap = _import(
        "000_roadmap_amursky.docx", services.owner_of(municipalities["amursky"]), PlanKind.ROADMAP, methodist
    )
    services.change_plan_state(roadmap, PlanState.APPROVED, order=orders["172-Д"], by=methodist)
    _execute(roadmap, today, methodist)

    site = Site.objects.filter(lead_organization=orgs["vys-imc"], kind__abbreviation="КИП").first()
    site_plan = _import(
        "002_site_plan_vyselki.docx",
        services.owner_of(site) if site else services.owner_of(orgs["vys-imc"]),
        PlanKind.SITE_WORK_PLAN,
        None,
    )
    services.change_plan_state(site_plan, PlanState.APPROVED, order=orders["vys-kip"])
    _execute(site_plan, today, None, share_done=5)

    events_2021 = _import("003_event_plan_2021.docx", services.owner_of(orgs["vys-imc"]), PlanKind.EVENT_PLAN, None)
    services.change_plan_state(events_2021, PlanState.ARCHIVED)

    moscow = _import(
        "004_event_plan_moscow_2023.docx",
        services.owner_of(municipalities["moskovsky"]),
        PlanKind.EVENT_PLAN,
        None,
    )
    services.change_plan_state(moscow, PlanState.APPROVED, order=orders["msk-2023"])
    _execute(moscow, today, None, share_done=5)
    services.change_plan_state(moscow, PlanState.ARCHIVED)

    # This year's plan of the same district: copied from the 2023/2024 one, approved, executed so far.
    current_year = today.year if today.month >= 9 else today.year - 1
    current = services.copy_plan(moscow, years=current_year - moscow.period_start.year)
    order, _ = Order.objects.get_or_create(
        number="61-о",
        date=dt.date(current_year, 9, 1),
        municipality=municipalities["moskovsky"],
        defaults={"title": f"Об утверждении плана мероприятий на {current_year}/{current_year + 1} учебный год"},
    )
    services.change_plan_state(current, PlanState.APPROVED, order=order)
    _execute(current, today, None, share_done=3)
