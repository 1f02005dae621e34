import datetime as dt

import pytest
from django.core.management import call_command

from innoinfra.core.models import Notification
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import StageKind
from innoinfra.review.reminders import send_review_reminders
from tests.factories import UserFactory
from tests.review.factories import full_scores, in_review, make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(amursky, school):
    experts = [UserFactory(username=f"r{i}") for i in (1, 2)]
    call = make_call(amursky, panel=experts, stage=StageKind.REVIEW, is_blind=True)
    application = make_application(call, school)
    application.state = AS.SUBMITTED
    application.save()
    in_review(application, experts=experts)
    services.save_review(
        application.assignments.get(expert=experts[1]),
        by=experts[1],
        scores=full_scores(call, [1, 1, 1]),
        conclusion="ок",
        recommendation="support",
        submit=True,
    )
    return call, experts, school


def test_only_experts_with_open_reviews_are_reminded_once(setup):
    call, (waiting, done), school = setup
    deadline = services.review_deadline(call)
    assert send_review_reminders(deadline - dt.timedelta(days=10)) == 0  # too early
    assert send_review_reminders(deadline - dt.timedelta(days=2)) == 1
    assert send_review_reminders(deadline - dt.timedelta(days=1)) == 0  # already told
    assert send_review_reminders(deadline + dt.timedelta(days=1)) == 1  # now late
    notes = Notification.objects.filter(user=waiting, key__contains="due-soon") | Notification.objects.filter(
        user=waiting, key__contains="late"
    )
    assert notes.count() == 2 and not Notification.objects.filter(user=done, key__contains="due-soon").exists()
    assert all(school.short_name not in n.text + n.title for n in notes)  # blind call


def test_the_daily_command_includes_expert_reminders(setup, capsys):
    call, _, _ = setup
    deadline = services.review_deadline(call)
    call_command("send_reminders", today=(deadline - dt.timedelta(days=1)).isoformat())
    assert "Напоминаний экспертам о сроках экспертизы: 1." in capsys.readouterr().out
