"""The demo's events: the seed plans' events of the current academic year, past ones held with attendance and
certificates one can verify, future ones open for registration."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from innoinfra.core.dates import academic_year_bounds, academic_year_of
from innoinfra.events.enums import EventState, RegistrationState
from innoinfra.events.models import Certificate, Event

pytestmark = pytest.mark.django_db


def test_the_demo_has_held_events_with_certificates_and_open_ones(client):
    call_command("loaddemo")
    first, last = academic_year_bounds(academic_year_of(timezone.localdate()))
    events = Event.objects.filter(starts_at__date__gte=first, starts_at__date__lte=last)
    assert events.count() >= 10
    held = events.filter(state=EventState.HELD)
    assert held.exists()
    attended = held.filter(registrations__state=RegistrationState.ATTENDED).distinct()
    assert attended.count() == held.count()
    assert Certificate.objects.filter(event__in=held).count() == sum(
        e.registrations.filter(state=RegistrationState.ATTENDED).count() for e in held
    )
    certificate = Certificate.objects.order_by("pk").first()
    assert "Документ подлинный" in client.get(f"/certificates/{certificate.number}/").content.decode()
    upcoming = events.filter(state=EventState.PUBLISHED, starts_at__gt=timezone.now())
    assert upcoming.exists()
    call_command("loaddemo")
    assert Certificate.objects.count() == Certificate.objects.values("number").distinct().count()
