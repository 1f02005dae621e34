"""The lifecycle of a practice: draft → submitted → published / returned / rejected; published → withdrawn.

Each step runs in one transaction and checks the state it starts from: an illegal step changes nothing. Who may take
a step is decided by the rules (rules.py) in the views; the services keep the states honest."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from .enums import EDITABLE_STATES, PracticeState
from .models import Practice

S = PracticeState
REQUIRED_TO_SUBMIT = ("title", "authors", "annotation", "description")


def _require(practice: Practice, *states: str, doing: str) -> None:
    if practice.state not in states:
        raise ServiceError(f"Практику в состоянии «{practice.get_state_display()}» нельзя {doing}.")


def _save(practice: Practice, by, directions: Iterable | None = None) -> Practice:
    practice.municipality_id = practice.organization.municipality_id
    practice._history_user = by
    practice.save()
    if directions is not None:
        practice.directions.set(directions)
    return practice


@transaction.atomic
def create_practice(*, by=None, directions: Iterable | None = None, **fields) -> Practice:
    practice = Practice(created_by=by if by and by.is_authenticated else None, state=S.DRAFT, **fields)
    return _save(practice, by, directions)


@transaction.atomic
def update_practice(practice: Practice, *, by=None, directions: Iterable | None = None, **fields) -> Practice:
    _require(practice, *EDITABLE_STATES, doing="изменять: сначала её должен вернуть на доработку модератор")
    for name, value in fields.items():
        setattr(practice, name, value)
    return _save(practice, by, directions)


@transaction.atomic
def submit(practice: Practice, *, by=None) -> Practice:
    _require(practice, *EDITABLE_STATES, doing="отправить на модерацию")
    missing = [
        Practice._meta.get_field(name).verbose_name for name in REQUIRED_TO_SUBMIT if not getattr(practice, name)
    ]
    if missing:
        raise ServiceError(f"Перед отправкой заполните: {', '.join(missing)}.")
    practice.state = S.SUBMITTED
    return _save(practice, by)


def next_registry_number(year: int) -> str:
    """«БД-2026-0001»: numbers run through the year; the zero padding keeps their order that of the strings."""
    prefix = f"БД-{year}-"
    last = (
        Practice.objects.filter(registry_number__startswith=prefix)
        .order_by("-registry_number")
        .values_list("registry_number", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def publish(practice: Practice, *, by=None) -> Practice:
    _require(practice, S.SUBMITTED, doing="опубликовать")
    now = timezone.now()
    practice.state = S.PUBLISHED
    practice.published_at = now
    practice.moderator_comment = ""
    if not practice.registry_number:
        practice.registry_number = next_registry_number(timezone.localdate(now).year)
    return _save(practice, by)


def _close(practice: Practice, state: str, comment: str, by, doing: str) -> Practice:
    _require(practice, S.SUBMITTED, doing=doing)
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError("Напишите авторам комментарий: что исправить или почему практика отклонена.")
    practice.state = state
    practice.moderator_comment = comment
    return _save(practice, by)


@transaction.atomic
def return_for_revision(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.RETURNED, comment, by, "вернуть на доработку")


@transaction.atomic
def reject(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.REJECTED, comment, by, "отклонить")


@transaction.atomic
def withdraw(practice: Practice, *, by=None) -> Practice:
    """The practice is kept with its registry number, only hidden from the public."""
    _require(practice, S.PUBLISHED, doing="снять с публикации")
    practice.state = S.WITHDRAWN
    return _save(practice, by)
