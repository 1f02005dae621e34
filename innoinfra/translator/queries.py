"""What the practice page shows of its public expertise, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Avg, Count, Prefetch, QuerySet

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
