import rules

from .scopes import scope_of


@rules.predicate
def is_staff_member(user):
    """Runs a registry: an authority or a methodist (or a superuser)."""
    return scope_of(user).is_staff


@rules.predicate
def is_installation_admin(user):
    """May manage users of the whole installation and its settings."""
    return bool(user and user.is_authenticated and (user.is_superuser or scope_of(user).managed_municipalities is None))


@rules.predicate
def can_manage_user(user, target):
    """Staff manage accounts of people within their territory; installation admins manage all."""
    scope = scope_of(user)
    if not scope.is_staff:
        return False
    if target is None or scope.managed_municipalities is None:
        return True
    if target.is_superuser:
        return False
    org = target.organization
    return org is None or scope.manages(org.municipality_id)


rules.add_perm("accounts.manage_users", is_staff_member)
rules.add_perm("accounts.change_user", can_manage_user)
rules.add_perm("core.change_settings", is_installation_admin)
