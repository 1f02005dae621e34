"""Certificates issued in batches: queued by the organizer, issued chunk by chunk in the background.

The task lives beside the functions it runs, so the queue and the issuing need no import circle.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from innoinfra.core.errors import ServiceError

from ..enums import BatchState
from ..models import CertificateBatch, Event
from .services import check_issuable, email_certificate, issue_to_participants, participants_without_certificate

CHUNK = 100  # certificates laid out together: progress moves by this step


@task()
def run_certificate_batch(batch_id: int) -> None:
    """The background entry (django-tasks: a database queue under `make run`, inline in tests)."""
    run_batch(batch_id)


@transaction.atomic
def start_batch(event: Event, *, send_email: bool, by=None) -> CertificateBatch:
    """Queue the certificates of participation of everyone present who has none; the work runs in the
    background (django-tasks) and the page shows its progress."""
    check_issuable(event)
    if event.certificate_batches.filter(state__in=(BatchState.QUEUED, BatchState.RUNNING)).exists():
        raise ServiceError("Сертификаты этого мероприятия уже готовятся: дождитесь окончания.")
    total = participants_without_certificate(event).count()
    if not total:
        raise ServiceError("Всем присутствовавшим сертификаты уже выданы (или никто не отмечен присутствующим).")
    batch = CertificateBatch.objects.create(event=event, send_email=send_email, total=total, requested_by=by)
    transaction.on_commit(lambda: run_certificate_batch.enqueue(batch.pk))
    return batch


def run_batch(batch_id: int) -> CertificateBatch:
    """Issue chunk after chunk, committing each and moving the counters, so that the page sees progress and a
    failure keeps what was done. Running a batch again goes on where it stopped."""
    batch = CertificateBatch.objects.select_related("event__organizer", "event__municipality").get(pk=batch_id)
    if batch.state == BatchState.DONE:
        return batch
    CertificateBatch.objects.filter(pk=batch.pk).update(state=BatchState.RUNNING)
    event = batch.event
    try:
        while True:
            chunk = list(participants_without_certificate(event)[:CHUNK])
            if not chunk:
                break
            issued = issue_to_participants(
                event, registrations=chunk, by=batch.requested_by, announce_by_email=not batch.send_email
            )
            batch.done += len(issued)
            if batch.send_email:
                batch.emailed += sum(email_certificate(c) for c in issued if c.email)
            CertificateBatch.objects.filter(pk=batch.pk).update(done=batch.done, emailed=batch.emailed)
    except Exception as error:  # the organizer must see that it stopped, whatever stopped it
        message = " ".join(error.messages) if isinstance(error, ServiceError) else "внутренняя ошибка"
        batch.state, batch.error = BatchState.FAILED, f"Остановлено: {message}."
    else:
        batch.state = BatchState.DONE
    batch.finished_at = timezone.now()
    batch.save(update_fields=["state", "error", "finished_at", "done", "emailed"])
    return batch
