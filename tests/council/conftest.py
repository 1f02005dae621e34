"""The Amursky expert council for council tests.

Besides the shared personas (tests/conftest.py), the council has:
- Людмила (`chair`) — its chair: prepares meetings and writes the protocol;
- Светлана (`secretary`) — its secretary: writes the protocol too;
- two more members, so with Олег (`expert`, an ordinary member) the council has five members.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.council import services
from innoinfra.review import services as review_services
from innoinfra.review.enums import ApplicationState, StageKind
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.review.factories import make_application, make_call, stages_around


def member(body, username, last, first, middle="", body_position=BodyPosition.MEMBER, **kw):
    user = UserFactory(username=username, last_name=last, first_name=first, middle_name=middle, **kw)
    MembershipFactory(user=user, role=Role.EXPERT, body=body, body_position=body_position)
    return user


@pytest.fixture
def body(expert):
    return Membership.objects.get(user=expert).body


@pytest.fixture
def chair(body):
    return member(
        body,
        "lyudmila",
        "Загуменнова",
        "Людмила",
        "Владимировна",
        BodyPosition.CHAIR,
        position="Заместитель начальника управления",
    )


@pytest.fixture
def secretary(body):
    return member(body, "svetlana", "Кузнецова", "Светлана", "Игоревна", BodyPosition.SECRETARY)


@pytest.fixture
def council(body, chair, secretary, expert):
    """Five members: the chair, the secretary, Олег and two more."""
    member(body, "member4", "Петрова", "Анна", "Сергеевна")
    member(body, "member5", "Сидоров", "Игорь", "Петрович")
    return body


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def meeting(council, methodist, today):
    return services.create_meeting(body=council, date=today, place="г. Амурск, МБОУ ИМЦ", by=methodist)


def reviewed_application(municipality, organization=None, **kw):
    call = kw.pop("call", None) or make_call(municipality)
    review_services.set_stages(call, stages_around(timezone.localdate(), StageKind.APPLICATIONS))
    organization = organization or OrganizationFactory(municipality=municipality)
    application = make_application(call, organization, submitted=True, **kw)
    # The applications were received; the call has since come to its council's meeting.
    review_services.set_stages(call, stages_around(timezone.localdate(), StageKind.MEETING))
    for state in (ApplicationState.UNDER_REVIEW, ApplicationState.REVIEWED):
        review_services.transition(application, state)
    return application


@pytest.fixture
def application(amursky, school):
    return reviewed_application(amursky, school)


def add_item(meeting, **kw):
    return services.add_agenda_item(meeting, **kw)


def decide(item, outcome, *, by=None, votes=(5, 0, 0), **kw):
    return services.record_decision(
        item, outcome=outcome, votes_for=votes[0], votes_against=votes[1], votes_abstained=votes[2], by=by, **kw
    )


YESTERDAY = dt.timedelta(days=1)
