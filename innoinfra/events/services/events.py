"""Events themselves: create and change, publish, cancel, mark held (recording the execution of linked plan items)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.site_url import absolute_url
from innoinfra.core.versioning import claim_version
from innoinfra.plans import services as plan_services
from innoinfra.plans.enums import OPEN_STATUSES, OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence

from .. import notices
from ..enums import ACTIVE_STATES, COURSE_FORMATS, EVENT_TRANSITIONS, AssessmentForm, EventState, RegistrationState
from ..models import Event
from ._common import locked
from .registration_form import clean_questions, clean_registration_fields
from .registrations import fill_free_seats

EVENT_FIELDS = (
    "title",
    "format",
    "organizer",
    "site",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "audience_group",
    "audience",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "description",
    "hours",
    "assessment_form",
)


def _check_fields(fields: dict) -> None:
    _check_course_fields(fields)
    if fields["ends_at"] < fields["starts_at"]:
        raise ServiceError("Окончание мероприятия не может быть раньше его начала.")
    deadline = fields.get("registration_deadline")
    if deadline and deadline > fields["starts_at"]:
        raise ServiceError("Регистрация должна закончиться не позже начала мероприятия.")
    if not fields.get("place") and not fields.get("online_url"):
        raise ServiceError("Укажите место проведения или ссылку для подключения.")
    site = fields.get("site")
    organizer = fields["organizer"]
    if site is not None and site.lead_organization_id != organizer.pk and not _participates(site, organizer):
        raise ServiceError("Площадка должна принадлежать организации-организатору.")


def _check_course_fields(fields: dict) -> None:
    """A course or an internship states its volume and final assessment; other events carry neither."""
    if fields["format"] not in COURSE_FORMATS:
        fields["hours"], fields["assessment_form"] = None, ""
        return
    if not fields.get("hours"):
        raise ServiceError("Укажите объём программы курса в академических часах.")
    if not 1 <= fields["hours"] <= 2000:
        raise ServiceError("Объём программы — от 1 до 2000 академических часов.")
    if fields.get("assessment_form") not in AssessmentForm.values:
        raise ServiceError("Выберите форму итоговой аттестации курса.")


def _participates(site, organization) -> bool:
    return site.participants.filter(organization=organization).exists()


@transaction.atomic
def create_event(
    *,
    by=None,
    plan_items: Iterable = (),
    co_organizers: Iterable = (),
    registration_fields: dict | None = None,
    questions: list | None = None,
    **fields,
) -> Event:
    """A draft event; its municipality is the organizer's. registration_fields and questions shape the
    registration form (see clean_registration_fields and clean_questions)."""
    fields = {name: fields.get(name) for name in EVENT_FIELDS}
    fields["capacity"] = fields["capacity"] or None
    fields["requires_approval"] = bool(fields["requires_approval"])
    for name in ("place", "online_url", "audience_group", "audience", "description"):
        fields[name] = (fields[name] or "").strip()
    _check_fields(fields)
    event = Event(**fields, municipality_id=fields["organizer"].municipality_id, created_by=by)
    event.registration_fields = clean_registration_fields(registration_fields or {})
    event.questions = clean_questions(questions or [])
    event._history_user = by
    event.save()
    event.plan_items.set(plan_items)
    _set_co_organizers(event, co_organizers)
    return event


@transaction.atomic
def update_event(
    event: Event,
    *,
    by=None,
    plan_items: Iterable | None = None,
    co_organizers: Iterable | None = None,
    registration_fields: dict | None = None,
    questions: list | None = None,
    version: int | None = None,
    **fields,
) -> Event:
    """None for registration_fields or questions keeps them as they are. `version` is the one the editor read: if
    someone saved the event since, VersionConflict and nothing changes."""
    event = locked(event)
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Проведённое или отменённое мероприятие не редактируется.")
    claim_version(event, version)
    values = {name: fields.get(name, getattr(event, name)) for name in EVENT_FIELDS}
    values["capacity"] = values["capacity"] or None
    _check_fields(values)
    for name, value in values.items():
        setattr(event, name, value)
    if registration_fields is not None:
        event.registration_fields = clean_registration_fields(registration_fields)
    if questions is not None:
        event.questions = clean_questions(questions)
    event.municipality_id = event.organizer.municipality_id
    event._history_user = by
    event.save()
    if plan_items is not None:
        event.plan_items.set(plan_items)
    if co_organizers is not None:
        _set_co_organizers(event, co_organizers)
    fill_free_seats(event)
    return event


def _set_co_organizers(event: Event, organizations: Iterable) -> None:
    event.co_organizers.set([org for org in organizations if org.pk != event.organizer_id])


def _set_state(event: Event, new_state: str, *, by) -> Event:
    if new_state not in EVENT_TRANSITIONS[EventState(event.state)]:
        raise ServiceError(
            f"Мероприятие в состоянии «{EventState(event.state).label}» нельзя перевести "
            f"в состояние «{EventState(new_state).label}»."
        )
    event.state = new_state
    event._history_user = by
    update = ["state", "updated_at"]
    if new_state == EventState.PUBLISHED:
        event.published_at = timezone.now()
        update.append("published_at")
    event.save(update_fields=update)
    return event


@transaction.atomic
def publish_event(event: Event, *, by=None) -> Event:
    """Announce the event: it appears in the public list, the calendar and the ICS feed; registration opens."""
    locked(event)
    return _set_state(event, EventState.PUBLISHED, by=by)


@transaction.atomic
def cancel_event(event: Event, *, by=None, reason: str = "") -> Event:
    """Cancel the event; everyone registered and not cancelled hears of it (after commit)."""
    locked(event)
    _set_state(event, EventState.CANCELLED, by=by)
    registrations = list(event.registrations.filter(state__in=ACTIVE_STATES))
    notices.event_cancelled(event, registrations, reason=reason.strip())
    return event


@transaction.atomic
def mark_held(event: Event, *, by=None, now: dt.datetime | None = None) -> Event:
    """Record that the event took place. Items of approved plans linked to the event get their execution
    marked on the occurrence that covers the event's date, with a link to the event as evidence."""
    locked(event)
    now = now or timezone.now()
    if event.state == EventState.PUBLISHED and event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: отметить его проведённым можно после начала.")
    _set_state(event, EventState.HELD, by=by)
    _record_plan_execution(event, by=by)
    return event


