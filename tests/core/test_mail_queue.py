"""The mail queue: a letter is recorded with the action, leaves after commit, waits out a mail outage and is
retried, and is never sent for an action that rolled back."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from innoinfra.core import mail as mail_queue
from innoinfra.core.enums import MailKind, MailStatus
from innoinfra.core.models import OutgoingMail

from ..mail_backends import CONNECTIONS
from ..task_worker import WORKER, run_worker

pytestmark = pytest.mark.django_db

DOWN = "tests.mail_backends.DownBackend"
COUNTING = "tests.mail_backends.CountingBackend"


def letter(**fields):
    return mail_queue.queue_mail(
        to=fields.pop("to", "anna@example.org"),
        subject=fields.pop("subject", "Регистрация на семинар"),
        body=fields.pop("body", "Вы зарегистрированы."),
        **fields,
    )


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = DOWN
    CONNECTIONS["down"] = 0


class RefusingBackend(LocmemBackend):
    """A mail server that says there is no such mailbox."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"5.1.1 no such user")})


class PickyBackend(LocmemBackend):
    """A mail server that knows every mailbox but one."""

    def send_messages(self, messages):
        if messages[0].to == ["nobody@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"nobody@example.org": (550, b"5.1.1 no such user")})
        return super().send_messages(messages)


def test_a_letter_is_recorded_and_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter(html="<p>Вы зарегистрированы.</p>", kind=MailKind.EVENT)
        assert mail.outbox == []  # nothing before commit
    (sent,) = mail.outbox
    assert sent.to == ["anna@example.org"] and sent.subject == "Регистрация на семинар"
    assert sent.alternatives[0][1] == "text/html"
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (MailStatus.SENT, 1, "")
    assert queued.sent_at is not None


def test_a_rolled_back_action_queues_and_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        letter()
        raise RuntimeError("the action failed after the letter was written")
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_a_newline_in_a_subject_cannot_add_a_header(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter(subject="Семинар\nBcc: everyone@example.org")
    assert queued.subject == "Семинар Bcc: everyone@example.org"
    assert mail.outbox[0].bcc == []


def test_a_mail_outage_keeps_the_letter_and_the_retry_sends_it(
    mail_server_down, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter()
    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED and queued.attempts == 1
    assert queued.last_error.startswith("Почтовый сервер недоступен (ConnectionRefusedError")
    assert queued.next_attempt_at - queued.last_attempt_at == dt.timedelta(minutes=2)
    assert mail.outbox == []

    # too early: the pause is kept
    assert mail_queue.send_due(now=queued.last_attempt_at + dt.timedelta(minutes=1))["sent"] == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    outcome = mail_queue.send_due(now=queued.next_attempt_at)
    assert outcome == {"sent": 1, "retry": 0, "failed": 0}
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (MailStatus.SENT, 2, "")
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_after_five_attempts_over_about_an_hour_the_letter_is_not_sent(
    mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter()
    started = timezone.now()
    for _ in range(4):
        queued.refresh_from_db()
        mail_queue.send_due(now=queued.next_attempt_at)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.next_attempt_at) == (MailStatus.FAILED, 5, None)
    assert dt.timedelta(minutes=55) < queued.last_attempt_at - started < dt.timedelta(minutes=65)
    assert CONNECTIONS["down"] == 5
    # nothing more is tried on its own
    assert mail_queue.send_due(now=started + dt.timedelta(days=1)) == {"sent": 0, "retry": 0, "failed": 0}


def test_an_address_the_server_refuses_fails_at_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter(to="nobody@example.org")
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (MailStatus.FAILED, 1)
    assert queued.last_error.startswith("Почтовый сервер отклонил адрес получателя")


def test_one_refused_address_does_not_stop_the_others(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.PickyBackend"
    addresses = ("a@example.org", "nobody@example.org", "b@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue.queue_letters([mail_queue.Letter(to=to, subject="Сводка", body="…") for to in addresses])
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    statuses = dict(OutgoingMail.objects.values_list("to", "status"))
    assert statuses == {"a@example.org": "sent", "nobody@example.org": "failed", "b@example.org": "sent"}


def test_with_a_worker_the_action_never_talks_to_the_mail_server(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = WORKER
    settings.EMAIL_BACKEND = COUNTING
    CONNECTIONS["counting"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter()
    assert CONNECTIONS["counting"] == 0 and mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    run_worker(monkeypatch)

    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and CONNECTIONS["counting"] == 1
    assert len(mail.outbox) == 1


def test_with_a_worker_a_failed_attempt_is_queued_again_for_later(
    settings, monkeypatch, mail_server_down, django_capture_on_commit_callbacks
):
    settings.TASKS = WORKER
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter()
    run_worker(monkeypatch)
    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED and queued.attempts == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == queued.next_attempt_at
    assert retry.args_kwargs == {"args": [[queued.pk]], "kwargs": {}}


def test_a_lost_task_is_picked_up_by_the_cron_command(settings):
    # the process died between commit and enqueueing: only the row exists
    queued = OutgoingMail.objects.create(
        to="anna@example.org", subject="Тема", body="Текст", created_at=timezone.now() - dt.timedelta(minutes=10)
    )
    call_command("send_queued_mail")
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and len(mail.outbox) == 1


def test_a_letter_stuck_in_sending_by_a_dead_worker_goes_again(settings):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    stuck = OutgoingMail.objects.create(
        to="anna@example.org",
        subject="Тема",
        body="Текст",
        status=MailStatus.SENDING,
        attempts=1,
        created_at=long_ago,
        last_attempt_at=long_ago,
    )
    mail_queue.send_due()
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (MailStatus.SENT, 2)


def test_the_text_of_a_password_link_is_erased_once_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = letter(body="Ссылка: https://innoinfra.example/accounts/reset/MQ/secret/", kind=MailKind.PASSWORD)
    assert "secret" in mail.outbox[0].body
    queued.refresh_from_db()
    assert "secret" not in queued.body and queued.body == mail_queue.ERASED


def test_old_sent_and_failed_letters_are_deleted_queued_ones_kept(settings):
    settings.MAIL_KEEP_DAYS = 30
    old = timezone.now() - dt.timedelta(days=31)
    for status in (MailStatus.SENT, MailStatus.FAILED, MailStatus.QUEUED):
        OutgoingMail.objects.create(to="old@example.org", subject="Старое", body="…", status=status, created_at=old)
    OutgoingMail.objects.create(to="new@example.org", subject="Новое", body="…", status=MailStatus.SENT)

    call_command("prune_outgoing_mail")

    left = sorted(OutgoingMail.objects.values_list("to", "status"))
    assert left == [("new@example.org", "sent"), ("old@example.org", "queued")]
