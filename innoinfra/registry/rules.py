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


# Members and agreements of a complex or a network are kept by those who answer for it: the staff of its territory,
# its curator and the head of its lead organization.
@rules.predicate
def keeps_site_network(user, site):
    if site is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return (
        (scope.is_staff and scope.manages(site.lead_organization.municipality_id))
        or site.curator_id == user.pk
        or site.lead_organization_id in scope.organizations
    )


@rules.predicate
def takes_part_in_site(user, site):
    """The head of any organization of the site: a party to its agreements, who may read the signed files."""
    if site is None or not user.is_authenticated:
        return False
    heads_of = scope_of(user).organizations
    return bool(heads_of) and site.participants.filter(organization_id__in=heads_of).exists()


rules.add_perm("registry.change_site_network", keeps_site_network)
# the API's create asks for the site's keeper once the site is read from the request
rules.add_perm("registry.add_network_record", rules.is_authenticated)
rules.add_perm("registry.view_agreement_file", keeps_site_network | takes_part_in_site)
rules.add_perm("registry.view_agreements", is_staff_member)
