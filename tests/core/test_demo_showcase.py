"""The demo shows every feature from the demo accounts (issue 20, point 11), and `loaddemo` says so in one line
instead of printing the letters it queues. The demo is loaded once for the module and rolled back after it."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from innoinfra.accounts.models import Membership, User
from innoinfra.council.models import Meeting
from innoinfra.demo.data.showcase import BLIND_TITLE, MANAGEMENT_COUNCIL, OPEN_STATUS_TITLE, WAITLIST_TITLE
from innoinfra.events.enums import RegistrationState
from innoinfra.events.models import Event
from innoinfra.reference.models import Body, BodyKind
from innoinfra.review.enums import AssignmentState, CallPurpose, StageKind
from innoinfra.review.models import Assignment, Call
from innoinfra.translator.models import Comment, CommentState, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("loaddemo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_loaddemo_prints_one_summary_line(demo):
    lines = [line for line in demo.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("Демо-данные загружены: ") and "Вход:" in lines[0]
    assert re.search(r"\d+ (организация|организации|организаций), \d+ (площадка|площадки|площадок)", lines[0])


def test_the_school_head_can_apply_to_an_open_status_competition(demo, client):
    call = Call.objects.get(title__startswith=OPEN_STATUS_TITLE)
    assert call.purpose == CallPurpose.STATUS and call.is_published
    assert call.stage_on(timezone.localdate()).kind == StageKind.APPLICATIONS
    client.force_login(User.objects.get(username="orgadmin"))
    page = client.get(f"/calls/{call.pk}/")
    assert page.context["may_apply"]
    assert client.get(f"/calls/{call.pk}/apply/").status_code == 200


def test_a_blind_competition_in_review_hides_applicants_and_holds_a_recusal(demo, client):
    call = Call.objects.get(title__startswith=BLIND_TITLE)
    assert call.is_blind and call.stage_on(timezone.localdate()).kind == StageKind.REVIEW
    recused = Assignment.objects.get(application__call=call, state=AssignmentState.RECUSED)
    assert recused.reason and recused.expert.username == "expert3"  # as the README's tour says
    expert2 = User.objects.get(username="expert2")
    client.force_login(expert2)
    desk = client.get("/expertise/").content.decode()
    application = call.applications.filter(assignments__expert=expert2).first()
    assert application is not None and application.blind_theme in desk
    row = next(row for row in desk.split("<tr") if application.blind_theme in row)
    assert application.lead_organization.short_name not in row and application.theme not in row


def test_an_event_is_full_and_the_teacher_is_on_its_waiting_list(demo):
    event = Event.objects.get(title=WAITLIST_TITLE)
    assert event.registrations.filter(state=RegistrationState.CONFIRMED).count() == event.capacity
    waiting = event.registrations.filter(state=RegistrationState.WAITING)
    assert waiting.filter(user__username="teacher").exists() and waiting.count() >= 2


def test_practices_carry_ratings_and_comments_and_one_comment_awaits_the_moderator(demo, client):
    rated = Rating.objects.values("practice").distinct().count()
    assert rated >= 3 and Rating.objects.count() >= 10
    assert Comment.objects.filter(state=CommentState.PUBLISHED).count() >= 2
    pending = Comment.objects.get(state=CommentState.PENDING, author__username="expert3")
    page = client.get(f"/practices/{pending.practice_id}/").content.decode()
    assert "Спасибо за подробное описание" in page and pending.text not in page


def test_the_district_has_a_management_council_with_members_and_a_meeting(demo, client):
    body = Body.objects.get(name=MANAGEMENT_COUNCIL)
    assert body.kind == BodyKind.MANAGEMENT_COUNCIL
    assert Membership.objects.filter(body=body).count() == 5
    assert Meeting.objects.filter(body=body).count() == 1
    client.force_login(User.objects.get(username="methodist"))
    assert MANAGEMENT_COUNCIL in client.get("/council/").content.decode()
