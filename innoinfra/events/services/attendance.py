"""Attendance: the organizer's list of who was present, and check-in by the participant's QR code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from ..enums import SEATED_STATES, EventState, RegistrationState
from ..models import Event, Registration
from ._common import locked, state_phrase

# participants arrive before the start: the door opens for check-in an hour early
CHECK_IN_EARLY = dt.timedelta(hours=1)


@transaction.atomic
def mark_attendance(
    event: Event,
    *,
    attended: Iterable[int],
    among: Iterable[int] | None = None,
    by=None,
    now: dt.datetime | None = None,
) -> int:
    """Set attendance by the list of registration ids present: those listed become «attended», confirmed
    participants not listed stay (or become again) «confirmed». With `among` (the rows of the page the organizer
    marked) only those registrations change: the participants on other pages keep their marks. Returns how many
    attended."""
    locked(event)
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {state_phrase(event)}.")
    if event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: присутствие отмечается после его начала.")
    present = {int(pk) for pk in attended}
    seated = event.registrations.filter(state__in=SEATED_STATES)
    if among is not None:
        shown = {int(pk) for pk in among}
        if present - shown:
            raise ServiceError("Список присутствующих не совпадает со страницей: обновите страницу и отметьте снова.")
        seated = seated.filter(pk__in=shown)
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
    event = locked(registration.event)
    registration.refresh_from_db()
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {state_phrase(event)}.")
    if event.starts_at - CHECK_IN_EARLY > now:
        raise ServiceError("Отметка присутствия открывается за час до начала мероприятия.")
    if registration.state == RegistrationState.ATTENDED:
        return registration
    if registration.state != RegistrationState.CONFIRMED:
        raise ServiceError(f"Отметить нельзя: регистрация в состоянии «{RegistrationState(registration.state).label}».")
    registration.state = RegistrationState.ATTENDED
    registration.attended_at = now
    registration._history_user = by
    registration.save(update_fields=["state", "attended_at", "updated_at"])
    return registration


def can_check_in_now(registration: Registration, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    event = registration.event
    return (
        event.state in (EventState.PUBLISHED, EventState.HELD)
        and event.starts_at - CHECK_IN_EARLY <= now
        and registration.state == RegistrationState.CONFIRMED
    )
