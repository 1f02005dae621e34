"""Reviews: the expert's scores and conclusion (a draft, then submitted), lateness, and the methodist returning a
submitted review to its expert."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from .. import notices
from ..aggregation import weighted_total
from ..enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, AssignmentState, ReviewState
from ..models import Application, Assignment, Call, Criterion, Review, Score
from .applications import transition
from .stages import review_deadline, scoring_open

AS = ApplicationState


def _check_scores(criteria: list[Criterion], scores: Mapping[int, tuple[int | None, str]], *, complete: bool) -> None:
    by_id = {c.pk: c for c in criteria}
    unknown = set(scores) - set(by_id)
    if unknown:
        raise ServiceError("Оценка содержит критерии не из оценочного листа конкурса.")
    problems = []
    for criterion in criteria:
        value, comment = scores.get(criterion.pk, (None, ""))
        if value is None:
            if complete:
                problems.append(f"«{criterion.title}»: не выставлен балл")
            continue
        if not criterion.min_level <= value <= criterion.max_level:
            problems.append(f"«{criterion.title}»: балл должен быть от {criterion.min_level} до {criterion.max_level}")
        elif (
            complete
            and criterion.comment_required_below is not None
            and value < criterion.comment_required_below
            and not comment.strip()
        ):
            problems.append(f"«{criterion.title}»: при таком низком балле нужен комментарий")
    if problems:
        raise ServiceError("; ".join(problems) + ".")


def save_review(
    assignment: Assignment,
    *,
    by,
    scores: Mapping[int, tuple[int | None, str]],
    conclusion: str = "",
    recommendation: str = "",
    submit: bool = False,
    day: dt.date | None = None,
) -> Review:
    """Save the expert's draft, or submit it: then every criterion, the conclusion and the recommendation are due."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("application__call__rubric").get(pk=assignment.pk)
        )
        if by.pk != assignment.expert_id:
            raise ServiceError("Оценку заполняет только назначенный эксперт.")
        if assignment.state not in ACTIVE_ASSIGNMENT_STATES:
            raise ServiceError("Вы отказались от этой заявки.")
        application = assignment.application
        call = application.call
        if application.state != AS.UNDER_REVIEW:
            raise ServiceError("Заявка сейчас не на экспертизе.")
        if not scoring_open(call, day):
            raise ServiceError("Экспертиза по этому конкурсу ещё не началась.")
        review, _ = Review.objects.get_or_create(assignment=assignment)
        if review.state == ReviewState.SUBMITTED:
            raise ServiceError("Оценка уже отправлена; изменить её может только методист, вернув её эксперту.")
        criteria = list(call.rubric.criteria.all())
        _check_scores(criteria, scores, complete=submit)
        if submit and not conclusion.strip():
            raise ServiceError("Напишите экспертное заключение.")
        if submit and not recommendation:
            raise ServiceError("Выберите рекомендацию.")
        if assignment.state == AssignmentState.PENDING:
            assignment.state = AssignmentState.ACCEPTED
            assignment.responded_at = timezone.now()
            assignment.save(update_fields=["state", "responded_at"])
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(review=review, criterion_id=cid, value=value, comment=(comment or "").strip())
            for cid, (value, comment) in scores.items()
            if value is not None
        )
        weights = {c.pk: c.weight for c in criteria}
        levels = {cid: value for cid, (value, _c) in scores.items() if value is not None}
        review.total = weighted_total(levels, weights)
        review.conclusion = conclusion.strip()
        review.recommendation = recommendation
        if submit:
            review.state = ReviewState.SUBMITTED
            review.submitted_at = timezone.now()
        review.save()
        if submit:
            _close_review_if_complete(application, by=by)
    return review


def is_late(review: Review, call: Call) -> bool:
    deadline = review_deadline(call)
    if deadline is None:
        return False
    if review.submitted_at:
        return timezone.localtime(review.submitted_at).date() > deadline
    return timezone.localdate() > deadline


def _close_review_if_complete(application: Application, *, by=None) -> None:
    active = Assignment.objects.filter(application=application, state__in=ACTIVE_ASSIGNMENT_STATES)
    if not active.exists():
        return
    if active.exclude(review__state=ReviewState.SUBMITTED).exists():
        return
    transition(application, AS.REVIEWED, by=by, comment="Все эксперты отправили оценки")
    notices.all_reviews_in(application)


@transaction.atomic
def reopen_review(review: Review, *, by=None, reason: str) -> Review:
    """The methodist returns a submitted review to its expert (e.g. a wrong score); the application goes back."""
    if not reason.strip():
        raise ServiceError("Укажите, почему оценка возвращается эксперту.")
    review = Review.objects.select_for_update().select_related("assignment__application").get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise ServiceError("Оценка ещё не отправлена.")
    application = review.assignment.application
    if application.state not in (AS.UNDER_REVIEW, AS.REVIEWED):
        raise ServiceError("По заявке уже принято решение.")
    review.state = ReviewState.DRAFT
    review.submitted_at = None
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    if application.state == AS.REVIEWED:
        transition(application, AS.UNDER_REVIEW, by=by, comment=f"Оценка возвращена эксперту: {reason.strip()}")
    return review


def passes(total: Decimal | None, maximum: Decimal, threshold: Decimal) -> bool:
    return total is not None and maximum > 0 and total >= maximum * threshold
