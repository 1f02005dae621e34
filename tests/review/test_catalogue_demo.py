"""What an installation ships with (the rubrics, installed by migrations) and what `loaddemo` shows of the review
engine: last year's competition carried through to the order and the sites, this year's in expert review, an open
contest. The demo is loaded once for the module (twice, to prove it duplicates nothing) and rolled back after it."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.core.models import Notification
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.council.models import AgendaItem, Attendee, Decision, Meeting
from innoinfra.demo.data.review import CONTEST_TITLE, CURRENT_TITLE, FINISHED_TITLE
from innoinfra.legal.models import LegalDocument
from innoinfra.reference.models import Organization
from innoinfra.registry.enums import CURRENT_STATES
from innoinfra.registry.models import Order, Site, SiteParticipant
from innoinfra.review import catalogue
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import ReviewState, StageKind
from innoinfra.review.models import Application, ApplicationEvent, Assignment, Call, Criterion, Review, Rubric, Score
from innoinfra.review.services import conflict_reason, missing_fields

pytestmark = pytest.mark.django_db
COUNTED = (Rubric, Criterion, Call, Application, ApplicationEvent, Assignment, Review, Score, Order, Site, Organization,
           Notification, Meeting, AgendaItem, Decision, Attendee, LegalDocument)  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Counts after the first and the second run of loaddemo; everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddemo", stdout=StringIO())
        first = counts()
        call_command("loaddemo", stdout=StringIO())
        yield first, counts()
        transaction.set_rollback(True)


def the_call(prefix: str) -> Call:
    return Call.objects.prefetch_related("stages").get(title__startswith=prefix)


# ---------------------------------------------------------------- the catalogue


def test_migrations_install_both_rubrics_with_a_meaning_for_every_level():
    status = Rubric.objects.get(name=catalogue.STATUS_RUBRIC)
    practice = Rubric.objects.get(name=catalogue.PRACTICE_RUBRIC)
    assert (status.purpose, practice.purpose) == ("status", "contest")
    titles = list(status.criteria.values_list("title", flat=True))
    assert titles == [
        "Актуальность",
        "Новизна (инновационность)",
        "Значимость и переносимость результатов",
        "Проработанность цели, задач и этапов",
        "Ресурсное обеспечение и реалистичность",
        "Измеримость результатов",
        "Продукты и их распространение",
        "Устойчивость (перспективы развития)",
        "Анализ рисков",
        "Опыт инновационной деятельности организации",
    ]
    assert 6 <= practice.criteria.count() <= 7
    for criterion in Criterion.objects.filter(rubric__in=[status, practice]):
        assert [level["value"] for level in criterion.levels] == list(
            range(criterion.min_level, criterion.max_level + 1)
        )
        assert all(level["meaning"].strip() for level in criterion.levels), criterion.title
        assert len({level["meaning"] for level in criterion.levels}) == len(criterion.levels), criterion.title
        assert criterion.description and criterion.weight > 0
        assert criterion.comment_required_below == 1
    assert {c.max_level for c in status.criteria.all()} == {2, 3}
    assert {c.max_level for c in practice.criteria.all()} == {3, 10}
    assert {c.weight for c in status.criteria.all()} == {Decimal(3), Decimal(5), Decimal(7)}
    minimums = dict(status.criteria.exclude(minimum=None).values_list("title", "minimum"))
    assert minimums == {"Актуальность": 1, "Новизна (инновационность)": 1}
    assert status.max_total == Decimal(96)


def test_installing_again_adds_nothing_and_keeps_what_staff_changed():
    criterion = Criterion.objects.get(rubric__name=catalogue.STATUS_RUBRIC, title="Анализ рисков")
    criterion.weight = Decimal(4)
    criterion.save()
    catalogue.install_rubrics()
    assert Rubric.objects.filter(name__in=[catalogue.STATUS_RUBRIC, catalogue.PRACTICE_RUBRIC]).count() == 2
    assert Criterion.objects.get(pk=criterion.pk).weight == Decimal(4)
    assert Criterion.objects.filter(rubric__name=catalogue.STATUS_RUBRIC).count() == 10


# ---------------------------------------------------------------- the demo


def test_loaddemo_twice_duplicates_nothing(demo):
    first, second = demo
    assert first == second
    # the review demo's three calls, the data bank's continuous expertise of Amursky (practices' demo) and the
    # showcase's open status competition and blind competition
    assert Call.objects.count() == 6


def test_last_years_competition_ended_in_an_order_and_sites_of_the_registry(demo):
    call = the_call(FINISHED_TITLE)
    today = timezone.localdate()
    assert call.is_published and all(stage.ends_on < today for stage in call.stages.all())
    applications = list(call.applications.select_related("site__order", "order", "lead_organization"))
    assert len(applications) == 3
    approved = [a for a in applications if a.state == AS.APPROVED]
    assert len(approved) == 2 and {a.state for a in applications} == {AS.APPROVED, AS.REJECTED}
    order = approved[0].order
    assert order.number == "512-Д" and order.date.year == today.year - 1
    for application in approved:
        site = application.site
        assert application.order == order and site.order == order
        assert site.lead_organization == application.lead_organization and site.theme == application.theme
        assert site.state == "active" and site.application == application
        # the one-status rule holds: the winner held no other status
        other = SiteParticipant.objects.filter(organization=site.lead_organization, site__state__in=CURRENT_STATES)
        assert list(other.values_list("site", flat=True)) == [site.pk]
    for application in applications:
        reviews = Review.objects.filter(assignment__application=application)
        assert reviews.count() == 3 and set(reviews.values_list("state", flat=True)) == {ReviewState.SUBMITTED}
        assert {r.assignment.expert.username for r in reviews} == {"expert1", "expert2", "expert3"}
        assert application.events.filter(to_state__in=[AS.RECOMMENDED, AS.NOT_RECOMMENDED]).exists()
        # the history happened during the call, not on the day the demo was loaded
        assert application.submitted_at.date() < call.stage_of_kind(StageKind.REVIEW).starts_on


def test_the_council_decided_last_years_competition_at_a_held_meeting_and_the_order_carried_it_out(demo):
    call = the_call(FINISHED_TITLE)
    meeting = Meeting.objects.filter(agenda__application__call=call, state=MeetingState.HELD).distinct().get()
    assert meeting.body == call.body and meeting.chair.username == "expert1" and meeting.secretary.username == "expert2"
    present = meeting.attendees.filter(is_member=True, present=True).count()
    assert present > meeting.attendees.filter(is_member=True).count() / 2  # a quorum
    decisions = {d.agenda_item.application.state: d for d in Decision.objects.filter(agenda_item__meeting=meeting,
                 agenda_item__kind=AgendaKind.APPLICATION).select_related("agenda_item__application", "order")}  # fmt: skip
    assert decisions[AS.APPROVED].outcome == Outcome.RECOMMEND and decisions[AS.APPROVED].order.number == "512-Д"
    assert decisions[AS.REJECTED].outcome == Outcome.NOT_RECOMMEND and decisions[AS.REJECTED].order is None
    assert all(d.votes_for <= present for d in decisions.values())


def test_the_council_meets_again_in_this_years_council_stage_with_the_applications_and_a_site_hearing(demo):
    call = the_call(CURRENT_TITLE)
    meeting = Meeting.objects.filter(agenda__application__call=call, state=MeetingState.PLANNED).distinct().get()
    assert call.stage_on(meeting.date).kind == StageKind.MEETING
    kinds = list(meeting.agenda.values_list("kind", flat=True))
    assert kinds.count(AgendaKind.APPLICATION) == call.applications.count() and AgendaKind.SITE in kinds
    assert meeting.agenda.get(kind=AgendaKind.SITE).invited


def test_this_years_competition_is_in_expert_review_without_conflicts(demo):
    call = the_call(CURRENT_TITLE)
    assert call.stage_on(timezone.localdate()).kind == StageKind.REVIEW
    experts = list(User.objects.filter(username__in=["expert1", "expert2", "expert3"]))
    assert set(call.panel.all()) == set(experts)
    assert call.body.short_name == "МЭС Амурского района"
    applications = list(call.applications.prefetch_related("partners"))
    assert len([a for a in applications if a.state == AS.UNDER_REVIEW]) >= 6
    assert all(a.lead_organization.municipality_id == call.municipality_id for a in applications)
    for application in applications:
        assignments = list(application.assignments.select_related("expert"))
        assert 2 <= len(assignments) <= 3
        for assignment in assignments:
            assert assignment.expert in experts
            assert conflict_reason(assignment.expert, application) == ""
            assert assignment.expert.organization_id != application.lead_organization_id
    states = set(Review.objects.filter(assignment__application__call=call).values_list("state", flat=True))
    assert states == {ReviewState.SUBMITTED, ReviewState.DRAFT}
    # the experts of the council whose school applied were kept away from it
    gymnasium = Application.objects.get(call=call, lead_organization__short_name="МБОУ Гимназия № 8")
    assert "expert2" not in {a.expert.username for a in gymnasium.assignments.all()}


def test_the_demo_heads_school_has_a_complete_application_under_review(demo):
    orgadmin = User.objects.get(username="orgadmin")
    application = Application.objects.get(call=the_call(CURRENT_TITLE), lead_organization=orgadmin.organization)
    assert application.created_by == orgadmin and application.state == AS.UNDER_REVIEW
    assert missing_fields(application) == []
    assert "функциональной грамотности" in application.theme


def test_the_public_list_shows_the_contest_open_for_applications(demo, client):
    contest = the_call(CONTEST_TITLE)
    assert contest.rubric.name == catalogue.PRACTICE_RUBRIC

    response = client.get("/calls/")

    assert response.status_code == 200
    assert contest.pk in [c.pk for c in response.context["open_calls"]]
    assert "Проектируем, разрабатываем, внедряем" in response.content.decode()


def test_the_synthetic_region_gets_calls_with_three_submitted_reviews_per_application(demo):
    from innoinfra.demo.synthetic.review import SCALES
    from innoinfra.demo.synthetic.review import delete_reviews as delete

    call_command("generate_synthetic", scale="small", stdout=StringIO())
    small = SCALES["small"]
    applications = Application.objects.filter(call__municipality__region__name="Синтетический регион")
    assert applications.count() == small["applications"]
    assert applications.values("call").distinct().count() == small["calls"]
    reviews = Review.objects.filter(assignment__application__in=applications)
    assert reviews.filter(state=ReviewState.SUBMITTED).count() == 3 * small["applications"]
    assert not Assignment.objects.filter(
        application__in=applications, expert__organization=F("application__lead_organization")
    ).exists()
    delete("Синтетический регион")
    assert not applications.exists()


def test_the_bank_of_normative_documents_holds_the_acts_the_seeds_cite(demo):
    cited = {d.number: d for d in LegalDocument.objects.prefetch_related("related")}
    assert {"273-ФЗ", "21н", "2227-р", "996-р", "563", "1616", "5686", "5423", "297", "172-Д"} <= set(cited)
    assert cited["21н"].reference == (
        "Приказ от 22.03.2019 № 21н «Об утверждении Порядка формирования и функционирования инновационной "
        "инфраструктуры в системе образования»"
    )
    assert cited["172-Д"].municipality.name.startswith("Амурский")
    assert cited["273-ФЗ"] in cited["172-Д"].related.all() and cited["563"] in cited["1616"].related.all()
