"""Who keeps and who reads approbations.

An approbation is kept by the site's curator, by the staff (methodists, the authority) of the site's territory and
by the head of the site's organization; it is read by them and by the people of that organization. Staff see the
list of all approbations of their territories. Nothing here is public: the site page shows the section to those
who may read it."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of


def _keeps_site(user, site) -> bool:
    if site is None or not user.is_authenticated:
        return False
    if site.curator_id == user.pk:
        return True
    scope = scope_of(user)
    return (scope.is_staff and scope.manages(site.lead_organization.municipality_id)) or (
        site.lead_organization_id in scope.organizations
    )


@rules.predicate
def keeps_site_approbations(user, site):
    return _keeps_site(user, site)


@rules.predicate
def keeps_approbation(user, approbation):
    return approbation is not None and _keeps_site(user, approbation.site)


@rules.predicate
def reads_approbation(user, approbation):
    if approbation is None or not user.is_authenticated:
        return False
    return _keeps_site(user, approbation.site) or user.organization_id == approbation.site.lead_organization_id


rules.add_perm("approbation.list_approbations", is_staff_member)
rules.add_perm("approbation.add_approbation", keeps_site_approbations)  # the object is the site
rules.add_perm("approbation.change_approbation", keeps_approbation)
rules.add_perm("approbation.view_approbation", reads_approbation)
