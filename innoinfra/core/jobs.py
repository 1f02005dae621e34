"""One mechanism for every long job the task queue runs (exports, certificate batches, collection builds): the
conditional transitions, the progress that doubles as a heartbeat, the failure, and the sweeper that fails jobs
whose worker died.

Every move is a conditional UPDATE along the kind's transition table (`model.TRANSITIONS`): "0 rows" means another
worker (or the sweeper) got there first, and the caller stops — no lock, the same on SQLite and PostgreSQL. A
worker's progress is written only while the job is RUNNING, so a worker that wakes up after the sweeper failed its
job learns it at its next step (`JobAbandoned`) instead of overwriting the failure.

Core knows no app: the sweeper finds the job kinds as the concrete subclasses of `BackgroundJob` among the
installed models.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from .enums import JOB_ACTIVE, JobState
from .models import BackgroundJob, job_stale_after
from .numerals import numeral

logger = logging.getLogger(__name__)


class JobAbandoned(Exception):
    """The job is no longer this worker's: the sweeper failed it (or another worker finished it) meanwhile."""


stale_after = job_stale_after

INTERNAL_ERROR = "внутренняя ошибка; попробуйте ещё раз, а если ошибка повторится — сообщите администратору"


def reason(error: Exception, job: BackgroundJob) -> str:
    """Why a job stopped, in words for the person who started it (no final full stop): a refusal (ServiceError and
    other validation errors, a missing right) says itself; anything else is logged with its traceback for the
    administrator and reads «внутренняя ошибка» — the worker must never fail in silence."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages).rstrip(".") or INTERNAL_ERROR
    if isinstance(error, PermissionDenied):
        return str(error).rstrip(".") or INTERNAL_ERROR
    logger.error("%s %s failed", job._meta.label, job.pk, exc_info=error)
    return INTERNAL_ERROR


def _allowed_from(model, new) -> list[str]:
    return [old for old, targets in model.TRANSITIONS.items() if new in targets]


def move(job: BackgroundJob, new: JobState, **fields) -> bool:
    """Move the job to `new` if its kind allows it from the state it is in now (read in the same UPDATE); False
    when the move is not allowed or somebody moved it first. The instance is brought up to date on success."""
    model = type(job)
    moved = bool(model.objects.filter(pk=job.pk, state__in=_allowed_from(model, new)).update(state=new, **fields))
    if moved:
        job.state = new
        for name, value in fields.items():
            setattr(job, name, value)
    return moved


def begin(job: BackgroundJob, **fields) -> bool:
    """The worker takes a queued job: False when it is not queued any more (taken, swept, over)."""
    now = timezone.now()
    return move(job, JobState.RUNNING, started_at=now, heartbeat_at=now, **fields)


def beat(job: BackgroundJob, **counters) -> None:
    """Progress (done=, total=, or any counter of the kind) and a sign of life at once; raises JobAbandoned when the
    job is not running any more, so the worker stops at its next step."""
    model = type(job)
    if not model.objects.filter(pk=job.pk, state=JobState.RUNNING).update(heartbeat_at=timezone.now(), **counters):
        raise JobAbandoned(job.pk)
    for name, value in counters.items():
        setattr(job, name, value)


def keep_file(job: BackgroundJob, filename: str, content: bytes) -> None:
    """Store the job's file and record its name while the job still runs, so that a worker dying before the job is
    done leaves a file the sweeper knows and removes (never an orphan in the storage)."""
    job.file.save(filename, ContentFile(content), save=False)
    if not type(job).objects.filter(pk=job.pk, state=JobState.RUNNING).update(file=job.file.name):
        job.file.delete(save=False)
        raise JobAbandoned(job.pk)


def _drop_file(job: BackgroundJob) -> None:
    file = getattr(job, "file", None)
    if file:
        try:
            file.delete(save=False)
        except OSError:  # the storage is away: the job is failed all the same, the file stays to be cleaned by hand
            logger.exception("could not remove the partial file of %s %s", type(job).__name__, job.pk)


def fail(job: BackgroundJob, message: str) -> bool:
    """Fail the job with a Russian message for its page and remove its partial file; False when it was over
    already (its file, if done, is kept)."""
    fields = {"error": message, "finished_at": timezone.now()}
    if hasattr(job, "file"):
        fields["file"] = ""
    file = getattr(job, "file", None)
    name = file.name if file else ""
    if not move(job, JobState.FAILED, **fields):
        return False
    if name:
        job.file.name = name
        _drop_file(job)
        job.file.name = ""
    return True


def restart(job: BackgroundJob) -> bool:
    """Queue a failed job again, where its kind allows it (a certificate batch goes on where it stopped)."""
    return move(job, JobState.QUEUED, error="", started_at=None, heartbeat_at=None, finished_at=None)


def silent(queryset):
    """The jobs of the queryset waiting or working with no sign of life for longer than the setting allows."""
    cutoff = timezone.now() - stale_after()
    heard = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    return queryset.filter(heard, state__in=JOB_ACTIVE)


def interrupted_message(model) -> str:
    minutes = int(stale_after().total_seconds() // 60)
    return model.INTERRUPTED.format(minutes=numeral(minutes, "минуты,минут,минут"))


def sweep(queryset=None) -> int:
    """Fail the silent jobs (of one queryset, or of every kind) so their people can start again; returns how many.
    Run by `manage.py sweep_jobs` from cron or a systemd timer, and before starting a job a silent one blocks."""
    querysets = [queryset] if queryset is not None else [model.objects.all() for model in job_models()]
    swept = 0
    for jobs in querysets:
        message = interrupted_message(jobs.model)
        # few rows (only the silent ones), and each needs its file removed: one conditional update per job
        for job in silent(jobs).only("pk", "state", *(["file"] if hasattr(jobs.model, "file") else [])):
            if fail(job, message):
                swept += 1
                logger.warning("swept silent %s %s", jobs.model.__name__, job.pk)
    return swept


def job_models() -> list[type[BackgroundJob]]:
    return [model for model in apps.get_models() if issubclass(model, BackgroundJob)]
