"""Keeping publications: each change in one transaction, its author in the history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from .models import Publication
from .rules import may_publish_for

EDITABLE = (
    "kind",
    "level",
    "title",
    "outlet",
    "published_on",
    "authors",
    "summary",
    "url",
    "file",
    "organization",
    "site",
    "practice",
)


def _check(publication: Publication, by) -> None:
    errors = []
    if publication.published_on and publication.published_on > timezone.localdate():
        errors.append("Дата публикации не может быть позже сегодняшнего дня.")
    if not publication.url and not publication.file:
        errors.append("Укажите ссылку на публикацию или приложите её файл.")
    if by is not None and not may_publish_for(by, publication.organization):
        errors.append("Вы можете добавлять публикации только своей организации или организаций своей территории.")
    site = publication.site
    if site is not None and not site.involves(publication.organization_id):
        errors.append("Выбранная организация не участвует в этой инновационной площадке.")
    practice = publication.practice
    if practice is not None and practice.organization_id != publication.organization_id:
        errors.append("Выбранная практика принадлежит другой организации.")
    if errors:
        raise ServiceError(errors)


def _save(publication: Publication, by) -> Publication:
    _check(publication, by)
    publication.municipality_id = publication.organization.municipality_id
    publication._history_user = by
    publication.save()
    return publication


@transaction.atomic
def create_publication(*, by, **fields) -> Publication:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return _save(Publication(created_by=by, **fields), by)


@transaction.atomic
def update_publication(publication: Publication, *, by, version: int | None = None, **fields) -> Publication:
    """Correct a publication over the version its editor read (VersionConflict if someone saved it since)."""
    claim_version(publication, version)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"unknown field: {name}")
        setattr(publication, name, value)
    return _save(publication, by)


@transaction.atomic
def delete_publication(publication: Publication, *, by) -> None:
    """Remove a publication entered by mistake; its history keeps who removed it."""
    publication._history_user = by
    publication.delete()
