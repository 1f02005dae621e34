"""What a user is, where: roles from active memberships, computed once per request."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from innoinfra.reference.models import Municipality, Organization

from .enums import MODERATOR_ROLES, STAFF_ROLES, Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    # Municipalities whose registry the user runs; None means every municipality.
    managed_municipalities: frozenset[int] | None = frozenset()
    organizations: frozenset[int] = frozenset()  # where the user is org_admin
    bodies: frozenset[int] = frozenset()
    body_positions: dict[int, str] = field(default_factory=dict)
    # Municipalities whose data bank the user moderates as a moderator (not as staff); None means every one.
    moderated_municipalities: frozenset[int] | None = frozenset()
    # managed_municipalities as the memberships name them: whole regions, and municipalities outside those
    managed_regions: frozenset[int] = frozenset()
    managed_singly: frozenset[int] = frozenset()

    @property
    def is_staff(self) -> bool:
        return self.managed_municipalities is None or bool(self.managed_municipalities)

    def manages(self, municipality_id: int | None) -> bool:
        if self.managed_municipalities is None:
            return True
        return municipality_id is not None and municipality_id in self.managed_municipalities

    def managed(self, field: str = "municipality_id") -> Q:
        """«In a territory the user manages», as a condition on `field` (a municipality's id): a whole region as a
        subquery of its municipalities rather than their ids one by one — a regional methodist's region may hold
        hundreds, and a list of hundreds of parameters costs each query milliseconds to build and to send. Matches
        nothing for a user who manages nothing, everything for one who manages everything — as a condition that
        holds for every row, not an empty Q(), which an OR would drop (`Q() | other` is `other`)."""
        if self.managed_municipalities is None:
            return Q(pk__isnull=False)
        condition = Q(pk__in=[])
        if self.managed_regions:
            condition |= Q(
                **{f"{field}__in": Municipality.objects.filter(region_id__in=self.managed_regions).values("pk")}
            )
        if self.managed_singly:
            condition |= Q(**{f"{field}__in": self.managed_singly})
        return condition

    @property
    def is_moderator(self) -> bool:
        """Moderates the data bank somewhere: a moderator, or staff (who moderate their territory too)."""
        return self.is_staff or self.moderated_municipalities is None or bool(self.moderated_municipalities)

    def moderates(self, municipality_id: int | None) -> bool:
        """Moderates the data bank (practices, comments) of the municipality: its moderators and its staff."""
        if self.manages(municipality_id) or self.moderated_municipalities is None:
            return True
        return municipality_id is not None and municipality_id in self.moderated_municipalities


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
    from .models import Membership

    memberships = list(
        Membership.objects.active()
        .filter(user=user)
        .values_list("role", "region_id", "municipality_id", "organization_id", "body_id", "body_position")
    )
    roles = {m[0] for m in memberships}
    managed = _territory(memberships, STAFF_ROLES, everywhere=user.is_superuser)
    moderated = _territory(memberships, MODERATOR_ROLES)
    regions = set()
    for territory in (managed, moderated):
        if territory is not None:
            regions |= territory[1]
    in_regions: dict[int, set[int]] = {}
    if regions:
        for pk, region_id in Municipality.objects.filter(region_id__in=regions).values_list("id", "region_id"):
            in_regions.setdefault(region_id, set()).add(pk)

    def municipalities(territory) -> frozenset[int] | None:
        if territory is None:
            return None
        ids, region_ids = territory
        return frozenset(set(ids) | _of_regions(in_regions, region_ids))

    managed_regions = frozenset(managed[1]) if managed is not None else frozenset()
    in_managed_regions = _of_regions(in_regions, managed_regions)
    return Scope(
        roles=frozenset(roles | ({Role.AUTHORITY} if user.is_superuser else set())),
        managed_regions=managed_regions,
        managed_singly=frozenset(managed[0] - in_managed_regions) if managed is not None else frozenset(),
        managed_municipalities=municipalities(managed),
        moderated_municipalities=municipalities(moderated),
        organizations=frozenset(m[3] for m in memberships if m[0] == Role.ORG_ADMIN and m[3]),
        bodies=frozenset(m[4] for m in memberships if m[4]),
        body_positions={m[4]: m[5] for m in memberships if m[4] and m[5]},
    )


def _of_regions(in_regions: dict[int, set[int]], regions) -> set[int]:
    return set().union(*(in_regions.get(region_id, set()) for region_id in regions))


def _territory(memberships, roles, *, everywhere: bool = False) -> tuple[set[int], set[int]] | None:
    """(municipality ids, region ids) the memberships of these roles cover; None for the whole installation
    (a membership without a territory)."""
    if everywhere:
        return None
    municipalities: set[int] = set()
    regions: set[int] = set()
    for role, region_id, municipality_id, _org, _body, _pos in memberships:
        if role not in roles:
            continue
        if municipality_id:
            municipalities.add(municipality_id)
        elif region_id:
            regions.add(region_id)
        else:
            return None
    return municipalities, regions


def municipalities_managed_by(user) -> QuerySet[Municipality]:
    scope = scope_of(user)
    qs = Municipality.objects.select_related("region").order_by("name")
    if scope.managed_municipalities is None:
        return qs
    return qs.filter(scope.managed("id"))


def organizations_managed_by(user) -> QuerySet[Organization]:
    scope = scope_of(user)
    qs = Organization.objects.select_related("municipality")
    if scope.managed_municipalities is None:
        return qs
    return qs.filter(scope.managed())


def organizations_acted_for(user, *, workplace: bool = False) -> QuerySet[Organization]:
    """Active organizations the user acts for: every one of their territory as staff, their own as its head and, with
    `workplace`, the one they work at (a teacher enters the school's publications)."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        condition = Q()
    else:
        condition = Q(pk__in=scope.organizations) | scope.managed()
        if workplace and getattr(user, "organization_id", None):
            condition |= Q(pk=user.organization_id)
    return Organization.objects.filter(condition, is_active=True).select_related("municipality").order_by("short_name")
