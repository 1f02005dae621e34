"""What every step of a practice shares: the check of the state it starts from, saving with the history's author
and the territory, the practice's expertise application locked for the step."""

from __future__ import annotations

from collections.abc import Iterable

from innoinfra.core.errors import ServiceError
from innoinfra.review.models import Application

from ..enums import PracticeState
from ..models import Practice

S = PracticeState


def require_state(practice: Practice, *states: str, doing: str) -> None:
    if practice.state not in states:
        raise ServiceError(f"Практику в состоянии «{practice.get_state_display()}» нельзя {doing}.")


def save_practice(practice: Practice, by, directions: Iterable | None = None) -> Practice:
    practice.municipality_id = practice.organization.municipality_id
    practice._history_user = by
    practice.save()
    if directions is not None:
        practice.directions.set(directions)
    return practice


def locked_expertise(practice: Practice):
    if not practice.expertise_id:
        return None
    return Application.objects.select_for_update().select_related("call__rubric").get(pk=practice.expertise_id)
