"""Who may do what in a call. Staff run the calls of their municipalities; applicants see their own applications;
an expert sees only what is assigned to them (through the assignment, never the application page); the chair of
the call's council follows the ranking."""

import rules

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Organization

from .enums import EDITABLE_STATES, CallPurpose


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


runs_call = is_staff_member & manages_call

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
