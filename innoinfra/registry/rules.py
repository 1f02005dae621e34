import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of


@rules.predicate
def manages_organization(user, organization):
    return organization is None or scope_of(user).manages(organization.municipality_id)


@rules.predicate
def manages_site(user, site):
    return site is None or scope_of(user).manages(site.lead_organization.municipality_id)


@rules.predicate
def manages_order(user, order):
    if order is None:
        return True
    scope = scope_of(user)
    if order.municipality_id is None:
        return scope.managed_municipalities is None
    return scope.manages(order.municipality_id)


can_change_organization = is_staff_member & manages_organization
can_change_site = is_staff_member & manages_site
can_change_order = is_staff_member & manages_order

rules.add_perm("registry.add_organization", is_staff_member)
rules.add_perm("registry.change_organization", can_change_organization)
rules.add_perm("registry.import_organizations", is_staff_member)
rules.add_perm("registry.add_site", is_staff_member)
rules.add_perm("registry.change_site", can_change_site)
rules.add_perm("registry.add_order", is_staff_member)
rules.add_perm("registry.change_order", can_change_order)
rules.add_perm("registry.manage_catalogues", is_staff_member)
rules.add_perm("registry.view_history", is_staff_member)
