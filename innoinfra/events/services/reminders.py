"""Reminders to confirmed participants of events starting within a day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .. import notices
from ..enums import EventState, RegistrationState
from ..models import Registration

REMIND_AHEAD = dt.timedelta(hours=24)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind confirmed participants of events starting within a day; each is reminded once (reminded_at),
    so running the command again, even at the same time, mails nobody twice. Returns how many were reminded."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            state=RegistrationState.CONFIRMED,
            reminded_at__isnull=True,
            event__state=EventState.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMIND_AHEAD,
        )
        .select_related("event__organizer", "user")
        .order_by("event__starts_at", "id")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # each row is claimed by a conditional update: a run racing this one finds it taken
            if Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
                notices.reminder(registration)
                sent += 1
    return sent
