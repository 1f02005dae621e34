"""The block of public expertise on a practice's page (translator/_practice_block.html)."""

from __future__ import annotations

from innoinfra.practices.models import Practice

from . import queries
from .forms import CommentTextForm, RatingForm
from .models import CRITERIA, Rating
from .rules import answers_for


def practice_block(request, practice: Practice) -> dict:
    """Context for the block: empty for an unpublished practice, whose expertise has not begun."""
    if not practice.is_published:
        return {"translator": None}
    user = request.user
    own = None
    if user.is_authenticated:
        own = Rating.objects.filter(practice=practice, user=user).first()
    initial = {name: getattr(own, name) for name, _ in CRITERIA} if own else None
    return {
        "translator": {
            "ratings": queries.aggregates(practice),
            "comments": queries.published_comments(practice),
            "own_rating": own,
            "rating_form": RatingForm(initial=initial),
            "comment_form": CommentTextForm(),
            "can_rate": user.has_perm("translator.rate_practice", practice),
            "can_comment": user.has_perm("translator.comment_practice", practice),
            "can_answer": answers_for(user, practice),
        }
    }
