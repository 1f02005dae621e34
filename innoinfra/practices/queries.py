"""The catalogue's filters, shared by the page and the API; the moderators' queue."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet

from innoinfra.accounts.scopes import scope_of
from innoinfra.core import fulltext
from innoinfra.reference.models import Organization
from innoinfra.review.enums import ACTIVE_ASSIGNMENT_STATES, ReviewState

from .enums import PracticeState
from .models import Practice


def published() -> QuerySet[Practice]:
    return (
        # a new edition is never listed: once published, its content lives in the original practice
        Practice.objects.filter(state=PracticeState.PUBLISHED, revision_of__isnull=True)
        .select_related("organization", "municipality")
        .order_by("-published_at", "-id")
    )


def filter_practices(
    practices: QuerySet[Practice], params: dict, search: fulltext.Hits | None = None
) -> QuerySet[Practice]:
    """`search`: the search of params["q"] when the caller wants to know afterwards whether it was capped."""
    for name in ("kind", "cycle_stage", "municipality", "organization"):
        if params.get(name):
            practices = practices.filter(**{name: params[name]})
    if params.get("level"):
        practices = practices.filter(levels__contains=params["level"])
    if params.get("direction"):
        practices = practices.filter(directions=params["direction"])
    if params.get("year"):
        practices = practices.filter(published_at__year=params["year"])
    if params.get("q"):
        # the global index knows Russian word forms on both engines (the ids come as a subquery on SQLite, as an
        # array on PostgreSQL, whose planner would otherwise search once per practice when statistics are missing)
        # `is None`, not `or`: the truth of a search is its length, which would run the search once more
        search = search if search is not None else fulltext.search(params["q"], kind="practice")
        practices = search.narrow(practices)
    if params.get("subject"):
        practices = practices.filter(subjects__icontains=params["subject"])
    if params.get("rating"):
        practices = practices.filter(rating__gte=Decimal(params["rating"]))
    if params.get("sort") == "views":
        practices = practices.order_by("-views", "-published_at", "-id")
    elif params.get("sort") == "rating":
        practices = practices.order_by(F("rating").desc(nulls_last=True), "-published_at", "-id")
    return practices


def similar(practice: Practice, limit: int = 5) -> QuerySet[Practice]:
    """Published practices sharing a direction with this one, else of the same kind."""
    directions = practice.directions.values("pk")
    same_direction = published().filter(directions__in=directions).exclude(pk=practice.pk)
    candidates = published().filter(pk__in=same_direction.values("pk")) | published().filter(kind=practice.kind)
    return candidates.exclude(pk=practice.pk).order_by("-published_at", "-id")[:limit]


def organizations_for(user) -> QuerySet[Organization]:
    """Organizations on whose behalf the user enters practices."""

    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Organization.objects.order_by("short_name")
    ids = set(scope.organizations) | ({user.organization_id} if user.organization_id else set())
    return Organization.objects.filter(pk__in=ids) | Organization.objects.filter(
        municipality__in=scope.managed_municipalities
    )


def mine(user) -> QuerySet[Practice]:
    from django.db.models import Q

    scope = scope_of(user)
    return (
        Practice.objects.filter(Q(created_by=user) | Q(organization__in=scope.organizations))
        .select_related("organization")
        .order_by("-updated_at", "-id")
    )


def with_expertise_progress(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """Each practice with `experts` at work on its expertise (declined and recused ones do not count) and the
    `reviews` they have sent."""
    active = Q(expertise__assignments__state__in=ACTIVE_ASSIGNMENT_STATES)
    sent = active & Q(expertise__assignments__review__state=ReviewState.SUBMITTED)
    return practices.annotate(
        experts=Count("expertise__assignments", filter=active),
        reviews=Count("expertise__assignments", filter=sent),
    )


def moderation_queue(user) -> QuerySet[Practice]:
    """Practices of the user's territory waiting for the formal check or at the expertise, oldest change first."""

    scope = scope_of(user)
    practices = Practice.objects.filter(state__in=[PracticeState.SUBMITTED, PracticeState.UNDER_EXPERTISE])
    if scope.managed_municipalities is not None and scope.moderated_municipalities is not None:
        practices = practices.filter(municipality__in=scope.managed_municipalities | scope.moderated_municipalities)
    return with_expertise_progress(practices.select_related("organization", "municipality", "expertise")).order_by(
        "updated_at", "id"
    )
