"""Anyone reads publications; the people of the organization and the registry staff of its territory keep them.

Who enters a publication mirrors who enters a practice: a teacher or the head of a school for the school, a
methodist for any organization of the territory (the district's own news and the methodological centre's)."""

from __future__ import annotations

import rules

from innoinfra.accounts.scopes import scope_of


@rules.predicate
def may_enter_publications(user):
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_staff or bool(scope.organizations) or user.organization_id is not None


def may_publish_for(user, organization) -> bool:
    """May name this organization as the publication's own."""
    if organization is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.is_staff and scope.manages(organization.municipality_id):
        return True
    return organization.pk in scope.organizations or organization.pk == user.organization_id


@rules.predicate
def keeps_publication(user, publication):
    """The person who entered it, the head of its organization, staff of its territory."""
    if publication is None or not user.is_authenticated:
        return False
    if publication.created_by_id == user.pk:
        return True
    scope = scope_of(user)
    return publication.organization_id in scope.organizations or (
        scope.is_staff and scope.manages(publication.municipality_id)
    )


rules.add_perm("publications.add_publication", may_enter_publications)
rules.add_perm("publications.change_publication", keeps_publication)
rules.add_perm("publications.delete_publication", keeps_publication)
