"""Who sees and keeps a practice.

A published practice is public. Before publication (and after withdrawal) it is seen only by the people
responsible for it: the user who entered it, the head of its organization and the registry staff of its
territory. There is no moderator role in accounts yet: the methodists (staff) of the territory moderate.
"""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of

from .enums import PracticeState


def staff_of(user, practice) -> bool:
    scope = scope_of(user)
    return scope.is_staff and scope.manages(practice.municipality_id)


@rules.predicate
def keeps_practice(user, practice):
    """The author, the head of the author's organization or staff of the territory."""
    if practice is None or not user.is_authenticated:
        return False
    if practice.created_by_id == user.pk:
        return True
    return practice.organization_id in scope_of(user).organizations or staff_of(user, practice)


@rules.predicate
def sees_practice(user, practice):
    if practice is not None and practice.state == PracticeState.PUBLISHED:
        return True
    return keeps_practice(user, practice)


@rules.predicate
def moderates_practice(user, practice):
    return practice is not None and staff_of(user, practice)


@rules.predicate
def may_enter_practices(user):
    """Teachers and heads of an organization enter their own practices; staff enter them for their territory."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_staff or bool(scope.organizations) or user.organization_id is not None


rules.add_perm("practices.view_practice", sees_practice)
rules.add_perm("practices.add_practice", may_enter_practices)
rules.add_perm("practices.change_practice", keeps_practice)
rules.add_perm("practices.moderate_practice", moderates_practice)
rules.add_perm("practices.moderate", is_staff_member)
