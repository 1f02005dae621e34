"""What the system already knows about an organization's year: the figures a report is prefilled with.

Each fact is one aggregate query grouped by organization, so a campaign opening for hundreds of organizations costs
as many queries as there are facts, not as many as there are organizations. An indicator whose code is a fact's
code gets the fact's value; the organization may still correct it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from innoinfra.consultations.models import Consultation
from innoinfra.events.enums import EventState, RegistrationState
from innoinfra.events.models import Certificate, Event, Registration
from innoinfra.mentoring.models import MentoringPair
from innoinfra.plans.enums import OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence
from innoinfra.publications.enums import PublicationLevel
from innoinfra.publications.models import Publication
from innoinfra.reference.models import Organization
from innoinfra.review.models import Application

FACTS = {
    "plan_items_due": "Пунктов плана со сроком в периоде (без отменённых)",
    "plan_items_done": "Из них выполнено",
    "events_held": "Проведено мероприятий (организатор — организация)",
    "event_participants": "Участников проведённых мероприятий (отмечены присутствующими)",
    "certificates_issued": "Выдано сертификатов по проведённым мероприятиям",
    "mentoring_pairs": "Наставнических пар с участием организации (наставник или подопечный)",
    "applications_submitted": "Подано заявок на статус (конкурсы)",
    "consultations_received": "Получено консультаций (журнал консультаций)",
    "publications_total": "Публикаций и выступлений (трансляция опыта), всего",
    **{f"publications_{level.value}": f"Из них уровня: {level.label.lower()}" for level in PublicationLevel},
}


def _grouped(rows, key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def plan_execution(ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    rows = (
        Occurrence.objects.filter(plan__organization_id__in=ids, due_date__range=(start, end))
        .exclude(plan__state=PlanState.DRAFT)
        .exclude(status=OccurrenceStatus.CANCELLED)
        .values("plan__organization_id")
        .annotate(due=Count("id"), done=Count("id", filter=Q(status=OccurrenceStatus.DONE)))
    )
    return {r["plan__organization_id"]: {"plan_items_due": r["due"], "plan_items_done": r["done"]} for r in rows}


def _held_events(prefix: str, ids: list[int], start: dt.date, end: dt.date) -> Q:
    return Q(
        **{
            f"{prefix}organizer_id__in": ids,
            f"{prefix}state": EventState.HELD,
            f"{prefix}starts_at__date__range": (start, end),
        }
    )


def events_held(ids, start, end) -> dict[int, int]:
    rows = Event.objects.filter(_held_events("", ids, start, end)).values("organizer_id").annotate(n=Count("id"))
    return _grouped(rows, "organizer_id")


def event_participants(ids, start, end) -> dict[int, int]:
    rows = (
        Registration.objects.filter(_held_events("event__", ids, start, end), state=RegistrationState.ATTENDED)
        .values("event__organizer_id")
        .annotate(n=Count("id"))
    )
    return _grouped(rows, "event__organizer_id")


def certificates_issued(ids, start, end) -> dict[int, int]:
    rows = (
        Certificate.objects.filter(_held_events("event__", ids, start, end), revoked_at__isnull=True)
        .values("event__organizer_id")
        .annotate(n=Count("id"))
    )
    return _grouped(rows, "event__organizer_id")


def mentoring_pairs(ids, start, end) -> dict[int, int]:
    """Pairs that worked at some time in the period, with the organization on either side."""

    in_period = Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))

    def side(lookup: str):
        pairs = (
            MentoringPair.objects.filter(in_period, **{lookup: OuterRef("pk")})
            .order_by()
            .values(lookup)
            .annotate(n=Count("id"))
            .values("n")
        )
        return Coalesce(Subquery(pairs, output_field=IntegerField()), Value(0))

    rows = (
        Organization.objects.filter(pk__in=ids)
        .annotate(n=side("request__organization") + side("offer__mentor_organization"))
        .values("pk", "n")
    )
    return {row["pk"]: row["n"] for row in rows}


def applications_submitted(ids, start, end) -> dict[int, int]:
    rows = (
        Application.objects.filter(lead_organization_id__in=ids, submitted_at__date__range=(start, end))
        .values("lead_organization_id")
        .annotate(n=Count("id"))
    )
    return _grouped(rows, "lead_organization_id")


def consultations_received(ids, start, end) -> dict[int, int]:
    rows = (
        Consultation.objects.filter(organization_id__in=ids, held_on__range=(start, end))
        .values("organization_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _grouped(rows, "organization_id")


def publications(ids, start, end) -> dict[int, dict[str, int]]:
    """Publications of the organization dated in the period, in all and by the outlet's level (one query)."""
    rows = (
        Publication.objects.filter(organization_id__in=ids, published_on__range=(start, end))
        .values("organization_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        values = result.setdefault(row["organization_id"], {"publications_total": 0})
        values["publications_total"] += row["n"]
        values[f"publications_{row['level']}"] = row["n"]
    return result


def facts_for(organization_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """organization id → {fact code: value} for the period, zeros where nothing happened."""
    ids = sorted(set(organization_ids))
    result = {pk: dict.fromkeys(FACTS, 0) for pk in ids}
    if not ids:
        return result
    for pk, values in plan_execution(ids, start, end).items():
        result[pk].update(values)
    for pk, values in publications(ids, start, end).items():
        result[pk].update(values)
    for code, fact in (
        ("events_held", events_held),
        ("event_participants", event_participants),
        ("certificates_issued", certificates_issued),
        ("mentoring_pairs", mentoring_pairs),
        ("applications_submitted", applications_submitted),
        ("consultations_received", consultations_received),
    ):
        for pk, value in fact(ids, start, end).items():
            result[pk][code] = value
    return result
