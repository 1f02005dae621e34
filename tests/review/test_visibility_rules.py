"""Who sees what of a call's applications and reviews, as a table: the flags of the stage running today × the reader
→ allowed. The pages, the API and the templates ({% has_perm %}) ask these same permissions (review/visibility.py).

The readers, around school № 1's application to a call of the council Олег sits on:
- Лариса (`methodist`) runs the call: sees everything.
- Галина (`chair`) chairs the council: follows the results — but not of an application she still has to score
  (`chair_still_scoring`).
- Семён (`secretary`) keeps the council's minutes: no results.
- Олег (`expert_submitted`) sent his review of the application; Зоя (`expert_still_scoring`) has a draft of hers;
  Пётр Ильич (`expert_not_assigned`) sits on the panel without this application.
- Ирина (`applicant`) heads school № 1; an anonymous visitor (`anonymous`).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState, AssignmentState, ReviewState, StageKind
from innoinfra.review.models import Application, Assignment, Call, Review
from innoinfra.review.ranking import build_ranking
from innoinfra.review.visibility import ranking_seen_by
from tests.factories import MembershipFactory, UserFactory
from tests.review.factories import make_application, make_call

pytestmark = pytest.mark.django_db

ROLES = [
    "methodist",
    "chair",
    "chair_still_scoring",
    "secretary",
    "expert_submitted",
    "expert_still_scoring",
    "expert_not_assigned",
    "applicant",
    "anonymous",
]


@pytest.fixture
def world(amursky, school, orgadmin, methodist, expert):
    council = Membership.objects.get(user=expert).body

    def member(username, first_name, position):
        user = UserFactory(username=username, first_name=first_name, last_name="Советова")
        MembershipFactory(user=user, role=Role.EXPERT, body=council, body_position=position)
        return user

    chair = member("galina", "Галина", BodyPosition.CHAIR)
    secretary = member("semen", "Семён", BodyPosition.SECRETARY)
    zoya = member("zoya", "Зоя", BodyPosition.MEMBER)
    idle = member("petr-ilyich", "Пётр Ильич", BodyPosition.MEMBER)
    call = make_call(amursky, stage=StageKind.REVIEW, body=council, panel=[expert, zoya, idle, chair], is_blind=True)
    application = make_application(call, school, by=orgadmin)
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.UNDER_REVIEW)
    for person, state in ((expert, ReviewState.SUBMITTED), (zoya, ReviewState.DRAFT)):
        assignment = Assignment.objects.create(application=application, expert=person, state=AssignmentState.ACCEPTED)
        Review.objects.create(assignment=assignment, state=state, conclusion=f"Заключение: {person.first_name}")
    return SimpleNamespace(
        call=call,
        application=application,
        people={
            "methodist": methodist,
            "chair": chair,
            "chair_still_scoring": chair,
            "secretary": secretary,
            "expert_submitted": expert,
            "expert_still_scoring": zoya,
            "expert_not_assigned": idle,
            "applicant": orgadmin,
            "anonymous": AnonymousUser(),
        },
    )


def reader(world, role):
    """The reader; the chair who still scores has the application assigned, nothing written yet."""
    if role == "chair_still_scoring":
        Assignment.objects.create(application=world.application, expert=world.people[role])
    return world.people[role]


def set_stage(world, **flags):
    world.call.stages.filter(kind=StageKind.REVIEW).update(**flags)


def fresh_call(world) -> Call:
    return Call.objects.prefetch_related("stages").get(pk=world.call.pk)


def fresh_application(world) -> Application:
    application = Application.objects.select_related("call").get(pk=world.application.pk)
    application.call = fresh_call(world)
    return application


def template_says(user, perm: str, obj) -> bool:
    template = Template("{% load rules %}{% has_perm perm user obj as allowed %}{{ allowed }}")
    return template.render(Context({"perm": perm, "user": user, "obj": obj})) == "True"


# ---------------------------------------------------------------- the applicants' names

# role → (blind call, the stage keeps the names hidden; blind call, the stage reveals them); an open call names its
# applicants to everyone
NAMES = {
    "methodist": (True, True),
    "chair": (False, True),
    "chair_still_scoring": (False, True),
    "secretary": (False, True),
    "expert_submitted": (False, True),
    "expert_still_scoring": (False, True),
    "expert_not_assigned": (False, True),
    "applicant": (False, True),
    "anonymous": (False, True),
}


@pytest.mark.parametrize("reveal_names", [False, True])
@pytest.mark.parametrize("is_blind", [False, True])
@pytest.mark.parametrize("role", ROLES)
def test_who_learns_the_applicants_names(world, role, is_blind, reveal_names):
    Call.objects.filter(pk=world.call.pk).update(is_blind=is_blind)
    set_stage(world, reveal_names=reveal_names)
    user, call = reader(world, role), fresh_call(world)
    expected = NAMES[role][reveal_names] if is_blind else True
    assert user.has_perm("review.view_applicant_names", call) is expected
    assert template_says(user, "review.view_applicant_names", call) is expected


# ---------------------------------------------------------------- the other experts' scores and reviews

# role → (the stage hides others' reviews from experts, the stage shows them)
OTHERS_REVIEWS = {
    "methodist": (True, True),
    "chair": (True, True),
    "chair_still_scoring": (False, False),
    "secretary": (False, False),
    "expert_submitted": (False, True),
    "expert_still_scoring": (False, False),
    "expert_not_assigned": (False, False),
    "applicant": (False, False),
    "anonymous": (False, False),
}


@pytest.mark.parametrize("shows_others", [False, True])
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_other_experts_scores_and_reviews(world, role, shows_others):
    set_stage(world, experts_see_other_reviews=shows_others)
    user, application = reader(world, role), fresh_application(world)
    expected = OTHERS_REVIEWS[role][shows_others]
    assert user.has_perm("review.view_others_reviews", application) is expected
    assert template_says(user, "review.view_others_reviews", application) is expected


def test_it_counts_a_declined_assignment_as_none(world):
    """Who declined (or recused from) an application no longer scores it: as the chair, Галина sees the scores."""
    chair = reader(world, "chair_still_scoring")
    Assignment.objects.filter(expert=chair).update(state=AssignmentState.DECLINED)
    assert chair.has_perm("review.view_others_reviews", fresh_application(world))


@pytest.mark.parametrize("role", ["methodist", "chair", "chair_still_scoring", "expert_submitted"])
def test_the_ranking_withholds_exactly_what_the_permission_refuses(world, role):
    """The ranking answers the same question from its own figures, without a query per row."""
    user = reader(world, role)
    application = fresh_application(world)
    withheld = ranking_seen_by(user, build_ranking(fresh_call(world))).withheld
    assert (application.pk in withheld) is (not user.has_perm("review.view_others_reviews", application))


# ---------------------------------------------------------------- the applicant reads the reviews

# situation → the applicant may read the anonymised reviews (nobody else reads them this way)
RELEASE = {
    "in_review": False,
    "decided": True,
    "decided_but_held": False,
    "decided_and_announced": True,
    "decided_but_not_shown": False,
}


@pytest.mark.parametrize("situation", list(RELEASE))
@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_reviews_as_the_applicant(world, role, situation):
    if situation != "in_review":
        Application.objects.filter(pk=world.application.pk).update(state=ApplicationState.RECOMMENDED)
    call_flags = {
        "decided_but_held": dict(hold_decisions=True),
        "decided_and_announced": dict(hold_decisions=True),
        "decided_but_not_shown": dict(show_reviews_to_applicants=False),
    }.get(situation, {})
    Call.objects.filter(pk=world.call.pk).update(**call_flags)
    if situation == "decided_and_announced":
        services.release_decisions(fresh_call(world))
    user = reader(world, role)
    expected = RELEASE[situation] and role == "applicant"
    assert user.has_perm("review.view_reviews_as_applicant", fresh_application(world)) is expected
