"""Who keeps and sees consultations, who offers consultation hours and who books them.

The log is kept by the methodists (and the authority) of the territory and by the heads of the organizations
advised — site staff record the advice their school got from its scientific supervisor, say. Records are seen by
those keepers and by the people of the organization advised; they are not public."""

from __future__ import annotations

import rules

from innoinfra.accounts.scopes import scope_of


@rules.predicate
def may_keep_consultations(user):
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_staff or bool(scope.organizations)


def may_record_for(user, organization) -> bool:
    if organization is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return (scope.is_staff and scope.manages(organization.municipality_id)) or organization.pk in scope.organizations


@rules.predicate
def keeps_consultation(user, consultation):
    if consultation is None or not user.is_authenticated:
        return False
    if consultation.created_by_id == user.pk:
        return True
    scope = scope_of(user)
    return (scope.is_staff and scope.manages(consultation.municipality_id)) or (
        consultation.organization_id in scope.organizations
    )


@rules.predicate
def sees_consultation(user, consultation):
    if consultation is None or not user.is_authenticated:
        return False
    return keeps_consultation(user, consultation) or consultation.organization_id == user.organization_id


@rules.predicate
def may_offer_hours(user):
    return scope_of(user).is_staff


@rules.predicate
def may_book_hours(user):
    if not user.is_authenticated:
        return False
    return user.organization_id is not None or bool(scope_of(user).organizations)


@rules.predicate
def keeps_slot(user, slot):
    """The adviser who offered the hour and the staff of its territory."""
    if slot is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return slot.adviser_id == user.pk or (scope.is_staff and scope.manages(slot.municipality_id))


rules.add_perm("consultations.add_consultation", may_keep_consultations)
rules.add_perm("consultations.change_consultation", keeps_consultation)
rules.add_perm("consultations.view_consultation", sees_consultation)
rules.add_perm("consultations.add_consultationslot", may_offer_hours)
rules.add_perm("consultations.change_consultationslot", keeps_slot)
rules.add_perm("consultations.book", may_book_hours)
