"""What the API shows each user: public events and the ones they run, their own registrations and those of
their events."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import queries
from ..enums import PUBLIC_STATES
from ..models import Event, Registration


def organized_events(user) -> QuerySet[Event]:
    """Ids of the events the user runs (drafts included), as a subquery."""
    return queries.events_for_organizer(user).values("pk")


def events_visible_to(user) -> QuerySet[Event]:
    return Event.objects.filter(Q(state__in=PUBLIC_STATES) | Q(pk__in=organized_events(user)))


def registrations_visible_to(user) -> QuerySet[Registration]:
    """The user's own registrations and those of the events they organize (events.view_registrations)."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(Q(user=user) | Q(event__in=organized_events(user)))
