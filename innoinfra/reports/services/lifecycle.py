"""One report's way: a draft saved, submitted, accepted or returned for rework, prefilled with the system's figures.
The report being moved is locked and read afresh."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from .. import notices
from ..enums import EDITABLE_STATES, CampaignState, ReportState
from ..facts import facts_for
from ..models import Answer, FormItem, Report, ReportEvent
from ._common import fact_items, fresh, raise_errors
from .answers import missing_answers, store_answers


class NotEditable(ServiceError):
    """The report's state (or its campaign's) does not allow changing its answers; the API answers it with 409."""


def _check_editable(report: Report) -> None:
    if report.state not in EDITABLE_STATES:
        raise NotEditable(f"Отчёт {report.get_state_display().lower()}: менять его ответы нельзя.")
    if report.campaign.state != CampaignState.OPEN:
        raise NotEditable("Сбор отчётов по кампании не идёт: отчёт не принимается.")


def _step(report: Report, to_state: str, *, by, remarks: str = "") -> ReportEvent:
    event = ReportEvent.objects.create(
        report=report, from_state=report.state, to_state=to_state, by=by, remarks=remarks
    )
    report.state = to_state
    return event


@transaction.atomic
def save_draft(
    report: Report, *, by, values: dict | None = None, files: dict | None = None, version: int | None = None
) -> Report:
    """Store the answers of a draft over the version its filler read (VersionConflict, nothing stored, if stale)."""
    report = fresh(Report, report)
    _check_editable(report)
    claim_version(report, version)
    store_answers(report, values or {}, files or {})
    report._history_user = by
    report.save(update_fields=["updated_at"])
    return report


@transaction.atomic
def remove_attachment(report: Report, *, item: FormItem, by) -> None:
    """Take a file off an editable report (the draft keeps its other answers); the stored file goes once the
    change is committed, so a rolled-back removal keeps it."""
    report = fresh(Report, report)
    _check_editable(report)
    if not item.is_attachment or item.form_id != report.campaign.form_id:
        raise ServiceError("В форме отчёта нет такого пункта-приложения.")
    answer = Answer.objects.filter(report=report, item=item).first()
    if answer is None or not answer.file:
        raise ServiceError(f"«{item.title}»: файл не приложен.")
    storage, name = answer.file.storage, answer.file.name
    answer.delete()
    transaction.on_commit(lambda: storage.delete(name))
    report._history_user = by
    report.save(update_fields=["updated_at"])


@transaction.atomic
def submit(
    report: Report, *, by, values: dict | None = None, files: dict | None = None, version: int | None = None
) -> Report:
    """Save the last answers and submit; if anything is missing, nothing (not even those answers) is saved.
    A stale `version` (someone saved the report since the filler read it) is refused the same way."""
    report = fresh(Report, report)
    _check_editable(report)
    claim_version(report, version)
    store_answers(report, values or {}, files or {})
    raise_errors(missing_answers(report))
    now = timezone.now()
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.submitted_late = timezone.localdate(now) > report.campaign.deadline
    report.submitted_at = now
    _step(report, ReportState.SUBMITTED, by=by)
    report._history_user = by
    report.save()
    notices.report_submitted(report)
    return report


@transaction.atomic
def accept(report: Report, *, by, remarks: str = "") -> Report:
    report = fresh(Report, report)
    if report.state != ReportState.SUBMITTED:
        raise ServiceError("Принять можно только представленный отчёт.")
    report.accepted_at = timezone.now()
    report.remarks = (remarks or "").strip()
    event = _step(report, ReportState.ACCEPTED, by=by, remarks=report.remarks)
    report._history_user = by
    report.save()
    notices.report_decided(report, event)
    return report


@transaction.atomic
def return_report(report: Report, *, by, remarks: str) -> Report:
    report = fresh(Report, report)
    if report.state != ReportState.SUBMITTED:
        raise ServiceError("Вернуть на доработку можно только представленный отчёт.")
    remarks = (remarks or "").strip()
    if not remarks:
        raise ServiceError("Напишите замечания: организация должна знать, что исправить.")
    if report.campaign.state != CampaignState.OPEN:
        raise ServiceError("Сбор отчётов завершён: возобновите кампанию, чтобы вернуть отчёт на доработку.")
    report.remarks = remarks
    event = _step(report, ReportState.RETURNED, by=by, remarks=remarks)
    report._history_user = by
    report.save()
    notices.report_decided(report, event)
    return report


@transaction.atomic
def prefill(report: Report, *, by) -> int:
    """Put the system's figures into the indicators with a fact's code; returns how many were filled."""
    report = fresh(Report, report)
    _check_editable(report)
    items = fact_items(report.campaign.form_id)
    if not items:
        raise ServiceError("В форме нет показателей, которые система может посчитать сама.")
    campaign = report.campaign
    facts = facts_for([report.organization_id], campaign.period_start, campaign.period_end)
    values = {item.pk: facts[report.organization_id][item.code] for item in items}
    store_answers(report, values, {})
    report.prefilled_at = timezone.now()
    report._history_user = by
    report.save()
    return len(items)
