"""Execution of an approved plan: marks on occurrences with their evidence (links and files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import EVIDENCE, service_checked_upload

from ..enums import OccurrenceStatus, PlanState
from ..models import Evidence, Occurrence
from .due_counts import refresh_due_counts


@transaction.atomic
def record_execution(
    occurrence: Occurrence,
    *,
    by=None,
    status: str,
    completed_on: dt.date | None = None,
    comment: str | None = None,
    links: Iterable[tuple[str, str]] = (),
    files: Iterable = (),
    today: dt.date | None = None,
) -> Occurrence:
    """Mark an occurrence's execution with evidence (links as (title, url), uploaded files)."""
    if status not in OccurrenceStatus.values:
        raise ServiceError("Неизвестное состояние выполнения.")
    files = [service_checked_upload(upload, purpose=EVIDENCE) for upload in files]  # all, before anything is stored
    if occurrence.plan.state == PlanState.DRAFT:
        raise ServiceError("План ещё не утверждён: выполнение отмечается по утверждённому плану.")
    if occurrence.plan.state == PlanState.ARCHIVED:
        raise ServiceError("План в архиве: отметки о выполнении в нём не меняются.")
    today = today or dt.date.today()
    if status == OccurrenceStatus.DONE:
        completed_on = completed_on or today
        if completed_on > today:
            raise ServiceError("Дата выполнения не может быть в будущем.")
    else:
        completed_on = None
    occurrence.status = status
    occurrence.completed_on = completed_on
    if comment is not None:
        occurrence.comment = comment.strip()
    occurrence.updated_by = by
    occurrence._history_user = by
    occurrence.save()
    refresh_due_counts([occurrence.plan_id])
    for title, url in links:
        if url:
            Evidence.objects.create(occurrence=occurrence, title=(title or "")[:500], url=url, created_by=by)
    for upload in files:
        evidence = Evidence(occurrence=occurrence, title=upload.name[:500], created_by=by)
        evidence.file.save(upload.name, upload, save=True)
    return occurrence


@transaction.atomic
def remove_evidence(evidence: Evidence) -> None:
    if evidence.occurrence.plan.state == PlanState.ARCHIVED:
        raise ServiceError("План в архиве: отметки о выполнении в нём не меняются.")
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
