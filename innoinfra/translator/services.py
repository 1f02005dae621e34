"""Ratings, comments, answers, moderation and abuse reports. Who may act is decided by the rules in the views;
the services keep the business rules: only published practices are rated and discussed, an author never rates
their own practice, answers come from the practice's side only."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Sum

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.practices.models import Practice

from .models import CRITERIA, AbuseReport, Comment, CommentState, Rating
from .rules import answers_for, is_practice_author

S = CommentState
# Unresolved reports from this many people take a published comment off the page until a methodist looks at it.
REPORTS_TO_HIDE = 3


def _require_published(practice: Practice, doing: str) -> None:
    if not practice.is_published:
        raise ServiceError(f"{doing} можно только опубликованную практику.")


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError("Напишите текст комментария.")
    return text


@transaction.atomic
def rate(practice: Practice, *, by, **scores: int) -> Rating:
    """Rate a practice on every criterion (1–5); a second rating by the same user replaces the first."""
    _require_published(practice, "Оценить")
    if is_practice_author(by, practice):
        raise ServiceError("Авторы не оценивают собственную практику.")
    values = {}
    for name, label in CRITERIA:
        value = scores.get(name)
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ServiceError(f"Оцените критерий «{label}» от 1 до 5.")
        values[name] = value
    rating, _ = Rating.objects.update_or_create(practice=practice, user=by, defaults=values)
    _keep_mean(practice)
    return rating


def _keep_mean(practice: Practice) -> None:
    """The practice keeps the mean of its ratings for the catalogue to sort and filter by (a plain UPDATE: no
    history record of the practice and no re-indexing for a teacher's rating)."""
    per_rating = sum((F(name) for name, _ in CRITERIA[1:]), F(CRITERIA[0][0]))
    totals = Rating.objects.filter(practice=practice).aggregate(points=Sum(per_rating), count=Count("id"))
    mean = Decimal(totals["points"]) / (totals["count"] * len(CRITERIA)) if totals["count"] else None
    Practice.objects.filter(pk=practice.pk).update(
        rating=mean.quantize(Decimal("0.01")) if mean is not None else None, ratings_count=totals["count"]
    )


@transaction.atomic
def comment(practice: Practice, *, by, text: str) -> Comment:
    """Under premoderation a comment waits for a methodist; otherwise it is published at once."""
    _require_published(practice, "Комментировать")
    premoderated = InstallationSettings.current().comments_premoderated
    return Comment.objects.create(
        practice=practice, author=by, text=_text(text), state=S.PENDING if premoderated else S.PUBLISHED
    )


@transaction.atomic
def answer(parent: Comment, *, by, text: str) -> Comment:
    """The practice's side answers a published comment; the answer is published at once."""
    practice = parent.practice
    _require_published(practice, "Обсуждать")
    if not answers_for(by, practice):
        raise ServiceError("Отвечать на комментарии могут только авторы практики.")
    if parent.parent_id is not None or parent.state != S.PUBLISHED:
        raise ServiceError("Ответить можно только на опубликованный комментарий.")
    return Comment.objects.create(practice=practice, author=by, parent=parent, text=_text(text), state=S.PUBLISHED)


def _moderate(comment: Comment, state: str, by) -> Comment:
    comment.state = state
    comment._history_user = by
    comment.save(update_fields=["state"])
    comment.reports.filter(resolved=False).update(resolved=True)
    return comment


@transaction.atomic
def publish(comment: Comment, *, by=None) -> Comment:
    if comment.state == S.PUBLISHED and not comment.reports.filter(resolved=False).exists():
        raise ServiceError("Комментарий уже опубликован.")
    return _moderate(comment, S.PUBLISHED, by)


@transaction.atomic
def hide(comment: Comment, *, by=None) -> Comment:
    if comment.state == S.HIDDEN:
        raise ServiceError("Комментарий уже скрыт.")
    return _moderate(comment, S.HIDDEN, by)


@transaction.atomic
def report_abuse(comment: Comment, *, by, reason: str = "") -> AbuseReport:
    """Complain about a published comment; the third open complaint sends it back to moderation."""
    if comment.state != S.PUBLISHED:
        raise ServiceError("Пожаловаться можно только на опубликованный комментарий.")
    if comment.author_id == by.pk:
        raise ServiceError("Нельзя пожаловаться на собственный комментарий.")
    if AbuseReport.objects.filter(comment=comment, reporter=by).exists():
        raise ServiceError("Вы уже пожаловались на этот комментарий.")
    report = AbuseReport.objects.create(comment=comment, reporter=by, reason=(reason or "").strip()[:500])
    if comment.reports.filter(resolved=False).count() >= REPORTS_TO_HIDE:
        comment.state = S.PENDING
        comment._history_user = by
        comment.save(update_fields=["state"])
    return report
