"""The one gate every uploaded file passes (core/uploads.py): hostile files are refused with a Russian message by
every upload of every app, on the page and in the API, and nothing of them is stored; real files still pass."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from innoinfra.core import uploads
from innoinfra.core.uploads import check_upload
from tests import hostile_files as h

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
MB = 1024 * 1024


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Полное наименование", "ИНН"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def with_member(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, data)
    return out.getvalue()


def refusal(name: str, content: bytes, purpose=uploads.DOCUMENTS) -> str:
    with pytest.raises(ValidationError) as refused:
        check_upload(h.upload(name, content), purpose=purpose)
    return " ".join(refused.value.messages)


# ---------------------------------------------------------------- the gate itself


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("приказ.pdf", h.EXE, "Файл «приказ.pdf» не похож на PDF: по содержимому это исполняемый файл Windows."),
        ("plan.docx", h.HTML, "не похож на документ Word (DOCX): по содержимому это веб-страница (HTML)"),
        ("photo.png", h.PDF, "не похож на изображение PNG: по содержимому это документ PDF"),
        ("table.docx", xlsx_bytes(), "не похож на документ Word (DOCX): по содержимому это таблица Excel (XLSX)"),
        ("notes.txt", h.EXE, "не похож на текстовый файл: по содержимому это исполняемый файл Windows"),
        ("empty.pdf", b"", "Файл «empty.pdf» не принят: он пустой."),
        ("macros.docx", h.docx_with_macros(), "содержит макросы"),
        ("macros.docx", with_member(h.demo_docx(), "word/activeX/activeX1.bin", b"x"), "содержит элементы ActiveX"),
        ("old.doc", h.word_97_doc_with_macros(), "содержит макросы"),
        ("broken.docx", h.corrupt_zip(), "повреждён"),
        ("lzma.docx", h.docx_compressed_with_lzma(), "сжат необычным способом"),
        ("cut.docx", h.demo_docx()[:-500], "повреждён"),
        ("objects.rtf", b"{\\rtf1 {\\object\\objemb {\\objdata 0105}}}", "встроенные объекты"),
        ("run.exe", h.EXE, "Файлы этого типа не принимаются: «run.exe»"),
        ("plan.docm", h.docx_with_macros(), "содержит макросы (.docm)"),
    ],
)
def test_a_hostile_file_is_refused_with_a_russian_message(name, content, message):
    assert message in refusal(name, content)


def test_a_program_inside_a_zip_archive_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("фото.jpg", h.EXE)
    assert "в архиве есть программа" in refusal("photos.zip", buffer.getvalue(), uploads.EVIDENCE)


def test_a_zip_bomb_is_stopped_at_the_limit_of_what_really_inflates():
    bomb = h.zip_bomb()  # 200 MB of zeros in ~200 KB
    assert len(bomb) < MB
    assert "«архивную бомбу»" in refusal("bomb.docx", bomb)  # the compression ratio gives it away first
    with override_settings(UPLOAD_MAX_COMPRESSION_RATIO=10_000, UPLOAD_MAX_UNPACKED_SIZE=10 * MB):
        assert "распаковывается в слишком большой объём (больше 10,0\xa0МБ)" in refusal("bomb.docx", bomb)
    with override_settings(UPLOAD_MAX_COMPRESSION_RATIO=10_000, UPLOAD_MAX_UNPACKED_MEMBER_SIZE=5 * MB):
        assert "(больше 5,0\xa0МБ)" in refusal("bomb.docx", bomb)


def test_a_zip_bomb_with_lying_headers_is_refused_quickly_and_with_little_memory():
    bomb = h.lying_zip_bomb()  # the headers say 1 000 bytes, the data inflates to 200 MB
    tracemalloc.start()
    started = time.monotonic()
    try:
        message = refusal("plan.docx", bomb, uploads.PLAN_IMPORT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "не сходится с оглавлением архива" in message
    assert time.monotonic() - started < 2 and peak < 5 * MB


def test_too_many_members_are_refused_before_they_are_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(30):
            archive.writestr(f"f{n}.txt", "x")
    with override_settings(UPLOAD_MAX_ARCHIVE_MEMBERS=20):
        assert "слишком много частей" in refusal("many.zip", buffer.getvalue(), uploads.EVIDENCE)


def test_an_extension_the_place_does_not_take_is_refused_with_what_it_takes():
    message = refusal("scan.pdf", h.PDF, uploads.PLAN_IMPORT)
    assert (
        "Здесь принимаются планы в формате Word, Excel или OpenDocument. "
        "Допустимые расширения: .docx, .xlsx, .doc, .odt, .ods." in message
    )


@pytest.mark.parametrize(
    ("name", "content", "purpose"),
    [
        ("plan.docx", h.demo_docx(), uploads.PLAN_IMPORT),
        ("organizations.xlsx", xlsx_bytes(), uploads.SPREADSHEETS),
        ("scan.pdf", h.PDF, uploads.ORDERS),
        ("scan.png", h.PNG, uploads.ORDERS),
        ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), uploads.ORDERS),
        ("old.doc", h.word_97_doc(), uploads.TEXT_DOCUMENTS),
        ("text.odt", odt_bytes(), uploads.TEXT_DOCUMENTS),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}", uploads.TEXT_DOCUMENTS),
        ("readme.txt", "Смысловое чтение".encode("cp1251"), uploads.PRACTICE_FILES),
        ("photos.zip", h.zip_of_files(), uploads.EVIDENCE),
    ],
)
def test_real_files_pass(name, content, purpose):
    upload = h.upload(name, content)
    assert check_upload(upload, purpose=purpose) is upload
    assert upload.tell() == 0  # left at its start for whoever reads it next


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds of shared/ are not beside the repository")
def test_the_seed_texts_pass():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for seed in seeds:
        check_upload(h.upload(seed.name, seed.read_bytes()), purpose=uploads.PRACTICE_FILES)


def test_the_real_plans_of_the_demo_pass():
    for path in sorted(h.DEMO_FILES.glob("*.docx")):
        check_upload(h.upload(path.name, path.read_bytes()), purpose=uploads.PLAN_IMPORT)


# ---------------------------------------------------------------- every upload, on the page and in the API


def media_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _client(request, user_fixture):
    return request.getfixturevalue("client_for")(request.getfixturevalue(user_fixture))


def _api(request, user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _events(request):
    from innoinfra.events.models import Material
    from tests.events.factories import make_event

    event = make_event(request.getfixturevalue("school"))
    client = _client(request, "methodist")
    return lambda file: client.post(f"/events/{event.pk}/materials/", {"title": "Материал", "file": file}), Material


def _legal(request):
    from innoinfra.legal.models import LegalDocument
    from tests.legal.test_views import FORM

    client = _client(request, "methodist")
    return lambda file: client.post("/documents/new/", {**FORM, "file": file}), LegalDocument


def _orders(request):
    from innoinfra.registry.models import Order

    amursky = request.getfixturevalue("amursky")
    client = _client(request, "methodist")
    data = {"number": "15-Д", "date": "2025-04-11", "title": "О площадках", "issuer_name": "Управление образования",
            "municipality": amursky.pk}  # fmt: skip
    return lambda file: client.post("/registry/orders/new/", {**data, "file": file}), Order


def _application_files(request):
    from innoinfra.review.models import ApplicationFile
    from tests.review.factories import make_application, make_call

    orgadmin = request.getfixturevalue("orgadmin")
    call = make_call(request.getfixturevalue("amursky"))
    application = make_application(call, request.getfixturevalue("school"), by=orgadmin)
    client = _client(request, "orgadmin")
    url = f"/applications/{application.pk}/files/"
    return lambda file: client.post(url, {"title": "План", "file": file}, follow=True), ApplicationFile


def _call_documents(request):
    from innoinfra.review.models import CallDocument
    from tests.review.factories import make_call

    call = make_call(request.getfixturevalue("amursky"))
    client = _client(request, "methodist")
    url = f"/calls/{call.pk}/documents/"
    return lambda file: client.post(url, {"title": "Положение", "file": file}, follow=True), CallDocument


def _plan_import_page(request):
    from innoinfra.plans.models import Plan

    amursky = request.getfixturevalue("amursky")
    client = _client(request, "methodist")
    data = {"kind": "event_plan", "owner": f"municipality:{amursky.pk}"}
    return lambda file: client.post("/plans/import/", {**data, "file": file}), Plan


def _approved_occurrence(request):
    from tests.plans.factories import make_plan

    methodist = request.getfixturevalue("methodist")
    plan = make_plan(request.getfixturevalue("amursky"), items=[("Семинар", "октябрь")], approved=True, by=methodist)
    return plan.occurrences.first(), methodist


def _evidence_page(request):
    from innoinfra.plans.models import Evidence

    occurrence, _ = _approved_occurrence(request)
    client = _client(request, "methodist")
    url = f"/plans/occurrences/{occurrence.pk}/"
    return lambda file: client.post(url, {"status": "in_progress", "file": file}), Evidence


def _practice_files(request):
    from innoinfra.practices.models import PracticeFile
    from tests.practices.factories import make_practice

    practice = make_practice(request.getfixturevalue("school"), by=request.getfixturevalue("teacher"))
    client = _client(request, "teacher")
    url = f"/practices/{practice.pk}/files/"
    return lambda file: client.post(url, {"title": "Материал", "file": file}), PracticeFile


def _community_posts(request):
    from innoinfra.communities.models import Post
    from tests.communities.factories import make_community

    community = make_community(request.getfixturevalue("methodist"), request.getfixturevalue("amursky"))
    client = _client(request, "methodist")
    data = {"kind": "discussion", "title": "Вопрос", "body": "Текст", "material_title": "Файл"}
    url = f"/communities/{community.pk}/posts/new/"
    return lambda file: client.post(url, {**data, "material_file": file}), Post


def _letterhead(request):
    from innoinfra.core.models import InstallationSettings

    client = _client(request, "admin_user")
    InstallationSettings.current()  # the one row, made by the first look at the settings
    data = {"name": "Инновационная инфраструктура", "about": "О системе"}

    def send(file):
        response = client.post("/manage/settings/", {**data, "order_template": file})
        assert not InstallationSettings.current().order_template
        return response

    return send, InstallationSettings


def _registry_import(request):
    from innoinfra.reference.models import Organization

    client = _client(request, "methodist")

    def send(file):
        response = client.post("/registry/organizations/import/", {"file": file})
        assert "registry_organization_import" not in client.session
        return response

    return send, Organization


def _plan_import_api(request):
    from innoinfra.plans.models import Plan

    amursky = request.getfixturevalue("amursky")
    client = _api(request, request.getfixturevalue("methodist"))
    data = {"owner_kind": "municipality", "owner_id": amursky.pk}
    return lambda file: client.post("/api/v1/plans/import/", {**data, "file": file}, format="multipart"), Plan


def _evidence_api(request):
    from innoinfra.plans.models import Evidence

    occurrence, methodist = _approved_occurrence(request)
    client = _api(request, methodist)
    url = f"/api/v1/occurrences/{occurrence.pk}/record/"
    return lambda file: client.post(url, {"status": "in_progress", "files": [file]}, format="multipart"), Evidence


# what each place answers a refused file with: 400 with the form or the API error; the application and call pages
# put the message on the page they return to; the execution dialog (HTMX) shows the form again
ENDPOINTS = {
    "event materials": (_events, ".pdf", 400),
    "normative documents": (_legal, ".pdf", 400),
    "registry orders": (_orders, ".pdf", 400),
    "application files": (_application_files, ".pdf", 200),
    "call documents": (_call_documents, ".pdf", 200),
    "plan import page": (_plan_import_page, ".docx", 400),
    "evidence page": (_evidence_page, ".pdf", 200),
    "practice files": (_practice_files, ".pdf", 400),
    "community materials": (_community_posts, ".pdf", 400),
    "order letterhead": (_letterhead, ".docx", 400),
    "registry import": (_registry_import, ".xlsx", 400),
    "plan import API": (_plan_import_api, ".docx", 400),
    "evidence API": (_evidence_api, ".pdf", 400),
}


def _zip_name(ext: str) -> str:
    return ".xlsx" if ext == ".xlsx" else ".docx"


HOSTILE = {
    "exe renamed": (lambda ext: (f"program{ext}", h.EXE), "по содержимому это исполняемый файл Windows"),
    "html renamed": (lambda ext: (f"page{_zip_name(ext)}", h.HTML), "по содержимому это веб-страница (HTML)"),
    "macros": (lambda ext: (f"macros{_zip_name(ext)}", h.docx_with_macros()), "содержит макросы"),
    "zip bomb": (lambda ext: (f"bomb{_zip_name(ext)}", h.zip_bomb()), "«архивную бомбу»"),
    "lying zip bomb": (lambda ext: (f"bomb{_zip_name(ext)}", h.lying_zip_bomb()), "не сходится с оглавлением"),
    "corrupt zip": (lambda ext: (f"broken{_zip_name(ext)}", h.demo_docx()[:-500]), "повреждён"),
    "empty": (lambda ext: (f"empty{ext}", b""), "пуст"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=list(ENDPOINTS))
def test_every_upload_refuses_hostile_files_and_stores_nothing(request, settings, endpoint, hostile):
    prepare, ext, status = ENDPOINTS[endpoint]
    make, message = HOSTILE[hostile]
    name, content = make(ext)
    if endpoint == "registry import" and hostile == "macros":
        name, content = "macros.xlsx", with_member(xlsx_bytes(), "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    send, model = prepare(request)
    rows, files = model.objects.count(), media_files(settings)

    response = send(h.upload(name, content))

    assert response.status_code == status
    assert message in response.content.decode()
    assert model.objects.count() == rows
    assert media_files(settings) == files
