"""Every e-mail of the system leaves through here: recorded with the action, sent in the background after commit.

`queue_mail` (or `queue_letters` for many) writes an `OutgoingMail` row in the caller's transaction and, once that
commits, enqueues a django-tasks task that hands the letters to the mail server. So:
- a rolled-back action mails nobody (its rows vanish with it, the task is never enqueued);
- the request never talks to SMTP when a worker runs the queue (TASKS_BACKEND=django_tasks_db.DatabaseBackend);
  without one the task runs right after commit, still catching every mail error, so an outage never turns a saved
  action into an error page;
- a mail server that is down is tried again with growing pauses (RETRY_DELAYS, about an hour in all), then the
  letter is «Не отправлено» and staff may send it again from the page «Исходящие письма».
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .enums import MAIL_FINAL, MAIL_SECRET, MailKind, MailStatus
from .models import OutgoingMail

logger = logging.getLogger("innoinfra.mail")

# Pause after the 1st, 2nd … failed attempt; one attempt more than pauses, so 5 attempts over ~1 hour.
RETRY_DELAYS = (timedelta(minutes=2), timedelta(minutes=8), timedelta(minutes=20), timedelta(minutes=30))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A letter «Отправляется» this long was dropped by a worker that died while sending: it is tried again.
STALE_SENDING = timedelta(minutes=30)
ERASED = "Текст удалён после отправки: в нём была ссылка для входа."


@dataclass(frozen=True)
class Attachment:
    """A file made when the letter goes: `loader` is the dotted path of a function taking `args`, returning bytes."""

    name: str
    mimetype: str
    loader: str
    args: tuple = ()


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    body: str
    html: str = ""
    kind: str = MailKind.OTHER
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


def queue_mail(
    *, to: str, subject: str, body: str, html: str = "", kind: str = MailKind.OTHER, attachments=()
) -> OutgoingMail:
    """Record one letter and send it in the background once the current transaction commits."""
    letter = Letter(to=to, subject=subject, body=body, html=html, kind=kind, attachments=tuple(attachments))
    return queue_letters([letter])[0]


def queue_letters(letters: list[Letter]) -> list[OutgoingMail]:
    """Record many letters (one INSERT) and send them together, over one connection, after commit."""
    for letter in letters:
        for attachment in letter.attachments:
            import_string(attachment.loader)  # a wrong path fails the action now, not the letter an hour later
    rows = OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                kind=letter.kind,
                to=letter.to,
                # a subject is one line: a newline in a title would be a header injection
                subject=" ".join(letter.subject.split()),
                body=letter.body,
                html=letter.html,
                attachments=[
                    {"name": a.name, "mimetype": a.mimetype, "loader": a.loader, "args": list(a.args)}
                    for a in letter.attachments
                ],
            )
            for letter in letters
        ]
    )
    ids = [row.pk for row in rows]
    if ids:
        # robust: a failure to enqueue must not break the action; `send_queued_mail` picks such letters up
        transaction.on_commit(lambda: send_mail_task.enqueue(ids), robust=True)
    return rows


def queue_templated_mail(
    *, to: str, subject_template: str, body_template: str, context: dict, kind: str, html_template: str | None = None
) -> OutgoingMail:
    """Django's PasswordResetForm.send_mail, queued: the subject, body (and HTML) rendered from templates."""
    return queue_mail(
        to=to,
        subject=render_to_string(subject_template, context),
        body=render_to_string(body_template, context),
        html=render_to_string(html_template, context) if html_template else "",
        kind=kind,
    )


# ---------------------------------------------------------------- sending (background)


@task()
def send_mail_task(mail_ids: list[int]) -> None:
    """The background entry (django-tasks: the database queue in production, inline in tests)."""
    deliver(mail_ids)


def deliver(mail_ids, *, now: datetime | None = None) -> dict[str, int]:
    """Hand the given letters that are due to the mail server over one connection; returns counts by outcome.

    Each letter is claimed first (a conditional update), so two workers never send the same one. A mail server
    that cannot be reached fails this letter and all after it (they are retried later); a letter the server refuses
    for good (a wrong address) fails alone."""
    now = now or timezone.now()
    claimed = [pk for pk in mail_ids if _claim(pk, now)]
    outcome = {"sent": 0, "retry": 0, "failed": 0}
    if not claimed:
        return outcome
    letters = list(OutgoingMail.objects.filter(pk__in=claimed).order_by("pk"))
    connection = get_connection()
    retry: list[OutgoingMail] = []
    try:
        connection.open()
    except Exception as error:  # whatever keeps the server away, every letter waits for a retry
        for letter in letters:
            _attempt_failed(letter, error, now, outcome, retry)
        letters = []
    for position, letter in enumerate(letters):
        try:
            connection.send_messages([_message(letter, connection)])
        except Exception as error:  # a mail error of any kind must cost this letter at most, never the worker
            if _connection_lost(error):
                for rest in letters[position:]:
                    _attempt_failed(rest, error, now, outcome, retry)
                break
            if not isinstance(error, smtplib.SMTPException):
                logger.exception("mail %s could not be prepared", letter.pk)
            _attempt_failed(letter, error, now, outcome, retry, permanent=_refused_for_good(error))
        else:
            erased = {"body": ERASED, "html": ""} if letter.kind in MAIL_SECRET else {}
            OutgoingMail.objects.filter(pk=letter.pk).update(
                status=MailStatus.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error="", **erased
            )
            outcome["sent"] += 1
    try:
        connection.close()
    except Exception:  # the letters are already accounted for
        logger.warning("closing the mail connection failed", exc_info=True)
    _schedule(retry)
    return outcome


