"""One mechanism for every background job (core.jobs): conditional transitions along each kind's table, progress
that is a heartbeat, and the sweeper that fails jobs whose worker died — with a Russian message, no partial file
left — so that people can start them again.

Лариса (the methodist) orders an export; the worker dies half-way. Half an hour later the sweeper (or her next
click) fails it and she starts it again. An organizer's certificate batch goes on where it stopped; a collection
build blocked by a dead one is built again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from innoinfra.core import exports, jobs
from innoinfra.core.enums import JobState
from innoinfra.core.errors import ServiceError
from innoinfra.core.exports import ExportFile, ExportKind, run_export, start_export
from innoinfra.core.models import ExportJob
from innoinfra.events.certificates import batches
from innoinfra.events.models import Certificate, CertificateBatch
from innoinfra.practice_collections import builds
from innoinfra.practice_collections.models import CollectionBuild

from ..conftest import ROLE_FIXTURES
from ..events.test_certificates import ORGANIZERS, held_event
from ..practice_collections.factories import make_collection, published_practices

pytestmark = pytest.mark.django_db
LONG_AGO = dt.timedelta(minutes=31)


def _build(*, user, parameters, progress):
    progress(1, 2)
    return ExportFile("проба.txt", b"ok")


@pytest.fixture(autouse=True)
def _test_kind(monkeypatch, settings):
    settings.BACKGROUND_JOB_STALE_MINUTES = 30
    kind = ExportKind("test-kind", "monitoring.view_dashboard", lambda **kw: "Проба", _build, ("word",))
    monkeypatch.setitem(exports._KINDS, "test-kind", kind)


def _silent_for(job, age=LONG_AGO, **fields):
    """As if the worker last spoke `age` ago."""
    type(job).objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - age, **fields)


def _running_export(methodist, *, with_file=False):
    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)  # queued, nothing ran
    assert jobs.begin(job)
    if with_file:
        jobs.keep_file(job, "half.txt", b"half")
    return job


def test_the_sweeper_fails_a_silent_job_and_removes_its_partial_file(methodist):
    job = _running_export(methodist, with_file=True)
    name = job.file.name
    storage = job.file.storage
    assert storage.exists(name)
    _silent_for(job)

    assert jobs.sweep() == 1

    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.finished_at is not None
    assert job.error == (
        "Выгрузка прервалась: обработчик фоновых задач не отвечал больше 30 минут. Запустите её снова."
    )
    assert not job.file and not storage.exists(name)


def test_the_sweeper_leaves_fresh_waiting_and_finished_jobs_alone(methodist):
    fresh = _running_export(methodist)
    _silent_for(fresh, dt.timedelta(minutes=29))
    queued = start_export(kind="test-kind", parameters={"word": "y"}, by=methodist)  # heard from at creation
    done = start_export(kind="test-kind", parameters={"word": "z"}, by=methodist)
    run_export(done.pk)
    _silent_for(done, dt.timedelta(days=2))

    assert jobs.sweep() == 0
    states = dict(ExportJob.objects.values_list("pk", "state"))
    assert states == {fresh.pk: "running", queued.pk: "queued", done.pk: "done"}
    done.refresh_from_db()
    assert done.file.read() == b"ok"  # a finished file is never touched


def test_a_job_queued_long_ago_that_no_worker_took_is_swept_too(methodist):
    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - LONG_AGO)
    assert jobs.sweep() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED


def test_the_command_sweeps_every_kind(methodist, school, amursky, capsys):
    export = _running_export(methodist)
    _silent_for(export)
    event, _people = held_event(school, present=2, absent=0)
    batch = CertificateBatch.objects.create(event=event, total=2, state=JobState.RUNNING)
    _silent_for(batch)
    collection = make_collection(amursky, published_practices(school, 1))
    build = CollectionBuild.objects.create(collection=collection, format="docx", total=2)
    _silent_for(build)

    call_command("sweep_jobs")

    assert "Прерванных задач завершено: 3." in capsys.readouterr().out
    for job in (export, batch, build):
        job.refresh_from_db()
        assert job.state == JobState.FAILED
    assert "нажмите «Запустить снова»" in batch.error
    assert build.error.startswith("Сборка прервалась") and "Соберите сборник снова" in build.error


def test_starting_again_after_a_dead_export_gives_a_new_one(methodist, django_capture_on_commit_callbacks):
    dead = _running_export(methodist)
    assert start_export(kind="test-kind", parameters={"word": "x"}, by=methodist).pk == dead.pk  # still alive
    _silent_for(dead)

    with django_capture_on_commit_callbacks(execute=True):
        again = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)

    assert again.pk != dead.pk
    dead.refresh_from_db()
    again.refresh_from_db()
    assert (dead.state, again.state) == (JobState.FAILED, JobState.DONE)


def test_a_worker_that_wakes_after_the_sweep_stops_and_keeps_no_file(methodist):
    job = _running_export(methodist)
    _silent_for(job)
    jobs.sweep()
    with pytest.raises(jobs.JobAbandoned):
        jobs.beat(job, done=2)
    with pytest.raises(jobs.JobAbandoned):
        jobs.keep_file(job, "late.txt", b"late")
    assert not job.file  # the late file was removed at once
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.done == 0


def test_illegal_transitions_are_refused(methodist, school):
    export = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    assert not jobs.move(export, JobState.DONE)  # queued → done skips the work
    run_export(export.pk)
    export.refresh_from_db()
    assert not jobs.begin(export)  # done → running
    assert not jobs.fail(export, "поздно")  # a finished export stays finished
    export.refresh_from_db()
    assert export.state == JobState.DONE and export.file

    failed = start_export(kind="test-kind", parameters={"word": "y"}, by=methodist)
    assert jobs.fail(failed, "Выгрузка не удалась.")
    assert not failed.restartable and not jobs.restart(failed)  # an export is ordered anew, not restarted

    event, _people = held_event(school, present=1, absent=0)
    batch = CertificateBatch.objects.create(event=event, total=1)
    assert not batch.restartable and not jobs.restart(batch)  # a queued batch is not "restarted"
    assert jobs.fail(batch, "Остановлено.")
    assert batch.restartable and jobs.restart(batch)  # a failed batch goes again
    batch.refresh_from_db()
    assert (batch.state, batch.error) == (JobState.QUEUED, "")


def test_a_dead_batch_blocks_nobody_and_goes_on_where_it_stopped(
    school, methodist, client_for, django_capture_on_commit_callbacks
):
    event, _people = held_event(school, present=3, absent=0)
    batch = CertificateBatch.objects.create(event=event, total=3)
    first = list(batches.participants_without_certificate(event)[:1])
    batches.issue_to_participants(event, registrations=first)
    CertificateBatch.objects.filter(pk=batch.pk).update(state=JobState.RUNNING, done=1)
    _silent_for(batch)

    page = client_for(methodist).get(f"/events/{event.pk}/certificates/")
    assert "Запустить снова" in page.content.decode()  # not swept yet, but silent for too long
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(methodist).post(f"/events/{event.pk}/certificates/batch/{batch.pk}/restart/")
    assert response.status_code == 302

    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.total) == (JobState.DONE, 3, 3)
    assert Certificate.objects.filter(event=event).count() == 3  # nobody got a second one
    assert CertificateBatch.objects.filter(event=event).count() == 1


def test_a_failed_batch_offers_to_start_again_on_the_event_page(school, methodist, client_for):
    event, _people = held_event(school, present=2, absent=0)
    batch = CertificateBatch.objects.create(event=event, total=2, state=JobState.RUNNING)
    _silent_for(batch)
    jobs.sweep()
    html = client_for(methodist).get(f"/events/{event.pk}/certificates/").content.decode()
    assert 'role="progressbar"' in html and 'aria-live="polite"' in html
    assert "Выдача прервалась" in html and "Запустить снова" in html


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_the_organizers_start_a_batch_again(role, school, client_for, request):
    event, _people = held_event(school, present=2, absent=0)
    batch = CertificateBatch.objects.create(event=event, total=2)
    jobs.fail(batch, "Остановлено.")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).post(f"/events/{event.pk}/certificates/batch/{batch.pk}/restart/")
    batch.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    elif role not in ORGANIZERS:
        assert response.status_code in (403, 404)
    assert (batch.state == JobState.FAILED) == (role not in ORGANIZERS)


def test_a_dead_build_blocks_nobody(school, amursky, django_capture_on_commit_callbacks):
    collection = make_collection(amursky, published_practices(school, 1))
    dead = CollectionBuild.objects.create(collection=collection, format="docx", total=2, state=JobState.RUNNING)
    dead.file.save("half.docx", ContentFile(b"half"), save=True)
    name, storage = dead.file.name, dead.file.storage
    _silent_for(dead)

    with django_capture_on_commit_callbacks(execute=True):
        build = builds.start_build(collection, format="docx")

    build.refresh_from_db()
    dead.refresh_from_db()
    assert build.state == JobState.DONE and dead.state == JobState.FAILED
    assert not storage.exists(name)


def test_every_kind_of_job_says_why_it_stopped_and_logs_what_it_cannot_explain(methodist, caplog):
    """One reason for the three kinds: a refusal says itself, anything else is «внутренняя ошибка» for the person
    and a traceback for the administrator (a batch that failed in silence cost an evening to explain)."""
    job = ExportJob.objects.create(kind="test-kind", title="Проба", requested_by=methodist)
    assert jobs.reason(ServiceError("Такой выгрузки больше нет."), job) == "Такой выгрузки больше нет"
    assert not caplog.records
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as error:
        said = jobs.reason(error, job)
    assert said.startswith("внутренняя ошибка; попробуйте ещё раз")
    [record] = caplog.records
    assert record.levelname == "ERROR" and f"core.ExportJob {job.pk} failed" in record.getMessage()
    assert "disk on fire" in caplog.text  # the traceback is kept