def _record_plan_execution(event: Event, *, by) -> int:
    day = timezone.localtime(event.starts_at).date()
    attended = event.registrations.filter(state=RegistrationState.ATTENDED).count()
    comment = f"Проведено мероприятие «{event.title}» {day:%d.%m.%Y}"
    comment += f", присутствовали: {attended}." if attended else "."
    link = ("Мероприятие в системе", absolute_url(reverse("events:detail", args=[event.pk])))
    recorded = 0
    occurrences = Occurrence.objects.filter(
        item__in=event.plan_items.all(), plan__state=PlanState.APPROVED, status__in=OPEN_STATUSES
    ).select_related("plan", "item")
    chosen: dict[int, Occurrence] = {}
    for occurrence in occurrences.order_by("due_date"):
        covers = occurrence.start_date <= day <= occurrence.due_date
        same_month = (occurrence.due_date.year, occurrence.due_date.month) == (day.year, day.month)
        if (covers or same_month) and occurrence.item_id not in chosen:
            chosen[occurrence.item_id] = occurrence
    for occurrence in chosen.values():
        plan_services.record_execution(
            occurrence,
            by=by,
            status=OccurrenceStatus.DONE,
            completed_on=day,
            comment=comment,
            links=[link],
            today=max(day, timezone.localdate()),
        )
        recorded += 1
    return recorded


def allowed_transitions(event: Event) -> list[EventState]:
    return [EventState(state) for state in EVENT_TRANSITIONS[EventState(event.state)]]
