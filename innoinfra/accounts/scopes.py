"""What a user is, where: roles from active memberships, computed once per request."""

from __future__ import annotations

from dataclasses import dataclass, field

from .enums import STAFF_ROLES, Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    # Municipalities whose registry the user runs; None means every municipality.
    managed_municipalities: frozenset[int] | None = frozenset()
    organizations: frozenset[int] = frozenset()  # where the user is org_admin
    bodies: frozenset[int] = frozenset()
    body_positions: dict[int, str] = field(default_factory=dict)

    @property
    def is_staff(self) -> bool:
        return self.managed_municipalities is None or bool(self.managed_municipalities)

    def manages(self, municipality_id: int | None) -> bool:
        if self.managed_municipalities is None:
            return True
        return municipality_id is not None and municipality_id in self.managed_municipalities


EMPTY = Scope()


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_innoinfra_scope", None)
    if cached is not None:
        return cached
    scope = _compute(user)
    user._innoinfra_scope = scope
    return scope


def _compute(user) -> Scope:
    from innoinfra.registry.models import Municipality

    from .models import Membership

    memberships = list(
        Membership.objects.active()
        .filter(user=user)
        .values_list("role", "region_id", "municipality_id", "organization_id", "body_id", "body_position")
    )
    roles = {m[0] for m in memberships}
    managed: set[int] | None = set()
    regions: set[int] = set()
    if user.is_superuser:
        managed = None
    for role, region_id, municipality_id, _org, _body, _pos in memberships:
        if role not in STAFF_ROLES or managed is None:
            continue
        if municipality_id:
            managed.add(municipality_id)
        elif region_id:
            regions.add(region_id)
        else:
            managed = None
    if managed is not None and regions:
        managed |= set(Municipality.objects.filter(region_id__in=regions).values_list("id", flat=True))
    return Scope(
        roles=frozenset(roles | ({Role.AUTHORITY} if user.is_superuser else set())),
        managed_municipalities=None if managed is None else frozenset(managed),
        organizations=frozenset(m[3] for m in memberships if m[0] == Role.ORG_ADMIN and m[3]),
        bodies=frozenset(m[4] for m in memberships if m[4]),
        body_positions={m[4]: m[5] for m in memberships if m[4] and m[5]},
    )
