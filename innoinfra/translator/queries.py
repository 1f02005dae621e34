"""What the practice page shows of its public expertise, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from innoinfra.accounts.scopes import scope_of
from innoinfra.practices import queries as practice_queries
from innoinfra.practices.models import Practice

from .models import CRITERIA, Comment, CommentState, Rating


def aggregates(practice: Practice) -> dict:
    """The mean of each criterion, the overall mean and the number of ratings — one query."""
    values = Rating.objects.filter(practice=practice).aggregate(
        count=Count("id"), **{name: Avg(name) for name, _ in CRITERIA}
    )
    criteria = [{"name": name, "label": label, "mean": values[name]} for name, label in CRITERIA]
    overall = sum(c["mean"] for c in criteria) / len(criteria) if values["count"] else None
    return {"count": values["count"], "criteria": criteria, "overall": overall}


def published_comments(practice: Practice) -> QuerySet[Comment]:
    """Published comments with their published answers — two queries whatever their number."""
    answers = Comment.objects.filter(state=CommentState.PUBLISHED).select_related("author").order_by("created_at", "id")
    return (
        Comment.objects.filter(practice=practice, parent=None, state=CommentState.PUBLISHED)
        .select_related("author")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("created_at", "id")
    )


def moderated_by(user) -> QuerySet[Comment]:
    """The comments of the territories the user moderates: all for the region's moderators and staff."""
    scope = scope_of(user)
    if not user.is_authenticated or not scope.is_moderator:
        return Comment.objects.none()
    comments = Comment.objects.all()
    if scope.managed_municipalities is not None and scope.moderated_municipalities is not None:
        comments = comments.filter(
            practice__municipality__in=scope.managed_municipalities | scope.moderated_municipalities
        )
    return comments


def comments_visible_to(user) -> QuerySet[Comment]:
    """What the API lists: everyone reads the published comments of published practices (an answer only under a
    published comment, as on the page); the author their own in any state; a moderator all of their territory."""
    condition = Q(
        state=CommentState.PUBLISHED,
        practice__in=practice_queries.published().values("pk"),
    ) & (Q(parent__isnull=True) | Q(parent__state=CommentState.PUBLISHED))
    if user.is_authenticated:
        condition |= Q(author=user) | Q(pk__in=moderated_by(user).values("pk"))
    return Comment.objects.filter(condition)
