"""A small district for monitoring, with every figure known by hand.

Amursky in the 2025/2026 academic year (YEAR) and the year before:
- sites: school № 1 holds a МИП since 2024 (direction «Функциональная грамотность»), school № 2 a МИП since
  September 2025, school № 3 a МАП that ended in June 2025, the kindergarten a МИП revoked by order in March 2025
  → 2025/26: 2 sites (2 МИП); 2024/25: 3 sites (2 МИП, 1 МАП);
- applications: 2025/26 — school № 2 approved, school № 3 rejected, one draft never submitted; 2024/25 — school
  № 1 approved;
- plans: the district's approved plan (a seminar in October, done; a round table in May, overdue), a draft plan
  (ignored) and school № 1's site plan (diagnostics in November, overdue);
- events: a seminar of school № 1 in October 2025 (held, 3 registered, 2 present), a webinar of the methodological
  centre in February 2026 (held, 1 present), a master class of school № 2 in December 2025 (published, never
  marked held), a seminar of school № 1 in November 2024 (held, 1 present);
- mentoring: one open request of school № 1;
- without any innovation activity in 2025/26: the kindergarten and school № 9.
Vyselki has one МИП of its own in 2025/26, which nobody in Amursky may see.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from innoinfra.events.enums import EventState, RegistrationState
from innoinfra.events.models import Event, Registration
from innoinfra.plans.enums import OccurrenceStatus, PlanKind
from innoinfra.plans.models import Occurrence
from innoinfra.reference.enums import OrganizationType
from innoinfra.registry import services as registry_services
from innoinfra.registry.enums import SiteState
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application
from tests.events.factories import make_event, sign_up
from tests.factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site
from tests.mentoring.factories import make_request
from tests.plans.factories import make_plan
from tests.review.factories import make_application, make_call

YEAR = 2025
PERIOD = (dt.date(2025, 9, 1), dt.date(2026, 8, 31))


def moment(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def held(organizer, when, *, present, registered=None, fmt="seminar", title="Семинар"):
    event = make_event(organizer, title=title, format=fmt)
    registrations = sign_up(event, registered or present)
    Registration.objects.filter(pk__in=[r.pk for r in registrations[:present]]).update(state=RegistrationState.ATTENDED)
    Event.objects.filter(pk=event.pk).update(
        starts_at=when, ends_at=when + dt.timedelta(hours=2), state=EventState.HELD
    )
    return event


def submitted(call, organization, when, state):
    application = make_application(call, organization, submitted=True)
    Application.objects.filter(pk=application.pk).update(submitted_at=when, state=state)
    return application


def build_world(amursky, vyselki, school) -> dict:
    """The district of the module docstring; also used by the browser test."""
    school2 = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 2 г. Амурска")
    school3 = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 3 г. Амурска")
    kindergarten = OrganizationFactory(municipality=amursky, short_name="МБДОУ № 5", type=OrganizationType.DOO)
    idle = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 9 п. Эльбан")
    centre = OrganizationFactory(municipality=amursky, short_name="МКУ РМЦ", type=OrganizationType.METHODICAL_CENTER)
    far = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 1 ст-цы Выселки")

    literacy = DirectionFactory(name="Функциональная грамотность")
    site = make_site(
        organization=school, start_date=dt.date(2024, 9, 1), end_date=dt.date(2027, 6, 30), directions=[literacy]
    )
    make_site(organization=school2, start_date=dt.date(2025, 9, 1), end_date=dt.date(2028, 6, 30))
    make_site(kind_abbr="МАП", organization=school3, start_date=dt.date(2022, 9, 1), end_date=dt.date(2025, 6, 30))
    revoked = make_site(organization=kindergarten, start_date=dt.date(2023, 9, 1), end_date=dt.date(2027, 6, 30))
    registry_services.change_site_state(
        revoked, SiteState.REVOKED, date=dt.date(2025, 3, 1), order=OrderFactory(municipality=amursky)
    )
    make_site(organization=far, start_date=dt.date(2025, 9, 1), end_date=dt.date(2028, 6, 30))

    call = make_call(amursky)
    submitted(call, school2, moment(2025, 10, 1), ApplicationState.APPROVED)
    submitted(call, school3, moment(2025, 10, 5), ApplicationState.REJECTED)
    submitted(call, school, moment(2024, 10, 1), ApplicationState.APPROVED)
    make_application(call, idle)  # a draft: never submitted, counts nowhere

    district_plan = make_plan(amursky, approved=True, period=PERIOD, kind=PlanKind.ROADMAP)
    seminar = district_plan.occurrences.get(item__activity="Семинар для педагогов")
    Occurrence.objects.filter(pk=seminar.pk).update(status=OccurrenceStatus.DONE)
    make_plan(amursky, title="Проект плана", period=PERIOD)  # a draft obliges nobody
    make_plan(site, title="План работы площадки", items=[("Диагностика", "ноябрь")], approved=True, period=PERIOD)

    held(school, moment(2025, 10, 15), present=2, registered=3)
    held(centre, moment(2026, 2, 10), present=1, fmt="webinar", title="Вебинар")
    promised = make_event(school2, title="Мастер-класс", format="master_class")
    Event.objects.filter(pk=promised.pk).update(
        starts_at=moment(2025, 12, 1), ends_at=moment(2025, 12, 1, 12), state=EventState.PUBLISHED
    )
    held(school, moment(2024, 11, 20), present=1)
    make_request(school)
    return {
        "site": site,
        "school2": school2,
        "school3": school3,
        "kindergarten": kindergarten,
        "idle": idle,
        "centre": centre,
        "far": far,
    }
