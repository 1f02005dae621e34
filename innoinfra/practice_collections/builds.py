"""Collections laid out as DOCX or PDF in the background: queued by the compiler, built chapter by chapter.

The task lives beside the function it runs, so the queue and the building need no import circle.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from innoinfra.core.errors import ServiceError
from innoinfra.practices.enums import PracticeState

from . import render
from .models import BuildFormat, BuildState, Collection, CollectionBuild
from .services import ordered_practices


@task()
def build_collection(build_id: int) -> None:
    """The background entry (django-tasks: a database queue under `make run`, inline in tests)."""
    run_build(build_id)


@transaction.atomic
def start_build(collection: Collection, *, format: str, by=None) -> CollectionBuild:
    if format not in BuildFormat.values:
        raise ServiceError("Выберите формат: DOCX или PDF.")
    total = collection.entries.count()
    if not total:
        raise ServiceError("В сборнике нет ни одной практики.")
    if collection.builds.filter(format=format, state__in=(BuildState.QUEUED, BuildState.RUNNING)).exists():
        raise ServiceError("Сборник в этом формате уже собирается: дождитесь окончания.")
    build = CollectionBuild.objects.create(collection=collection, format=format, total=total + 1, requested_by=by)
    transaction.on_commit(lambda: build_collection.enqueue(build.pk))
    return build


def run_build(build_id: int) -> CollectionBuild:
    """Lay the book out chapter after chapter, moving the counter (one step more for writing the file); a failure
    is kept on the build with a Russian message."""
    build = CollectionBuild.objects.select_related("collection__municipality").get(pk=build_id)
    if build.state == BuildState.DONE:
        return build
    CollectionBuild.objects.filter(pk=build.pk).update(state=BuildState.RUNNING, done=0)
    collection = build.collection

    def progress(done: int) -> None:
        CollectionBuild.objects.filter(pk=build.pk).update(done=done)

    try:
        practices = ordered_practices(collection)
        build.total = len(practices) + 1
        for practice in practices:
            if practice.state != PracticeState.PUBLISHED:
                raise ServiceError(
                    f"практика «{practice.title}» снята с публикации — уберите её из сборника и соберите заново"
                )
        make = render.docx_book if build.format == BuildFormat.DOCX else render.pdf_book
        content = make(collection, practices, progress=progress)
        build.file.save(f"sbornik-{collection.pk}.{build.format}", ContentFile(content), save=False)
        build.done = build.total
    except Exception as error:  # the methodist must see that it stopped, whatever stopped it
        message = " ".join(error.messages) if isinstance(error, ServiceError) else "внутренняя ошибка"
        build.state, build.error = BuildState.FAILED, f"Сборка остановлена: {message}."
        build.done = CollectionBuild.objects.values_list("done", flat=True).get(pk=build.pk)
    else:
        build.state = BuildState.DONE
    build.finished_at = timezone.now()
    build.save(update_fields=["state", "error", "finished_at", "done", "total", "file"])
    return build
