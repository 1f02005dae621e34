"""Registrations: register (confirmed, waiting list or pending), cancel, approve; the waiting list moves up as
seats free."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from .. import notices
from ..enums import ACTIVE_STATES, SEATED_STATES, EventState, RegistrationState
from ..models import Event, Registration
from ..queries import owned_by
from ._common import locked, state_phrase
from .registration_form import checked_answers, checked_standard_fields


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
    answers: dict | None = None,
    user=None,
    registered_by=None,
    organization=None,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person (with or without an account). Confirmed while seats last, then the waiting list;
    an event whose organizer approves participants puts everyone on «pending». The person gets an e-mail
    with the link to their own page. The standard fields and the answers to the organizer's questions are
    checked against the event's form: a required one left empty, or an answer to no question, is refused.
    `user` is the account the registration belongs to; `registered_by` who filled the form for the person (a
    school's head), and `organization` the school that sent them (services.group)."""
    now = now or timezone.now()
    locked(event)
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Регистрация закрыта: мероприятие {state_phrase(event)}.")
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
    standard = checked_standard_fields(
        event, {"organization_name": organization_name, "position": position, "phone": phone}
    )
    answers = checked_answers(event, answers or {})
    if event.requires_approval:
        state = RegistrationState.PENDING
    elif _has_free_seat(event):
        state = RegistrationState.CONFIRMED
    else:
        state = RegistrationState.WAITING
    registration = Registration(
        event=event,
        user=user if user is not None and user.is_authenticated else None,
        registered_by=registered_by if registered_by is not None and registered_by.is_authenticated else None,
        organization=organization,
        full_name=full_name[:300],
        organization_name=standard["organization_name"][:500],
        position=standard["position"][:300],
        email=email,
        phone=standard["phone"][:50],
        answers=answers,
        consent_at=now,
        state=state,
    )
    registration.save()
    notices.registered(registration)
    return registration


def fill_free_seats(event: Event) -> list[Registration]:
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
    event = locked(registration.event)
    registration.refresh_from_db()
    if registration.state == RegistrationState.CANCELLED:
        raise ServiceError("Регистрация уже отменена.")
    if registration.state == RegistrationState.ATTENDED or event.state == EventState.HELD:
        raise ServiceError("Мероприятие уже проведено: регистрацию отменить нельзя.")
    registration.state = RegistrationState.CANCELLED
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    fill_free_seats(event)
    return registration


def registration_of_user(event: Event, user) -> Registration | None:
    """The user's live registration: made from their account, or under their address by anyone (their school's
    head, or themselves before they logged in)."""
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(owned_by(user), state__in=ACTIVE_STATES).order_by("-created_at").first()
    )


@transaction.atomic
def cancel_registration_of_user(event: Event, user) -> Registration:
    registration = registration_of_user(event, user)
    if registration is None:
        raise ServiceError("Вы не зарегистрированы на это мероприятие.")
    return cancel_registration(registration, by=user)


@transaction.atomic
def approve_registration(registration: Registration, *, by=None) -> Registration:
    """The organizer admits a pending participant: confirmed if a seat is free, else the waiting list."""
    event = locked(registration.event)
    registration.refresh_from_db()
    if registration.state != RegistrationState.PENDING:
        raise ServiceError("Подтвердить можно только регистрацию, ожидающую подтверждения.")
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Подтверждать участников нельзя: мероприятие {state_phrase(event)}.")
    registration.state = RegistrationState.CONFIRMED if _has_free_seat(event) else RegistrationState.WAITING
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    notices.approved(registration)
    return registration
