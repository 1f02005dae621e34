"""Who may do what with plans. Staff run the plans of their municipalities; a school's administrator writes
the plans of their organization and its sites; responsible people mark the execution of their items."""

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of

from .enums import PlanState


@rules.predicate
def manages_plan(user, plan):
    return plan is None or scope_of(user).manages(plan.municipality_id)


@rules.predicate
def administers_plan_owner(user, plan):
    """org_admin of the plan's organization (for a site's plan: of its lead organization)."""
    if plan is None or plan.organization_id is None:
        return False
    return plan.organization_id in scope_of(user).organizations


@rules.predicate
def is_public_plan(user, plan):
    return plan is not None and plan.state != PlanState.DRAFT


@rules.predicate
def is_org_admin(user):
    return bool(scope_of(user).organizations)


@rules.predicate
def is_responsible_for(user, occurrence):
    """Named on the item, or administers one of the item's responsible organizations."""
    if occurrence is None or not user.is_authenticated:
        return False
    item = occurrence.item
    if any(person.pk == user.pk for person in item.responsible_users.all()):
        return True
    organizations = scope_of(user).organizations
    return bool(organizations) and any(org.pk in organizations for org in item.responsible_organizations.all())


@rules.predicate
def manages_occurrence_plan(user, occurrence):
    return occurrence is not None and (manages_plan(user, occurrence.plan) and is_staff_member(user))


@rules.predicate
def administers_occurrence_owner(user, occurrence):
    return occurrence is not None and administers_plan_owner(user, occurrence.plan)


can_change_plan = (is_staff_member & manages_plan) | administers_plan_owner

rules.add_perm("plans.add_plan", is_staff_member | is_org_admin)
rules.add_perm("plans.view_plan", is_public_plan | can_change_plan)
rules.add_perm("plans.change_plan", can_change_plan)
rules.add_perm("plans.approve_plan", is_staff_member & manages_plan)
rules.add_perm("plans.delete_plan", can_change_plan)
rules.add_perm("plans.view_execution", can_change_plan)
rules.add_perm(
    "plans.record_execution", manages_occurrence_plan | administers_occurrence_owner | is_responsible_for
)
rules.add_perm("plans.view_dashboard", is_staff_member | is_org_admin)
