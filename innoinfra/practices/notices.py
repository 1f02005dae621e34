"""What the data bank tells people through the review engine's notices."""

from __future__ import annotations

from innoinfra.accounts.enums import MODERATOR_ROLES
from innoinfra.review.procedures import Decision

from .models import Practice


def expertise_done(application) -> Decision | None:
    """The experts are done with a practice: its moderators (and the staff) decide on the practice's own page."""
    practice = Practice.objects.filter(expertise=application).first()
    if practice is None:
        return None
    return Decision(
        title=f"Экспертиза практики «{practice.title}» завершена",
        text="Эксперты оценили практику. Опубликуйте её, верните авторам на доработку или отклоните.",
        url=practice.get_absolute_url(),
        roles=MODERATOR_ROLES,
    )
