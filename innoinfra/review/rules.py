"""Who may do what in a call. Staff run the calls of their municipalities; applicants see their own applications;
an expert sees only what is assigned to them (through the assignment, never the application page); the chair of
the call's council follows the ranking.

What a stage shows is data — the flags of the stage running today — read by small predicates here; visibility.py
turns the permissions built from them into what each page, API resource and document shows."""

import rules

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Organization

from .enums import ACTIVE_ASSIGNMENT_STATES, DECIDED_STATES, EDITABLE_STATES, CallPurpose, ReviewState


@rules.predicate
def manages_call(user, call):
    return call is None or scope_of(user).manages(call.municipality_id)


@rules.predicate
def is_published(user, call):
    return call is not None and call.is_published


@rules.predicate
def chairs_call_body(user, call):
    if call is None or call.body_id is None:
        return False
    return scope_of(user).body_positions.get(call.body_id) in (BodyPosition.CHAIR, BodyPosition.DEPUTY)


def _applicant_organizations(user) -> set[int]:
    organizations = set(scope_of(user).organizations)
    if Role.TEACHER in scope_of(user).roles and user.organization_id:
        organizations.add(user.organization_id)
    return organizations


@rules.predicate
def may_apply_to(user, call):
    """Heads of organizations of the call's territory apply for statuses; teachers may enter contests too."""
    if call is None or not call.is_published or not user.is_authenticated:
        return False

    heads = scope_of(user).organizations
    organizations = heads if call.purpose == CallPurpose.STATUS else _applicant_organizations(user)
    return Organization.objects.filter(pk__in=organizations, municipality_id=call.municipality_id).exists()


@rules.predicate
def is_applicant(user, application):
    if application is None or not user.is_authenticated:
        return False
    if application.created_by_id == user.pk:
        return True
    return application.lead_organization_id in scope_of(user).organizations


@rules.predicate
def is_editable(user, application):
    return application is not None and application.state in EDITABLE_STATES


@rules.predicate
def manages_application(user, application):
    return (
        application is not None and is_staff_member(user) and scope_of(user).manages(application.call.municipality_id)
    )


@rules.predicate
def is_assigned_expert(user, assignment):
    return assignment is not None and assignment.expert_id == user.pk


@rules.predicate
def manages_assignment(user, assignment):
    return assignment is not None and manages_application(user, assignment.application)


@rules.predicate
def has_assignments(user):
    from .models import Assignment

    return user.is_authenticated and Assignment.objects.filter(expert=user).exists()


@rules.predicate
def is_expert(user):
    """An expert by role: the desk is where such a person works, even while it is empty."""
    scope = scope_of(user)
    return Role.EXPERT in scope.roles


runs_call = is_staff_member & manages_call


# ---------------------------------------------------------------- what the stage running today shows


def _stage_today(call):
    """The stage whose dates contain today (the call's stages come prefetched), or None between stages."""
    return call.stage_on() if call is not None else None


@rules.predicate
def is_blind(user, call):
    return call is not None and call.is_blind


@rules.predicate
def stage_reveals_names(user, call):
    stage = _stage_today(call)
    return bool(stage and stage.reveal_names)


@rules.predicate
def stage_shows_other_reviews(user, call):
    stage = _stage_today(call)
    return bool(stage and stage.experts_see_other_reviews)


# The applicants are named to everyone who reads the call's applications or results, unless the call is blind and
# the stage running today keeps the names hidden.
names_are_open = ~is_blind | stage_reveals_names


def of_its_call(predicate: rules.Predicate) -> rules.Predicate:
    """A predicate of a call, asked about one of its applications."""

    def test(user, application):
        return application is not None and predicate(user, application.call)

    return rules.Predicate(test, name=f"{predicate.name}_of_its_call")


# ---------------------------------------------------------------- the user's own review of an application


def _own_review(context, user, application) -> str | None:
    """'submitted' or 'unsubmitted' (a draft, or nothing written yet) while the user holds an active assignment on
    the application; None when they hold none (never assigned, declined, recused). One query per permission check."""
    if application is None or not user.is_authenticated:
        return None
    key = ("own_review", application.pk, user.pk)
    if context is not None and key in context:
        return context[key]
    from .models import Assignment

    states = list(
        Assignment.objects.filter(application=application, expert=user, state__in=ACTIVE_ASSIGNMENT_STATES)
        .values_list("review__state", flat=True)
        .order_by()[:1]
    )
    own = None if not states else "submitted" if states[0] == ReviewState.SUBMITTED else "unsubmitted"
    if context is not None:
        context[key] = own
    return own


@rules.predicate(bind=True)
def has_submitted_review(self, user, application):
    return _own_review(self.context, user, application) == "submitted"


@rules.predicate(bind=True)
def is_still_scoring(self, user, application):
    """Holds an active assignment on the application and has not submitted its review yet."""
    return _own_review(self.context, user, application) == "unsubmitted"


@rules.predicate
def reviews_released(user, application):
    """The reviews of a decided application reach its applicant if the call shows them, and — for a call that
    announces its decisions to everyone at once — once the decisions are announced."""
    if application is None or application.state not in DECIDED_STATES:
        return False
    call = application.call
    return call.show_reviews_to_applicants and not (call.hold_decisions and call.decisions_released_at is None)


# Other experts' scores and reviews of an application: the call's staff always; the chair of the call's council and an
# expert who submitted their own review while the stage shows the others — but never anyone, the chair included, who
# still has to submit their own review of it.
sees_others_reviews = manages_application | (
    (of_its_call(chairs_call_body) | (has_submitted_review & of_its_call(stage_shows_other_reviews)))
    & ~is_still_scoring
)

rules.add_perm("review.add_call", is_staff_member)
rules.add_perm("review.view_call", is_published | runs_call)
rules.add_perm("review.change_call", runs_call)
rules.add_perm("review.view_ranking", runs_call | chairs_call_body)
rules.add_perm("review.apply", may_apply_to)
rules.add_perm("review.view_application", manages_application | is_applicant)
rules.add_perm("review.change_application", is_applicant & is_editable)
rules.add_perm("review.withdraw_application", is_applicant)
rules.add_perm("review.manage_application", manages_application)
rules.add_perm("review.view_assignment", is_assigned_expert | manages_assignment)
rules.add_perm("review.review_assignment", is_assigned_expert)
rules.add_perm("review.view_expert_desk", has_assignments | rules.is_authenticated)
# the menu shows the desk only to those who have something there or are experts: a school head saw an empty page
rules.add_perm("review.open_expert_desk", is_expert | has_assignments)
rules.add_perm("review.view_applicant_names", runs_call | names_are_open)
rules.add_perm("review.view_others_reviews", sees_others_reviews)
rules.add_perm("review.view_reviews_as_applicant", is_applicant & ~manages_application & reviews_released)