def _claim(pk: int, now: datetime) -> bool:
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return bool(
        OutgoingMail.objects.filter(due, pk=pk, status=MailStatus.QUEUED).update(
            status=MailStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
    )


def _connection_lost(error: BaseException) -> bool:
    """The server went away: no letter after this one can go over this connection either. (SMTPException is an
    OSError too, but most of them are answers of a server that is still there.)"""
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _refused_for_good(error: BaseException) -> bool:
    """A 5xx answer (no such mailbox, message rejected): trying again would give the same answer; a 4xx one
    (mailbox busy, greylisting) is worth another try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _message(letter: OutgoingMail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=letter.subject, body=letter.body, to=[letter.to], connection=connection)
    if letter.html:
        message.attach_alternative(letter.html, "text/html")
    for attachment in letter.attachments:
        content = import_string(attachment["loader"])(*attachment["args"])
        message.attach(attachment["name"], content, attachment["mimetype"])
    return message


def describe(error: BaseException) -> str:
    """The reason staff read in the list: what it means in Russian, then the server's own words."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        reason = "Почтовый сервер отклонил адрес получателя"
    elif _refused_for_good(error):
        reason = "Почтовый сервер отказался принять письмо"
    elif _connection_lost(error):
        reason = "Почтовый сервер недоступен"
    elif isinstance(error, smtplib.SMTPException):
        reason = "Почтовый сервер временно не принял письмо"
    else:
        reason = "Внутренняя ошибка при подготовке письма"
    return f"{reason} ({type(error).__name__}: {error})"[:2000]


def _attempt_failed(letter, error, now, outcome, retry, *, permanent: bool = False) -> None:
    letter.last_error = describe(error)
    if permanent or letter.attempts >= MAX_ATTEMPTS:
        letter.status, letter.next_attempt_at = MailStatus.FAILED, None
        outcome["failed"] += 1
        logger.warning("mail %s to %s not sent: %s", letter.pk, letter.to, letter.last_error)
    else:
        letter.status = MailStatus.QUEUED
        letter.next_attempt_at = now + RETRY_DELAYS[letter.attempts - 1]
        outcome["retry"] += 1
        retry.append(letter)
    letter.save(update_fields=["status", "next_attempt_at", "last_error"])


def _schedule(letters: list[OutgoingMail]) -> None:
    """Enqueue the retries to run at their time. A backend that cannot defer (the inline one, without a worker)
    leaves them to `manage.py send_queued_mail`, run by cron."""
    if not letters or not send_mail_task.get_backend().supports_defer:
        return
    by_time: dict[datetime, list[int]] = defaultdict(list)
    for letter in letters:
        by_time[letter.next_attempt_at].append(letter.pk)
    for when, ids in by_time.items():
        send_mail_task.using(run_after=when).enqueue(ids)


def send_due(*, now: datetime | None = None) -> dict[str, int]:
    """The safety net run by cron: letters whose task was lost (a process that died between commit and enqueue,
    a worker that died while sending) or whose retry no worker will run (no TASKS_BACKEND) go now."""
    now = now or timezone.now()
    OutgoingMail.objects.filter(status=MailStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING).update(
        status=MailStatus.QUEUED, next_attempt_at=None
    )
    due = OutgoingMail.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lte=now - timedelta(minutes=5)),
        status=MailStatus.QUEUED,
    )
    return deliver(list(due.order_by("pk").values_list("pk", flat=True)), now=now)


# ---------------------------------------------------------------- retention


def prune(*, now: datetime | None = None, keep_days: int | None = None) -> int:
    """Delete sent and failed letters older than MAIL_KEEP_DAYS: their bodies hold personal data."""
    now = now or timezone.now()
    keep_days = settings.MAIL_KEEP_DAYS if keep_days is None else keep_days
    old = OutgoingMail.objects.filter(status__in=MAIL_FINAL, created_at__lt=now - timedelta(days=keep_days))
    deleted, _ = old.delete()
    return deleted
