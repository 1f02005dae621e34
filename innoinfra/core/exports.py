"""Heavy documents built in the background: one mechanism for every long export (the monitoring report in Word,
the full Excel lists, …).

An app describes each of its exports once (`register(ExportKind(...))` from its AppConfig.ready): the permission
it needs, the query-string parameters it takes, its title and the function that builds the file. A page's button
then posts to the one start view; `start_export` records an `ExportJob` and queues it (django-tasks: a database
queue run by `manage.py db_worker` in production, inline in tests); `run_export` builds the file with the
requester's own rights, moving the job's progress, and keeps the file in the ordinary storage. The requester
follows it on the job's page and downloads it from there.

Core knows no app: the registry is how the apps hand their builders down to it (filled once, at start-up).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import jobs
from .enums import EXPORT_ACTIVE, ExportState
from .errors import ServiceError
from .models import ExportJob

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes


@dataclass(frozen=True)
class ExportKind:
    """One kind of export. `describe(user=, parameters=)` names the document and refuses (PermissionDenied,
    ServiceError) parameters the user may not ask for, before anything is queued; `build(user=, parameters=,
    progress=)` makes the file, calling `progress(done, total)` as it goes."""

    key: str
    perm: str
    describe: Callable[..., str]
    build: Callable[..., ExportFile]
    parameters: tuple[str, ...] = field(default=())


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    if _KINDS.get(kind.key, kind) is not kind:
        raise ValueError(f"export kind {kind.key!r} registered twice")
    _KINDS[kind.key] = kind


def kind_of(key: str) -> ExportKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise ServiceError("Такой выгрузки нет.") from None


def _clean(kind: ExportKind, given: Mapping) -> dict[str, str]:
    """Only the parameters the kind takes, as strings (a QueryDict or a dict alike)."""
    clean = {}
    for name in kind.parameters:
        value = str(given.get(name) or "").strip()
        if value:
            clean[name] = value[:200]
    return clean


@task()
def run_export_task(job_id: int) -> None:
    """The background entry (django-tasks)."""
    run_export(job_id)


@transaction.atomic
def start_export(*, kind: str, parameters: Mapping, by) -> ExportJob:
    """Record and queue an export for `by`. The same export already waiting or running for the same person is
    returned instead of a second one (a double click costs nothing). Raises PermissionDenied when the user may
    not have it, ServiceError for an unknown kind."""
    export = kind_of(kind)
    if not by.has_perm(export.perm):
        raise PermissionDenied("Недостаточно прав для этой выгрузки.")
    clean = _clean(export, parameters)
    title = export.describe(user=by, parameters=clean)
    same = ExportJob.objects.filter(kind=kind, requested_by=by, parameters=clean)
    jobs.sweep(same)  # a silent one (its worker died) must not be handed back as "already running"
    running = same.filter(state__in=EXPORT_ACTIVE).first()
    if running is not None:
        return running
    job = ExportJob.objects.create(kind=kind, title=title[:300], parameters=clean, requested_by=by)
    transaction.on_commit(lambda: run_export_task.enqueue(job.pk))
    return job


def run_export(job_id: int) -> ExportJob:
    """Build the job's file with the requester's rights as they are now. A failure leaves no file and a Russian
    message on the job; a job another worker took, the sweeper failed, or that is over is left alone."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if not jobs.begin(job, done=0):
        return job
    export = _KINDS.get(job.kind)

    def progress(done: int, total: int) -> None:
        jobs.beat(job, done=min(done, total), total=max(total, 1))

    try:
        if export is None:
            raise ServiceError("Такой выгрузки больше нет.")
        user = job.requested_by
        if not user.is_active or not user.has_perm(export.perm):
            raise PermissionDenied("Недостаточно прав для этой выгрузки")
        result = export.build(user=user, parameters=job.parameters, progress=progress)
        # storing may fail too (a full disk, S3 away): that is a failed export like any other
        jobs.keep_file(job, result.filename, result.content)
    except jobs.JobAbandoned:
        pass  # the sweeper failed it meanwhile (and removed what was kept): its page already says so
    except Exception as error:  # the requester must see that it stopped, whatever stopped it
        jobs.fail(job, f"Выгрузка не удалась: {jobs.reason(error, job)}.")  # no partial file is left behind
    else:
        _finish(job, result.filename)
    job.refresh_from_db()
    return job


def _finish(job: ExportJob, filename: str) -> None:
    total = ExportJob.objects.values_list("total", flat=True).get(pk=job.pk)
    moved = jobs.move(job, ExportState.DONE, filename=filename[:255], done=total, finished_at=timezone.now())
    if not moved:  # the sweeper failed the job meanwhile and removed its file
        logger.warning("export %s was failed before it could be done", job.pk)


def jobs_of(user):
    """The user's own exports, newest first (the list on the exports page)."""
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")
