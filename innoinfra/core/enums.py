from django.db import models


class MailStatus(models.TextChoices):
    """Where an outgoing e-mail is: waiting (possibly for a retry), being handed to the mail server, done."""

    QUEUED = "queued", "В очереди"
    SENDING = "sending", "Отправляется"
    SENT = "sent", "Отправлено"
    FAILED = "failed", "Не отправлено"


# States a record leaves on its own; retention deletes only these.
MAIL_FINAL = frozenset({MailStatus.SENT, MailStatus.FAILED})


class MailKind(models.TextChoices):
    """What a letter is, so staff can find the ones that matter (a password link) among the many."""

    NOTIFICATION = "notification", "Уведомление"
    PASSWORD = "password", "Ссылка для входа или смены пароля"
    EVENT = "event", "Письмо участнику мероприятия"
    CERTIFICATE = "certificate", "Сертификат"
    DIGEST = "digest", "Сводка сообщества"
    OTHER = "other", "Другое"


# Letters carrying a credential (a one-time link that sets a password): their text is erased once sent, so nobody
# who can read the mail records can sign in as the recipient.
MAIL_SECRET = frozenset({MailKind.PASSWORD})


class JobState(models.TextChoices):
    """Where a background job (core.jobs: exports, certificate batches, collection builds) stands. Each kind may
    word the states its own way in its model's choices; the values are these."""

    QUEUED = "queued", "В очереди"
    RUNNING = "running", "Готовится"
    DONE = "done", "Готово"
    FAILED = "failed", "Ошибка"


# States a job waits or works in: the page keeps asking for progress only while the job is in one of them, and the
# sweeper looks for the silent ones among them.
JOB_ACTIVE = frozenset({JobState.QUEUED, JobState.RUNNING})
# What every kind of job may do; a kind may allow more (a certificate batch goes again from FAILED: see its model).
JOB_TRANSITIONS = {
    JobState.QUEUED: frozenset({JobState.RUNNING, JobState.FAILED}),
    JobState.RUNNING: frozenset({JobState.DONE, JobState.FAILED}),
    JobState.DONE: frozenset(),
    JobState.FAILED: frozenset(),
}

# A background export is a job like any other; the names stay for the code that reads as exports.
ExportState = JobState
EXPORT_ACTIVE = JOB_ACTIVE
