"""«Заполнить по данным системы»: the figures equal what the test itself put into the system for the school's
reporting period — and nothing of other organizations, other periods, drafts, cancellations or revocations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innoinfra.consultations.services import record_consultation
from innoinfra.events.enums import EventState, RegistrationState
from innoinfra.events.models import Certificate, Event, Registration
from innoinfra.mentoring.models import MentoringPair
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.models import Occurrence
from innoinfra.reports import services
from innoinfra.reports.facts import FACTS, facts_for
from innoinfra.reports.models import Answer
from innoinfra.review.models import Application
from tests.events.factories import make_event, sign_up
from tests.factories import OrganizationFactory, make_site
from tests.mentoring.factories import make_offer, make_pair, make_request
from tests.plans.factories import make_plan
from tests.publications.factories import make_publication
from tests.review.factories import make_application, make_call

from .factories import PERIOD, make_campaign

pytestmark = pytest.mark.django_db

IN_PERIOD = timezone.make_aware(dt.datetime(2024, 11, 20, 10, 0))
AFTER_PERIOD = timezone.make_aware(dt.datetime(2025, 7, 1, 10, 0))


def held(event, when=IN_PERIOD, state=EventState.HELD):
    Event.objects.filter(pk=event.pk).update(starts_at=when, ends_at=when + dt.timedelta(hours=2), state=state)
    return event


@pytest.fixture
def year_of_the_school(school, amursky):
    """What the school did in 2024/2025 (expected figures in the comments), with noise around it."""
    other = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    # plan: an approved plan of the school with items due in October and May (2 due), October done (1 done),
    # one more item in May cancelled (not counted); a draft plan of the school is not counted
    plan = make_plan(school, items=[("Семинар", "октябрь"), ("Круглый стол", "май"), ("Вебинар", "май")], approved=True)
    occurrences = list(plan.occurrences.order_by("due_date", "id"))
    Occurrence.objects.filter(pk=occurrences[0].pk).update(status=OccurrenceStatus.DONE)
    Occurrence.objects.filter(pk=occurrences[-1].pk).update(status=OccurrenceStatus.CANCELLED)
    make_plan(school, title="Черновик плана", items=[("Семинар", "ноябрь")])
    # events: two held in the period (3 + 1 attended; 2 certificates, one more revoked), one held after it,
    # one cancelled in it, one held by another organization
    first, second = make_event(school), make_event(school, title="Вебинар")
    for event, attended in ((first, 3), (second, 1)):
        registrations = sign_up(event, attended + 1, start=event.pk * 10)
        Registration.objects.filter(pk__in=[r.pk for r in registrations[:attended]]).update(
            state=RegistrationState.ATTENDED
        )
        held(event)
    for n, revoked in ((1, None), (2, None), (3, timezone.now())):
        Certificate.objects.create(
            event=first, number=f"T-{n}", full_name=f"Участник {n}", issued_at=IN_PERIOD, revoked_at=revoked
        )
    summer = make_event(school, title="Летняя школа")
    Registration.objects.filter(pk__in=[r.pk for r in sign_up(summer, 2, start=900)]).update(
        state=RegistrationState.ATTENDED
    )
    held(summer, AFTER_PERIOD)
    held(make_event(school, title="Отменённый"), state=EventState.CANCELLED)
    held(make_event(other, title="Чужой семинар"))
    # mentoring: the school is mentored (1) and mentors another school (1); a pair of others is not counted
    as_mentee = make_pair(make_request(school), make_offer(organization=other))
    as_mentor = make_pair(make_request(OrganizationFactory(municipality=amursky)), make_offer(organization=school))
    MentoringPair.objects.filter(pk__in=[as_mentee.pk, as_mentor.pk]).update(started_on=dt.date(2024, 10, 1))
    make_pair(make_request(other, topic="Другое"), make_offer(municipality=amursky))
    # applications: one submitted in the period, one still a draft
    call = make_call(amursky)
    submitted = make_application(call, school, submitted=True)
    Application.objects.filter(pk=submitted.pk).update(submitted_at=IN_PERIOD)
    make_application(call, school, theme="Черновик заявки")
    # publications: a regional and a federal one in the period, one after it, one of another organization
    for level, date, organization in (
        ("regional", dt.date(2024, 12, 1), school),
        ("federal", dt.date(2025, 3, 1), school),
        ("regional", dt.date(2025, 7, 2), school),
        ("municipal", dt.date(2025, 1, 1), other),
    ):
        make_publication(organization, level=level, published_on=date)
    # consultations: two received in the period, one before it
    for held_on in (dt.date(2024, 10, 3), dt.date(2025, 4, 1), dt.date(2024, 8, 31)):
        record_consultation(
            by=None, held_on=held_on, form="online", adviser_name="Петренко А. В.", organization=school, topic="Отчёт"
        )
    return {
        "plan_items_due": 2,
        "plan_items_done": 1,
        "events_held": 2,
        "event_participants": 4,
        "certificates_issued": 2,
        "mentoring_pairs": 2,
        "applications_submitted": 1,
        "consultations_received": 2,
        "publications_total": 2,
        "publications_organization": 0,
        "publications_municipal": 0,
        "publications_regional": 1,
        "publications_federal": 1,
        "publications_international": 0,
    }


def test_facts_count_what_the_school_did_in_the_period(school, year_of_the_school):
    other = OrganizationFactory(municipality=school.municipality)
    with CaptureQueriesContext(connection) as ctx:
        facts = facts_for([school.pk, other.pk], *PERIOD)
    assert facts[school.pk] == year_of_the_school
    assert len(ctx) == 8  # one query per fact (the plan's two figures and the publications' six in one each)
    assert set(facts[other.pk]) == set(FACTS)


def test_opening_a_campaign_prefills_the_indicators_with_codes(
    amursky, methodist, orgadmin, school, year_of_the_school
):
    make_site(organization=school)
    campaign = make_campaign(amursky, by=methodist, open_it=True)
    report = campaign.reports.get()
    numbers = {
        a.item.code: a.number
        for a in Answer.objects.filter(report=report, item__code__in=list(FACTS)).select_related("item")
    }
    template_codes = set(campaign.form.items.values_list("code", flat=True)) & set(FACTS)
    assert numbers == {code: Decimal(year_of_the_school[code]) for code in template_codes}
    assert report.prefilled_at is not None

    # the school corrects a figure, more happens, and the button brings the system's figures back
    item = campaign.form.items.get(code="events_held")
    services.save_draft(report, by=orgadmin, values={item.pk: "10"})
    held(make_event(school, title="Ещё семинар"))
    assert services.prefill(report, by=orgadmin) == len(template_codes)
    assert Answer.objects.get(report=report, item=item).number == 3
