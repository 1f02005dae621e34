"""Who may do what in mentoring.

A school's administrator files and withdraws requests of their organization and offers it as a mentor; registry
staff (methodist, authority) do the same for any organization of their territory and match requests with mentors.
A pair is the business of its two sides — the mentee organization's administrator, the mentor (a person, or the
mentor organization's administrator) — and of the staff of either side's territory: they record meetings and close
it. Active offers are public, so schools can see who is ready to help."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of


@rules.predicate
def is_org_admin(user):
    return bool(scope_of(user).organizations)


@rules.predicate
def keeps_request(user, request):
    """Staff of the request's territory or the administrator of the organization that filed it."""
    if request is None:
        return False
    scope = scope_of(user)
    return (scope.is_staff and scope.manages(request.municipality_id)) or request.organization_id in scope.organizations


@rules.predicate
def matches_request(user, request):
    if request is None:
        return False
    scope = scope_of(user)
    return scope.is_staff and scope.manages(request.municipality_id)


@rules.predicate
def mentors_request(user, request):
    if request is None or not user.is_authenticated:
        return False
    from .queries import pairs_as_participant

    return pairs_as_participant(user).filter(request=request).exists()


@rules.predicate
def keeps_offer(user, offer):
    if offer is None:
        return False
    scope = scope_of(user)
    if scope.is_staff and scope.manages(offer.municipality_id):
        return True
    if offer.mentor_user_id is not None:
        return offer.mentor_user_id == user.pk
    return offer.mentor_organization_id in scope.organizations


@rules.predicate
def is_accepting_offer(user, offer):
    return offer is not None and offer.accepting


@rules.predicate
def takes_part_in_pair(user, pair):
    """The pair's two sides and the staff of either side's territory."""
    if pair is None:
        return False
    scope = scope_of(user)
    if scope.is_staff and (scope.manages(pair.municipality_id) or scope.manages(pair.offer.municipality_id)):
        return True
    offer = pair.offer
    if offer.mentor_user_id is not None and offer.mentor_user_id == user.pk:
        return True
    return pair.request.organization_id in scope.organizations or offer.mentor_organization_id in scope.organizations


rules.add_perm("mentoring.add_request", is_staff_member | is_org_admin)
rules.add_perm("mentoring.view_request", keeps_request | mentors_request)
rules.add_perm("mentoring.withdraw_request", keeps_request)
rules.add_perm("mentoring.match_request", matches_request)
rules.add_perm("mentoring.add_offer", is_staff_member | is_org_admin)
rules.add_perm("mentoring.view_offer", is_accepting_offer | keeps_offer)
rules.add_perm("mentoring.change_offer", keeps_offer)
rules.add_perm("mentoring.view_pair", takes_part_in_pair)
rules.add_perm("mentoring.change_pair", takes_part_in_pair)
