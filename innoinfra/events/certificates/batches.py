"""Certificates issued in batches: queued by the organizer, issued chunk by chunk in the background.

The task lives beside the functions it runs, so the queue and the issuing need no import circle.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from innoinfra.core import jobs
from innoinfra.core.enums import JOB_ACTIVE, JobState
from innoinfra.core.errors import ServiceError

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
    background (django-tasks) and the page shows its progress. A batch whose worker fell silent is failed first
    (core.jobs.sweep), so it blocks nobody."""
    check_issuable(event)
    jobs.sweep(event.certificate_batches.all())
    if event.certificate_batches.filter(state__in=JOB_ACTIVE).exists():
        raise ServiceError("Сертификаты этого мероприятия уже готовятся: дождитесь окончания.")
    total = participants_without_certificate(event).count()
    if not total:
        raise ServiceError("Всем присутствовавшим сертификаты уже выданы (или никто не отмечен присутствующим).")
    batch = CertificateBatch.objects.create(event=event, send_email=send_email, total=total, requested_by=by)
    transaction.on_commit(lambda: run_certificate_batch.enqueue(batch.pk))
    return batch


@transaction.atomic
def restart_batch(batch: CertificateBatch) -> CertificateBatch:
    """«Запустить снова»: a failed (or interrupted) batch goes on where it stopped — the certificates issued so far
    stay, the total becomes what is issued plus who is still waiting."""
    check_issuable(batch.event)
    jobs.sweep(CertificateBatch.objects.filter(pk=batch.pk))
    waiting = participants_without_certificate(batch.event).count()
    batch.refresh_from_db()
    if not jobs.restart(batch):
        raise ServiceError("Эта выдача не остановлена: запустить её снова нельзя. Обновите страницу.")
    CertificateBatch.objects.filter(pk=batch.pk).update(total=batch.done + waiting)
    transaction.on_commit(lambda: run_certificate_batch.enqueue(batch.pk))
    return batch


def run_batch(batch_id: int) -> CertificateBatch:
    """Issue chunk after chunk, committing each and moving the counters (the progress is the heartbeat), so that
    the page sees progress and a failure keeps what was done. A batch the sweeper failed meanwhile stops at its
    next chunk; «Запустить снова» goes on where it stopped."""
    batch = CertificateBatch.objects.select_related("event__organizer", "event__municipality").get(pk=batch_id)
    if not jobs.begin(batch):
        return batch
    event = batch.event
    try:
        while True:
            chunk = list(participants_without_certificate(event)[:CHUNK])
            if not chunk:
                break
            issued = issue_to_participants(
                event, registrations=chunk, by=batch.requested_by, announce_by_email=not batch.send_email
            )
            emailed = batch.emailed
            if batch.send_email:
                emailed += sum(email_certificate(c) for c in issued if c.email)
            jobs.beat(batch, done=batch.done + len(issued), emailed=emailed)
    except jobs.JobAbandoned:
        pass  # the sweeper failed it meanwhile: what was issued stays, the page offers to go on
    except Exception as error:  # the organizer must see that it stopped, whatever stopped it
        kept = "Выданные сертификаты сохранены — нажмите «Запустить снова»."
        jobs.fail(batch, f"Остановлено: {jobs.reason(error, batch)}. {kept}")
    else:
        jobs.move(batch, JobState.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch
