"""The one background-export mechanism (core.exports): a job is queued, runs with its requester's rights, moves
its progress, keeps its file; a failure keeps a Russian message and no file; only the requester (and staff) see it.

Alice (Лариса, the methodist) asks for an export; Bob (another territory's methodist) may not see it; Anna (an
administrator, Django staff) may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from innoinfra.core import exports
from innoinfra.core.enums import ExportState
from innoinfra.core.errors import ServiceError
from innoinfra.core.exports import ExportFile, ExportKind, run_export, start_export
from innoinfra.core.models import ExportJob

pytestmark = pytest.mark.django_db
PERM = "monitoring.view_dashboard"  # any permission the methodist holds
seen_progress: list[tuple[int, int]] = []


def _describe(*, user, parameters):
    if parameters.get("word") == "запрещено":
        raise ServiceError("Такого слова нет.")
    return f"Тестовая выгрузка «{parameters.get('word', '')}»"


def _build(*, user, parameters, progress):
    for done in range(3):
        progress(done, 3)
        seen_progress.append((done, 3))
    if parameters.get("word") == "сбой":
        raise RuntimeError("disk on fire")
    if parameters.get("word") == "отказ":
        raise ServiceError("данных за этот год нет.")
    return ExportFile("проба.txt", f"{user.username}:{parameters.get('word')}".encode())


@pytest.fixture(autouse=True)
def _test_kind(monkeypatch):
    monkeypatch.setitem(exports._KINDS, "test-kind", ExportKind("test-kind", PERM, _describe, _build, ("word",)))
    seen_progress.clear()


def start(by, capture, **parameters):
    with capture(execute=True):
        return start_export(kind="test-kind", parameters=parameters, by=by)


def test_it_runs_to_done_with_the_file_and_its_progress(methodist, django_capture_on_commit_callbacks):
    job = start(methodist, django_capture_on_commit_callbacks, word="площадки", stray="dropped")
    job.refresh_from_db()
    assert job.state == ExportState.DONE
    assert job.parameters == {"word": "площадки"}  # only the parameters the kind takes
    assert job.title == "Тестовая выгрузка «площадки»"
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.file.read() == f"{methodist.username}:площадки".encode()
    assert job.filename == "проба.txt" and job.finished_at is not None
    assert seen_progress == [(0, 3), (1, 3), (2, 3)]


def test_it_stays_queued_until_the_worker_takes_it(methodist):
    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)  # no commit: nothing ran
    assert job.state == ExportState.QUEUED and not job.file
    again = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    assert again.pk == job.pk  # a double click does not queue it twice
    assert run_export(job.pk).state == ExportState.DONE
    assert run_export(job.pk).state == ExportState.DONE  # a second run of a finished job changes nothing


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("сбой", "Выгрузка не удалась: внутренняя ошибка; попробуйте ещё раз"),
        ("отказ", "Выгрузка не удалась: данных за этот год нет."),
    ],
)
def test_a_failure_keeps_a_russian_message_and_no_file(word, message, methodist, django_capture_on_commit_callbacks):
    job = start(methodist, django_capture_on_commit_callbacks, word=word)
    job.refresh_from_db()
    assert job.state == ExportState.FAILED
    assert job.error.startswith(message)
    assert not job.file and job.finished_at is not None
    response = _client(methodist).get(reverse("exports:job", args=[job.pk]))
    assert message in response.content.decode()
    assert _client(methodist).get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_it_refuses_an_unknown_kind_and_bad_parameters(methodist, teacher):
    with pytest.raises(ServiceError, match="Такой выгрузки нет"):
        start_export(kind="nope", parameters={}, by=methodist)
    with pytest.raises(ServiceError, match="Такого слова нет"):
        start_export(kind="test-kind", parameters={"word": "запрещено"}, by=methodist)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        start_export(kind="test-kind", parameters={}, by=teacher)
    assert not ExportJob.objects.exists()


def test_a_requester_who_lost_the_right_gets_no_file(methodist):
    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    methodist.is_active = False
    methodist.save()
    job = run_export(job.pk)
    assert job.state == ExportState.FAILED and "Недостаточно прав" in job.error and not job.file


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_only_the_requester_and_staff_download(
    methodist, other_methodist, admin_user, teacher, client, django_capture_on_commit_callbacks
):
    job = start(methodist, django_capture_on_commit_callbacks, word="моё")
    download = reverse("exports:download", args=[job.pk])
    page = reverse("exports:job", args=[job.pk])
    response = _client(methodist).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f"{methodist.username}:моё".encode()
    assert _client(admin_user).get(download).status_code == 200
    for stranger in (other_methodist, teacher):
        assert _client(stranger).get(download).status_code == 404
        assert _client(stranger).get(page).status_code == 404
    assert client.get(download).status_code == 302  # anonymous: to the sign-in page


def test_the_start_button_queues_and_redirects_to_the_page(methodist, django_capture_on_commit_callbacks):
    client = _client(methodist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=["test-kind"]) + "?word=кнопка")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    body = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in body and 'aria-valuenow="100"' in body
    assert "Готово" in body and reverse("exports:download", args=[job.pk]) in body
    assert client.get(reverse("exports:start", args=["test-kind"])).status_code == 405
    listing = client.get(reverse("exports:list")).content.decode()
    assert "Тестовая выгрузка «кнопка»" in listing


def test_a_running_job_polls_and_offers_a_refresh_link(methodist):
    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    ExportJob.objects.filter(pk=job.pk).update(state=ExportState.RUNNING, done=1, total=3)
    client = _client(methodist)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="33"' in page
    assert "сделано 1 из 3 шагов" in page and "обновите её" in page
    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith("<div") and "<html" not in partial


def test_the_list_pins_its_queries(methodist, assert_constant_queries):
    client = _client(methodist)
    client.get(reverse("exports:list"))  # the first request of a session loads the session and the user's roles

    def grow(n):
        for _ in range(n):
            ExportJob.objects.create(kind="test-kind", title="t", requested_by=methodist, state=ExportState.DONE)

    assert_constant_queries(client, reverse("exports:list"), grow, maximum=9)


def test_a_storage_failure_fails_the_job_with_no_file(methodist, monkeypatch):
    from django.db.models.fields.files import FieldFile

    def full_disk(self, name, content, save=True):
        raise OSError("No space left on device")

    job = start_export(kind="test-kind", parameters={"word": "x"}, by=methodist)
    monkeypatch.setattr(FieldFile, "save", full_disk)
    job = run_export(job.pk)
    assert job.state == ExportState.FAILED
    assert job.error.startswith("Выгрузка не удалась: внутренняя ошибка")
    assert not job.file and not job.filename
