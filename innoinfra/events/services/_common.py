"""What several service modules of events share: the event's row locked, the phrase for its state."""

from __future__ import annotations

from ..enums import EventState
from ..models import Event


def locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends; the caller's object gets the fresh values."""
    fresh = Event.objects.select_for_update().get(pk=event.pk)
    for field in Event._meta.concrete_fields:
        setattr(event, field.attname, getattr(fresh, field.attname))
    return event


def state_phrase(event: Event) -> str:
    return {
        EventState.DRAFT: "ещё не опубликовано",
        EventState.HELD: "уже проведено",
        EventState.CANCELLED: "отменено",
    }.get(event.state, "недоступно")
