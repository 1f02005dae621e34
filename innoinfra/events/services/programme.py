"""The programme: parts of an event (or meetings of a series) within its dates, and the programme by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from ..enums import EventState
from ..models import Event, Session
from ._common import locked

SESSION_FIELDS = ("starts_at", "ends_at", "title", "speakers", "place")


def _changeable(event: Event) -> None:
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Программа проведённого или отменённого мероприятия не меняется.")


def _session_values(event: Event, fields: dict) -> dict:
    values = {name: fields.get(name) for name in SESSION_FIELDS}
    values["title"] = " ".join((values["title"] or "").split())
    values["place"] = (values["place"] or "").strip()
    speakers = (values["speakers"] or "").splitlines()
    values["speakers"] = "\n".join(line.strip() for line in speakers if line.strip())
    start, end = values["starts_at"], values["ends_at"]
    if not values["title"]:
        raise ServiceError("Укажите тему.")
    if start is None:
        raise ServiceError("Укажите время начала.")
    if end is not None and end < start:
        raise ServiceError("Окончание не может быть раньше начала.")
    if start < event.starts_at or (end or start) > event.ends_at:
        from ..templatetags.events import event_when

        raise ServiceError(f"Часть программы должна пройти в сроки мероприятия: {event_when(event)}.")
    return values


@transaction.atomic
def add_session(event: Event, *, by=None, **fields) -> Session:
    """A part of the programme (or a meeting of a series) within the event's dates."""
    locked(event)
    _changeable(event)
    return Session.objects.create(event=event, **_session_values(event, fields))


@transaction.atomic
def update_session(session: Session, *, by=None, **fields) -> Session:
    event = locked(session.event)
    _changeable(event)
    for name, value in _session_values(event, fields).items():
        setattr(session, name, value)
    session.save()
    return session


@transaction.atomic
def delete_session(session: Session, *, by=None) -> None:
    _changeable(locked(session.event))
    session.delete()


def by_day(sessions: Iterable[Session]) -> list[tuple[dt.date, list[Session]]]:
    """The programme as the page shows it: days in order, each with its sessions (already in time order)."""
    days: dict[dt.date, list[Session]] = {}
    for session in sessions:
        days.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return list(days.items())
