"""Business actions on events and registrations. Each runs in a transaction and refuses what the rules forbid
with a Russian ServiceError, changing nothing; callers check permissions first (views ask the `rules` perms).

Seats are never overbooked: every action that takes or frees a seat locks the event's row (SELECT … FOR UPDATE)
and counts the seats inside the same transaction, so two people racing for the last seat are served one after
the other (on PostgreSQL; SQLite serialises writers anyway)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.notifications import absolute_url

from . import notices
from .enums import ACTIVE_STATES, EVENT_TRANSITIONS, SEATED_STATES, EventState, RegistrationState
from .models import Event, Registration

# participants arrive before the start: the door opens for check-in an hour early
CHECK_IN_EARLY = dt.timedelta(hours=1)

EVENT_FIELDS = (
    "title",
    "format",
    "organizer",
    "site",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "audience",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "description",
)


# ---------------------------------------------------------------- events


def _check_fields(fields: dict) -> None:
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


def _participates(site, organization) -> bool:
    return site.participants.filter(organization=organization).exists()


@transaction.atomic
def create_event(*, by=None, plan_items: Iterable = (), **fields) -> Event:
    """A draft event; its municipality is the organizer's."""
    fields = {name: fields.get(name) for name in EVENT_FIELDS}
    fields["capacity"] = fields["capacity"] or None
    fields["requires_approval"] = bool(fields["requires_approval"])
    for name in ("place", "online_url", "audience", "description"):
        fields[name] = (fields[name] or "").strip()
    _check_fields(fields)
    event = Event(**fields, municipality_id=fields["organizer"].municipality_id, created_by=by)
    event._history_user = by
    event.save()
    event.plan_items.set(plan_items)
    return event


@transaction.atomic
def update_event(event: Event, *, by=None, plan_items: Iterable | None = None, **fields) -> Event:
    event = _locked(event)
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Проведённое или отменённое мероприятие не редактируется.")
    values = {name: fields.get(name, getattr(event, name)) for name in EVENT_FIELDS}
    values["capacity"] = values["capacity"] or None
    _check_fields(values)
    for name, value in values.items():
        setattr(event, name, value)
    event.municipality_id = event.organizer.municipality_id
    event._history_user = by
    event.save()
    if plan_items is not None:
        event.plan_items.set(plan_items)
    _fill_free_seats(event)
    return event


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends; the caller's object gets the fresh values."""
    fresh = Event.objects.select_for_update().get(pk=event.pk)
    for field in Event._meta.concrete_fields:
        setattr(event, field.attname, getattr(fresh, field.attname))
    return event


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
    _locked(event)
    return _set_state(event, EventState.PUBLISHED, by=by)


@transaction.atomic
def cancel_event(event: Event, *, by=None, reason: str = "") -> Event:
    """Cancel the event; everyone registered and not cancelled hears of it (after commit)."""
    _locked(event)
    _set_state(event, EventState.CANCELLED, by=by)
    registrations = list(event.registrations.filter(state__in=ACTIVE_STATES))
    notices.event_cancelled(event, registrations, reason=reason.strip())
    return event


@transaction.atomic
def mark_held(event: Event, *, by=None, now: dt.datetime | None = None) -> Event:
    """Record that the event took place. Items of approved plans linked to the event get their execution
    marked on the occurrence that covers the event's date, with a link to the event as evidence."""
    _locked(event)
    now = now or timezone.now()
    if event.state == EventState.PUBLISHED and event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: отметить его проведённым можно после начала.")
    _set_state(event, EventState.HELD, by=by)
    _record_plan_execution(event, by=by)
    return event


def _record_plan_execution(event: Event, *, by) -> int:
    from innoinfra.plans import services as plan_services
    from innoinfra.plans.enums import OPEN_STATUSES, OccurrenceStatus, PlanState
    from innoinfra.plans.models import Occurrence

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


# ---------------------------------------------------------------- registrations


def seats_taken(event: Event) -> int:
    return event.registrations.filter(state__in=SEATED_STATES).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


