"""Collections laid out as DOCX or PDF in the background: queued by the compiler, built chapter by chapter.

The task lives beside the function it runs, so the queue and the building need no import circle.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from innoinfra.core import jobs
from innoinfra.core.enums import JOB_ACTIVE, JobState
from innoinfra.core.errors import ServiceError
from innoinfra.practices.enums import PracticeState

from . import render
from .models import BuildFormat, Collection, CollectionBuild
from .services import ordered_practices


@task()
def build_collection(build_id: int) -> None:
    """The background entry (django-tasks: a database queue under `make run`, inline in tests)."""
    run_build(build_id)


@transaction.atomic
def start_build(collection: Collection, *, format: str, by=None) -> CollectionBuild:
    """Queue a build of the book; a build of the same format whose worker fell silent is failed first
    (core.jobs.sweep), so it blocks nobody."""
    if format not in BuildFormat.values:
        raise ServiceError("Выберите формат: DOCX или PDF.")
    total = collection.entries.count()
    if not total:
        raise ServiceError("В сборнике нет ни одной практики.")
    same = collection.builds.filter(format=format)
    jobs.sweep(same)
    if same.filter(state__in=JOB_ACTIVE).exists():
        raise ServiceError("Сборник в этом формате уже собирается: дождитесь окончания.")
    build = CollectionBuild.objects.create(collection=collection, format=format, total=total + 1, requested_by=by)
    transaction.on_commit(lambda: build_collection.enqueue(build.pk))
    return build


def run_build(build_id: int) -> CollectionBuild:
    """Lay the book out chapter after chapter, moving the counter (one step more for writing the file); a failure
    is kept on the build with a Russian message, and no partial file stays."""
    build = CollectionBuild.objects.select_related("collection__municipality").get(pk=build_id)
    if not jobs.begin(build, done=0):
        return build
    collection = build.collection

    def progress(done: int) -> None:
        jobs.beat(build, done=done)

    try:
        practices = ordered_practices(collection)
        jobs.beat(build, total=len(practices) + 1)
        for practice in practices:
            if practice.state != PracticeState.PUBLISHED:
                raise ServiceError(
                    f"практика «{practice.title}» снята с публикации — уберите её из сборника и соберите заново"
                )
        make = render.docx_book if build.format == BuildFormat.DOCX else render.pdf_book
        content = make(collection, practices, progress=progress)
        jobs.keep_file(build, f"sbornik-{collection.pk}.{build.format}", content)
    except jobs.JobAbandoned:
        pass  # the sweeper failed it meanwhile and removed what was kept
    except Exception as error:  # the methodist must see that it stopped, whatever stopped it
        jobs.fail(build, f"Сборка остановлена: {jobs.reason(error, build)}.")
    else:
        jobs.move(build, JobState.DONE, done=build.total, finished_at=timezone.now())
    build.refresh_from_db()
    return build
