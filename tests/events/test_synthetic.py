"""The events of the synthetic region: as many as the scale says, realistic, the same for the same seed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from innoinfra.demo.synthetic.events import SCALES
from innoinfra.demo.synthetic.registry import REGION_NAME
from innoinfra.events.enums import SEATED_STATES, EventFormat, EventState, RegistrationState
from innoinfra.events.models import Event, Registration

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db
SMALL = SCALES["small"]


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_synthetic", scale="small", stdout=out, **options)
    return out.getvalue()


def synthetic_events():
    return Event.objects.filter(municipality__region__name=REGION_NAME)


def test_it_builds_the_events_and_registrations_of_the_scale():
    out = generate()

    assert f"мероприятий — {SMALL['events']}, регистраций — {SMALL['registrations']}" in out
    events = synthetic_events()
    assert events.count() == SMALL["events"]
    assert Registration.objects.filter(event__in=events).count() == SMALL["registrations"]
    assert set(events.values_list("format", flat=True)) == set(EventFormat.values)
    states = set(events.values_list("state", flat=True))
    assert states == set(EventState.values)
    public = events.exclude(state=EventState.DRAFT)
    assert public.filter(published_at__isnull=True).count() == 0
    assert public.count() > SMALL["events"] * 0.8
    assert events.filter(capacity__isnull=False).exists() and events.filter(site__isnull=False).exists()
    for event in events.select_related("organizer", "site"):
        assert event.municipality_id == event.organizer.municipality_id
        assert event.starts_at <= event.ends_at
        assert event.site is None or event.site.lead_organization_id == event.organizer_id
        assert event.place or event.online_url


def test_the_registrations_respect_the_seats_and_the_rules_of_the_services():
    generate()
    registrations = Registration.objects.filter(event__municipality__region__name=REGION_NAME)
    found = set(registrations.values_list("state", flat=True))
    assert {RegistrationState.CONFIRMED, RegistrationState.WAITING, RegistrationState.ATTENDED,
            RegistrationState.CANCELLED} <= found  # fmt: skip
    assert not registrations.filter(event__state=EventState.DRAFT).exists()
    assert not registrations.filter(state=RegistrationState.ATTENDED).exclude(event__state=EventState.HELD).exists()
    full = (
        synthetic_events()
        .filter(capacity__isnull=False)
        .annotate(seated=Count("registrations", filter=Q(registrations__state__in=SEATED_STATES)))
    )
    assert all(event.seated <= event.capacity for event in full)
    assert not registrations.filter(created_at__gt=F("event__starts_at")).exists()
    person = registrations.order_by("pk").first()
    assert len(person.full_name.split()) == 3 and person.email.endswith(".example.ru")
    assert person.token and registrations.values("token").distinct().count() == SMALL["registrations"]
    biggest = synthetic_events().annotate(n=Count("registrations")).order_by("-n").first()
    assert biggest.n > 100


def test_it_gives_the_same_events_for_the_same_seed():
    def snapshot():
        events = list(synthetic_events().order_by("pk").values_list("title", "format", "state", "starts_at"))
        people = list(
            Registration.objects.filter(event__municipality__region__name=REGION_NAME)
            .order_by("pk")
            .values_list("full_name", "email", "state")
        )
        return events, people

    generate(seed=3)
    first = snapshot()
    generate(seed=3, replace=True)
    assert snapshot() == first


def test_replacing_keeps_the_events_of_other_regions(school):
    own = make_event(school, title="Своё мероприятие")
    sign_up(own, 2)
    generate()
    generate(replace=True)
    assert synthetic_events().count() == SMALL["events"]
    assert Event.objects.filter(pk=own.pk).exists() and own.registrations.count() == 2
