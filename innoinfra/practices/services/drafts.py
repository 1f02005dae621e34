"""A practice written and submitted for moderation; a new edition of a published practice started as a draft
copy, one open edition at a time."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from ..enums import EDITABLE_STATES, OPEN_REVISION_STATES
from ..models import CONTENT_FIELDS, Practice
from ._common import S, require_state, save_practice

REQUIRED_TO_SUBMIT = ("title", "authors", "annotation", "description")


@transaction.atomic
def create_practice(*, by=None, directions: Iterable | None = None, **fields) -> Practice:
    practice = Practice(created_by=by if by and by.is_authenticated else None, state=S.DRAFT, **fields)
    return save_practice(practice, by, directions)


@transaction.atomic
def update_practice(
    practice: Practice, *, by=None, directions: Iterable | None = None, version: int | None = None, **fields
) -> Practice:
    """Change a draft's description over the version its author read (VersionConflict, nothing saved, if stale)."""
    require_state(practice, *EDITABLE_STATES, doing="изменять: сначала её должен вернуть на доработку модератор")
    claim_version(practice, version)
    for name, value in fields.items():
        setattr(practice, name, value)
    return save_practice(practice, by, directions)


@transaction.atomic
def submit(practice: Practice, *, by=None) -> Practice:
    require_state(practice, *EDITABLE_STATES, doing="отправить на модерацию")
    if practice.revision_of_id and practice.revision_of.state != S.PUBLISHED:
        raise ServiceError("Исходная практика снята с публикации: новую редакцию отправить нельзя.")
    missing = [
        Practice._meta.get_field(name).verbose_name for name in REQUIRED_TO_SUBMIT if not getattr(practice, name)
    ]
    if missing:
        raise ServiceError(f"Перед отправкой заполните: {', '.join(missing)}.")
    practice.state = S.SUBMITTED
    return save_practice(practice, by)


def open_revision(practice: Practice) -> Practice | None:
    return practice.revisions.filter(state__in=OPEN_REVISION_STATES).order_by("-id").first()


@transaction.atomic
def start_revision(practice: Practice, *, by=None) -> Practice:
    """A new edition of a published practice: a draft copy the authors change and submit; the published text stays
    public until the new edition passes the expertise and is published. One open edition at a time."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.revision_of_id:
        raise ServiceError("Это уже новая редакция практики.")
    require_state(practice, S.PUBLISHED, doing="редактировать: новую редакцию начинают у опубликованной практики")
    if open_revision(practice) is not None:
        raise ServiceError("Новая редакция этой практики уже готовится: продолжите работу над ней.")
    revision = Practice(
        revision_of=practice,
        state=S.DRAFT,
        created_by_id=practice.created_by_id or (by.pk if by is not None and by.is_authenticated else None),
        **{name: getattr(practice, name) for name in CONTENT_FIELDS},
    )
    return save_practice(revision, by, directions=list(practice.directions.all()))