@transaction.atomic
def register(
    *,
    event: Event,
    full_name: str,
    email: str,
    consent: bool,
    organization_name: str = "",
    position: str = "",
    phone: str = "",
    user=None,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person (with or without an account). Confirmed while seats last, then the waiting list;
    an event whose organizer approves participants puts everyone on «pending». The person gets an e-mail
    with the link to their own page."""
    now = now or timezone.now()
    _locked(event)
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Регистрация закрыта: мероприятие {_state_phrase(event)}.")
    if now >= event.registration_closes_at:
        raise ServiceError("Регистрация на это мероприятие закончилась.")
    if not consent:
        raise ServiceError("Для регистрации нужно согласие на обработку персональных данных.")
    email = email.strip().lower()
    full_name = " ".join(full_name.split())
    if not full_name or not email:
        raise ServiceError("Укажите фамилию, имя, отчество и адрес электронной почты.")
    if event.registrations.filter(email=email, state__in=ACTIVE_STATES).exists():
        raise ServiceError("Участник с этим адресом электронной почты уже зарегистрирован на мероприятие.")
    if event.requires_approval:
        state = RegistrationState.PENDING
    elif _has_free_seat(event):
        state = RegistrationState.CONFIRMED
    else:
        state = RegistrationState.WAITING
    registration = Registration(
        event=event,
        user=user if user is not None and user.is_authenticated else None,
        full_name=full_name[:300],
        organization_name=organization_name.strip()[:500],
        position=position.strip()[:300],
        email=email,
        phone=phone.strip()[:50],
        consent_at=now,
        state=state,
    )
    registration.save()
    notices.registered(registration)
    return registration


def _state_phrase(event: Event) -> str:
    return {
        EventState.DRAFT: "ещё не опубликовано",
        EventState.HELD: "уже проведено",
        EventState.CANCELLED: "отменено",
    }.get(event.state, "недоступно")


def _fill_free_seats(event: Event) -> list[Registration]:
    """Move people from the waiting list up, first come first served, while seats are free (the event is locked
    by the caller). Each one promoted is told."""
    if event.state != EventState.PUBLISHED:
        return []
    waiting = event.registrations.filter(state=RegistrationState.WAITING).order_by("created_at", "id")
    if event.capacity is not None:
        free = event.capacity - seats_taken(event)
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.state = RegistrationState.CONFIRMED
        registration.save(update_fields=["state", "updated_at"])
        notices.promoted(registration)
    return promoted


@transaction.atomic
def cancel_registration(registration: Registration, *, by=None) -> Registration:
    """The participant (by the link or from their account) or the organizer cancels a registration; a freed
    seat goes to the first person on the waiting list."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.state == RegistrationState.CANCELLED:
        raise ServiceError("Регистрация уже отменена.")
    if registration.state == RegistrationState.ATTENDED or event.state == EventState.HELD:
        raise ServiceError("Мероприятие уже проведено: регистрацию отменить нельзя.")
    registration.state = RegistrationState.CANCELLED
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    _fill_free_seats(event)
    return registration


def registration_of_user(event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user, state__in=ACTIVE_STATES).order_by("-created_at").first()


@transaction.atomic
def cancel_registration_of_user(event: Event, user) -> Registration:
    registration = registration_of_user(event, user)
    if registration is None:
        raise ServiceError("Вы не зарегистрированы на это мероприятие.")
    return cancel_registration(registration, by=user)


@transaction.atomic
def approve_registration(registration: Registration, *, by=None) -> Registration:
    """The organizer admits a pending participant: confirmed if a seat is free, else the waiting list."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.state != RegistrationState.PENDING:
        raise ServiceError("Подтвердить можно только регистрацию, ожидающую подтверждения.")
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Подтверждать участников нельзя: мероприятие {_state_phrase(event)}.")
    registration.state = RegistrationState.CONFIRMED if _has_free_seat(event) else RegistrationState.WAITING
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    notices.approved(registration)
    return registration


@transaction.atomic
def mark_attendance(event: Event, *, attended: Iterable[int], by=None, now: dt.datetime | None = None) -> int:
    """Set attendance by the list of registration ids present: those listed become «attended», confirmed
    participants not listed stay (or become again) «confirmed». Returns how many attended."""
    _locked(event)
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {_state_phrase(event)}.")
    if event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: присутствие отмечается после его начала.")
    present = {int(pk) for pk in attended}
    seated = event.registrations.filter(state__in=SEATED_STATES)
    unknown = present - set(seated.values_list("pk", flat=True))
    if unknown:
        raise ServiceError("Присутствие отмечается только у участников с подтверждённой регистрацией.")
    seated.filter(pk__in=present, attended_at__isnull=True).update(attended_at=now)
    seated.filter(pk__in=present).update(state=RegistrationState.ATTENDED, updated_at=now)
    seated.exclude(pk__in=present).update(state=RegistrationState.CONFIRMED, attended_at=None, updated_at=now)
    return len(present)


@transaction.atomic
def check_in(registration: Registration, *, by=None, now: dt.datetime | None = None) -> Registration:
    """Mark one participant present: the organizer scans the QR code of the participant's page, or the API's
    «attend». Checking in twice is harmless (the first time stays recorded)."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {_state_phrase(event)}.")
    if event.starts_at - CHECK_IN_EARLY > now:
        raise ServiceError("Отметка присутствия открывается за час до начала мероприятия.")
    if registration.state == RegistrationState.ATTENDED:
        return registration
    if registration.state != RegistrationState.CONFIRMED:
        raise ServiceError(
            f"Отметить нельзя: регистрация в состоянии «{RegistrationState(registration.state).label}»."
        )
    registration.state = RegistrationState.ATTENDED
    registration.attended_at = now
    registration._history_user = by
    registration.save(update_fields=["state", "attended_at", "updated_at"])
    return registration
