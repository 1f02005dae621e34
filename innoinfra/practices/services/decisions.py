"""The moderator's other decisions: returned for revision or rejected (closing the expertise application as the
engine allows), a published practice withdrawn."""

from __future__ import annotations

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.review import services as review_services
from innoinfra.review.enums import APPLICATION_TRANSITIONS
from innoinfra.review.enums import ApplicationState as AS

from ..models import Practice
from ._common import S, locked_expertise, require_state, save_practice


def _stop_expertise(practice: Practice, *, rejected: bool, comment: str, by) -> None:
    """Close the application as the practice's fate says; a step the engine does not allow is simply not taken."""

    application = locked_expertise(practice)
    if application is None:
        return
    if application.state == AS.UNDER_REVIEW:
        review_services.transition(application, AS.WITHDRAWN, by=by, comment=f"Экспертиза прекращена: {comment}")
        return
    if AS.NOT_RECOMMENDED in APPLICATION_TRANSITIONS[application.state]:
        review_services.transition(application, AS.NOT_RECOMMENDED, by=by, comment=comment)
    if rejected and AS.REJECTED in APPLICATION_TRANSITIONS[application.state]:
        review_services.transition(application, AS.REJECTED, by=by, comment=comment)


def _close(practice: Practice, state: str, comment: str, by, doing: str) -> Practice:
    require_state(practice, S.SUBMITTED, S.UNDER_EXPERTISE, doing=doing)
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError("Напишите авторам комментарий: что исправить или почему практика отклонена.")
    if practice.state == S.UNDER_EXPERTISE:
        _stop_expertise(practice, rejected=state == S.REJECTED, comment=comment, by=by)
    practice.state = state
    practice.moderator_comment = comment
    return save_practice(practice, by)


@transaction.atomic
def return_for_revision(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.RETURNED, comment, by, "вернуть на доработку")


@transaction.atomic
def reject(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.REJECTED, comment, by, "отклонить")


@transaction.atomic
def withdraw(practice: Practice, *, by=None) -> Practice:
    """The practice is kept with its registry number and editions, only hidden from the public."""
    require_state(practice, S.PUBLISHED, doing="снять с публикации")
    practice.state = S.WITHDRAWN
    return save_practice(practice, by)
