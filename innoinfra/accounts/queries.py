"""Named querysets of accounts, shared by pages and services."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from .models import Membership, User
from .scopes import scope_of


def memberships_with_scope() -> QuerySet[Membership]:
    return Membership.objects.select_related("region", "municipality", "organization", "body")


def users_for(user) -> QuerySet[User]:
    """The accounts `user` may see: everyone for installation administrators; for district staff the
    people working in their municipalities or holding a role there (directly, in an organization, or
    in a body of the municipality). Superusers are nobody's territory but their own kind's."""
    scope = scope_of(user)
    if not scope.is_staff:
        return User.objects.none()
    if scope.managed_municipalities is None:
        return User.objects.all()
    managed = scope.managed_municipalities
    with_role_here = Membership.objects.filter(
        Q(municipality__in=managed)
        | Q(organization__municipality__in=managed)
        | Q(body__municipality__in=managed)
        | Q(body__municipality__isnull=True, body__organization__municipality__in=managed)
    ).values("user_id")
    return User.objects.filter(Q(organization__municipality__in=managed) | Q(pk__in=with_role_here)).exclude(
        is_superuser=True
    )


def users_for_list(user) -> QuerySet[User]:
    return (
        users_for(user)
        .select_related("organization")
        .prefetch_related(Prefetch("memberships", queryset=memberships_with_scope().order_by("role", "id")))
    )


def _text_variants(word: str) -> set[str]:
    # SQLite folds only ASCII case in LIKE: try the spellings people type Cyrillic names in.
    return {word, word.lower(), word.upper(), word.capitalize()}


def filter_users(qs: QuerySet[User], params: dict) -> QuerySet[User]:
    if params.get("q"):
        for word in params["q"].split()[:5]:
            condition = Q()
            for variant in _text_variants(word):
                for field in ("last_name", "first_name", "middle_name", "username", "email"):
                    condition |= Q(**{f"{field}__icontains": variant})
            qs = qs.filter(condition)
    if params.get("role"):
        qs = qs.filter(pk__in=Membership.objects.active().filter(role=params["role"]).values("user_id"))
    if params.get("municipality"):
        m = params["municipality"]
        with_role_there = Membership.objects.filter(
            Q(municipality=m) | Q(organization__municipality=m) | Q(body__municipality=m)
        ).values("user_id")
        qs = qs.filter(Q(organization__municipality=m) | Q(pk__in=with_role_there))
    if params.get("active") == "yes":
        qs = qs.filter(is_active=True)
    elif params.get("active") == "no":
        qs = qs.filter(is_active=False)
    return qs


def membership_history(target: User, limit: int = 100):
    """Every grant, change and removal of the user's roles, newest first, with who did it."""
    return (
        Membership.history.filter(user_id=target.pk)
        .select_related("history_user", "region", "municipality", "organization", "body")
        .order_by("-history_date", "-history_id")[:limit]
    )
