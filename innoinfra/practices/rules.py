"""Who sees and keeps a practice.

A published practice is public. A draft (and a new edition being prepared) is seen only by the people responsible
for it: the user who entered it, the head of its organization and the registry staff (methodists) of its territory.
Once submitted it is seen also by the moderators of the territory's data bank, who check it, send it to expertise
and decide after it; while it is under expertise, the experts assigned to its application read it too.
A moderator is no staff: they moderate practices and comments, never the registry.
"""

from __future__ import annotations

import rules

from innoinfra.accounts.scopes import scope_of
from innoinfra.review.enums import ACTIVE_ASSIGNMENT_STATES
from innoinfra.review.models import Assignment

from .enums import PracticeState

# What a moderator (not staff) does not see: the authors' unfinished work.
HIDDEN_FROM_MODERATORS = (PracticeState.DRAFT,)


def staff_of(user, practice) -> bool:
    scope = scope_of(user)
    return scope.is_staff and scope.manages(practice.municipality_id)


def moderates_territory_of(user, practice) -> bool:
    """A moderator of the practice's territory, or staff of it."""
    return scope_of(user).moderates(practice.municipality_id)


@rules.predicate
def keeps_practice(user, practice):
    """The author, the head of the author's organization or staff of the territory."""
    if practice is None or not user.is_authenticated:
        return False
    if practice.created_by_id == user.pk:
        return True
    return practice.organization_id in scope_of(user).organizations or staff_of(user, practice)


def examines(user, practice) -> bool:
    """An expert with an active assignment on the practice's current expertise."""
    if practice.state != PracticeState.UNDER_EXPERTISE or not practice.expertise_id or not user.is_authenticated:
        return False

    return Assignment.objects.filter(
        application_id=practice.expertise_id, expert=user, state__in=ACTIVE_ASSIGNMENT_STATES
    ).exists()


@rules.predicate
def sees_practice(user, practice):
    if practice is None:
        return False
    if practice.state == PracticeState.PUBLISHED:
        return True
    if keeps_practice(user, practice):
        return True
    if not user.is_authenticated:
        return False
    if practice.state not in HIDDEN_FROM_MODERATORS and moderates_territory_of(user, practice):
        return True
    return examines(user, practice)


@rules.predicate
def moderates_practice(user, practice):
    """Staff of the territory; its moderators once the authors have submitted the practice."""
    if practice is None:
        return False
    if staff_of(user, practice):
        return True
    return practice.state not in HIDDEN_FROM_MODERATORS and moderates_territory_of(user, practice)


@rules.predicate
def may_withdraw(user, practice):
    """The practice's side or a moderator of its territory takes a published practice down."""
    return practice is not None and (keeps_practice(user, practice) or moderates_territory_of(user, practice))


@rules.predicate
def is_data_bank_moderator(user):
    """Has a moderation queue: a moderator of the data bank or staff."""
    return scope_of(user).is_moderator


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
rules.add_perm("practices.withdraw_practice", may_withdraw)
rules.add_perm("practices.moderate_practice", moderates_practice)
rules.add_perm("practices.moderate", is_data_bank_moderator)
