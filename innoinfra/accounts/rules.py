"""Who may do what with accounts and roles: the one place services, views and templates ask."""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from innoinfra.reference.models import Municipality

from .enums import STAFF_ROLES
from .scopes import scope_of


@rules.predicate
def is_staff_member(user):
    """Runs a registry: an authority or a methodist (or a superuser)."""
    return scope_of(user).is_staff


@rules.predicate
def is_installation_admin(user):
    """May manage users of the whole installation and its settings."""
    return bool(user and user.is_authenticated and (user.is_superuser or scope_of(user).managed_municipalities is None))


def body_municipality_id(body) -> int | None:
    """A body belongs to its municipality, or to the municipality of the organization it sits at."""
    if body.municipality_id:
        return body.municipality_id
    return body.organization.municipality_id if body.organization_id else None


def may_grant(user, *, role, region=None, municipality=None, organization=None, body=None) -> bool:
    """May `user` give `role` in this scope? Staff grant only inside the municipalities they manage;
    installation-wide roles and region-wide staff roles are for installation administrators."""
    scope = scope_of(user)
    if not scope.is_staff:
        return False
    if scope.managed_municipalities is None:
        return True
    if municipality is not None:
        return scope.manages(municipality.pk)
    if organization is not None:
        return scope.manages(organization.municipality_id)
    if body is not None:
        return scope.manages(body_municipality_id(body))
    if region is not None and role not in STAFF_ROLES:

        in_region = set(Municipality.objects.filter(region=region).values_list("id", flat=True))
        return bool(in_region) and in_region <= scope.managed_municipalities
    return False


def may_grant_membership(user, membership) -> bool:
    return may_grant(
        user,
        role=membership.role,
        region=membership.region,
        municipality=membership.municipality,
        organization=membership.organization,
        body=membership.body,
    )


@rules.predicate
def can_see_user(user, target):
    """Staff see the people of their territory (see queries.users_for)."""
    if not scope_of(user).is_staff:
        return False
    if target is None:
        return True
    from .queries import users_for

    return users_for(user).filter(pk=target.pk).exists()


@rules.predicate
def can_manage_user(user, target):
    """Staff manage an account only if they could have granted every role it holds now or later:
    otherwise a district methodist could change the e-mail of a regional methodist working in her
    district, reset the password and take over the wider rights."""
    if not can_see_user(user, target):
        return False
    if target is None or user.is_superuser:
        return True
    if target.is_superuser:
        return False
    if scope_of(user).managed_municipalities is None:
        return True
    from .models import Membership

    today = timezone.localdate()
    current = Membership.objects.filter(user=target).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    current = current.select_related("region", "municipality", "organization", "body__organization")
    return all(may_grant_membership(user, m) for m in current)


@rules.predicate
def can_change_membership(user, membership):
    """End or remove a role: one this user could grant, of someone else whose account they manage."""
    if membership is None:
        return is_staff_member(user)
    if membership.user_id == user.pk and not user.is_superuser:
        return False
    return may_grant_membership(user, membership) and can_manage_user(user, membership.user)


rules.add_perm("accounts.manage_users", is_staff_member)
rules.add_perm("accounts.view_user", can_see_user)
rules.add_perm("accounts.change_user", can_manage_user)
rules.add_perm("accounts.change_membership", can_change_membership)
rules.add_perm("core.change_settings", is_installation_admin)
# Letters of every territory, with personal data: for those who run the whole installation.
rules.add_perm("core.view_outgoing_mail", is_installation_admin)
rules.add_perm("core.resend_mail", is_installation_admin)
