"""Feedback after the event: the participant's short form, the organizer opening and closing it, the summary."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from ..enums import SEATED_STATES, EventState
from ..models import Event, Feedback, Registration
from ._common import locked

FEEDBACK_LENGTH = 4000
MARKS = (5, 4, 3, 2, 1)


def _feedback_refusal(registration: Registration, now: dt.datetime) -> str | None:
    event = registration.event
    if event.state == EventState.CANCELLED:
        return "Мероприятие отменено: отзывы не собираются."
    if not (event.state == EventState.HELD or (event.state == EventState.PUBLISHED and event.ends_at <= now)):
        return "Отзыв можно оставить после окончания мероприятия."
    if not event.feedback_open:
        return "Организатор закрыл анкету обратной связи."
    if registration.state not in SEATED_STATES:
        return "Отзыв оставляют участники мероприятия."
    if Feedback.objects.filter(registration=registration).exists():
        return "Вы уже оставили отзыв. Спасибо!"
    return None


def feedback_allowed(registration: Registration, now: dt.datetime | None = None) -> bool:
    return _feedback_refusal(registration, now or timezone.now()) is None


@transaction.atomic
def leave_feedback(
    registration: Registration,
    *,
    rating,
    useful: str = "",
    suggestions: str = "",
    now: dt.datetime | None = None,
) -> Feedback:
    """The participant's answer to the short form after the event: once per registration."""
    locked(registration.event)
    registration.refresh_from_db()
    refusal = _feedback_refusal(registration, now or timezone.now())
    if refusal:
        raise ServiceError(refusal)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ServiceError("Оценка — от 1 до 5.")
    useful, suggestions = (useful or "").strip(), (suggestions or "").strip()
    if len(useful) > FEEDBACK_LENGTH or len(suggestions) > FEEDBACK_LENGTH:
        raise ServiceError(f"Ответ длиннее {FEEDBACK_LENGTH} знаков: сократите его.")
    return Feedback.objects.create(registration=registration, rating=rating, useful=useful, suggestions=suggestions)


@transaction.atomic
def set_feedback_open(event: Event, *, is_open: bool, by=None) -> Event:
    locked(event)
    if event.state == EventState.CANCELLED:
        raise ServiceError("Мероприятие отменено: отзывы не собираются.")
    event.feedback_open = bool(is_open)
    event._history_user = by
    event.save(update_fields=["feedback_open", "updated_at"])
    return event


def feedback_summary(event: Event) -> dict:
    """Count, mean rating and how many gave each mark — one query; the comments are the caller's to list."""
    feedback = Feedback.objects.filter(registration__event=event)
    marks = dict(feedback.values_list("rating").annotate(n=Count("id")).order_by())
    total = sum(marks.values())
    return {
        "count": total,
        "mean": sum(mark * n for mark, n in marks.items()) / total if total else None,
        # (mark, how many, share in per cent), best first, for the bars of the summary
        "marks": [(mark, marks.get(mark, 0), round(100 * marks.get(mark, 0) / (total or 1))) for mark in MARKS],
    }
