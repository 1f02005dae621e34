"""Materials of a practice: text extraction from hostile files, uploads, versions, downloads and the search."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from innoinfra.accounts.enums import Role
from innoinfra.core import fulltext
from innoinfra.core.errors import ServiceError
from innoinfra.practices import extraction, file_services
from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice, PracticeFile

from ..factories import MembershipFactory, OrganizationFactory, UserFactory
from .factories import make_practice

pytestmark = pytest.mark.django_db

WORD = "геокешинг"  # occurs only in the documents, never in a practice's description


def docx_bytes(text=f"Маршрут краеведческого {WORD}а по Амурску.", cell="Таблица этапов: квест") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = cell
    table.cell(0, 1).text = "Ответственный"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text="Программа наставничества: сетевой краеведческий квест") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("секрет")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def publish(practice):
    """Straight to the catalogue: the moderation path (and its expertise) is tested elsewhere; a save re-indexes."""
    practice.state = S.PUBLISHED
    practice.published_at = timezone.now()
    practice.save()


def upload(name, content) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# ---------------------------------------------------------------- extraction


def test_the_text_of_a_docx_comes_from_paragraphs_and_table_cells():
    text, note = extraction.extract_text(upload("plan.docx", docx_bytes()), "plan.docx")
    assert f"{WORD}а" in text and "Таблица этапов: квест" in text and note == ""


def test_the_text_of_a_pdf_is_extracted():
    text, note = extraction.extract_text(io.BytesIO(pdf_bytes()), "programme.pdf")
    assert "сетевой краеведческий квест" in text and note == ""


def test_plain_text_in_windows_1251_is_read():
    text, note = extraction.extract_text(upload("readme.txt", "Смысловое чтение".encode("cp1251")), "readme.txt")
    assert text == "Смысловое чтение" and note == ""


@pytest.mark.parametrize(
    ("name", "content", "note"),
    [
        ("broken.docx", b"PK\x03\x04" + b"\x00garbage" * 50, extraction.BROKEN),
        ("bomb.docx", zip_bomb(), extraction.BOMB),
        ("secret.pdf", encrypted_pdf(), extraction.ENCRYPTED),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF", extraction.BROKEN),
        ("program.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, "Файл не является документом DOCX: текст не извлечён."),
        ("empty.docx", b"", extraction.EMPTY),
        ("slides.pptx", b"PK\x03\x04", extraction.NOT_EXTRACTED),
    ],
)
def test_hostile_files_give_a_russian_reason_and_no_exception(name, content, note):
    assert extraction.extract_text(upload(name, content), name) == ("", note)


def test_the_text_is_cut_to_its_limit(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_TEXT_CHARS", 100)
    text, note = extraction.extract_text(b"slovo " * 100, "long.txt")
    assert len(text) == 100 and note == extraction.TRUNCATED


# ---------------------------------------------------------------- uploads through the services


def test_attaching_a_docx_stores_it_with_its_text(school, teacher):
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(
        practice, title="Программа", file=upload("Программа.docx", docx_bytes()), by=teacher
    )
    row.refresh_from_db()
    assert WORD in row.text and row.size > 0 and row.uploaded_by == teacher and row.uploaded_at
    assert row.file_name == "Программа.docx" and "Программа" not in row.file.name
    assert row.file.storage.exists(row.file.name)


def test_a_file_without_text_is_still_stored_with_the_reason(school, teacher):
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(practice, title="Материал", file=upload("secret.pdf", encrypted_pdf()), by=teacher)
    assert row.text == "" and row.extraction_note == extraction.ENCRYPTED and row.file.storage.exists(row.file.name)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.docx", b"PK\x03\x04" + b"\x00garbage" * 50, "повреждён"),
        ("bomb.docx", zip_bomb(), "«архивную бомбу»"),
    ],
)
def test_a_broken_file_or_a_zip_bomb_is_not_stored_at_all(name, content, reason, school, teacher):
    practice = make_practice(school, by=teacher)
    with pytest.raises(ServiceError, match=reason):
        file_services.attach_file(practice, title="Материал", file=upload(name, content), by=teacher)
    assert not PracticeFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.docx", b"MZ\x90\x00" + b"\x00" * 200, "не похож на документ Word \\(DOCX\\): по содержимому это исполняемый файл Windows"),
        ("empty.docx", b"", "не принят: он пустой"),
        ("virus.exe", b"MZ\x90\x00", "Файлы этого типа не принимаются"),
    ],
)
def test_a_file_lying_about_its_type_or_empty_is_refused(name, content, message, school, teacher):
    practice = make_practice(school, by=teacher)
    with pytest.raises(ServiceError, match=message):
        file_services.attach_file(practice, title="Материал", file=upload(name, content), by=teacher)
    assert not PracticeFile.objects.exists()


def test_a_material_is_a_file_or_a_link_and_has_a_title(school, teacher):
    practice = make_practice(school, by=teacher)
    with pytest.raises(ServiceError, match="что-то одно"):
        file_services.attach_file(practice, title="Видео", by=teacher)
    with pytest.raises(ServiceError, match="название"):
        file_services.attach_file(practice, title=" ", url="https://rutube.ru/video/1/", by=teacher)
    row = file_services.attach_file(practice, title="Видео", url="https://rutube.ru/video/1/", by=teacher)
    assert row.url and not row.file and row.size is None


def test_files_of_a_published_practice_are_neither_added_nor_removed(school, teacher):
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(practice, title="Программа", file=upload("p.docx", docx_bytes()), by=teacher)
    publish(practice)
    with pytest.raises(ServiceError, match="новая редакция"):
        file_services.attach_file(practice, title="Ещё", url="https://rutube.ru/video/2/", by=teacher)
    with pytest.raises(ServiceError, match="новая редакция"):
        file_services.remove_file(row, by=teacher)
    assert PracticeFile.objects.get().file.storage.exists(row.file.name)


# ---------------------------------------------------------------- the search


def test_the_search_finds_a_practice_by_a_word_only_in_its_docx(
    school, teacher, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(school, by=teacher, title="Краеведение в начальной школе")
        make_practice(school, state=S.PUBLISHED, title="Другая практика")
        file_services.attach_file(practice, title="Маршрут", file=upload("route.docx", docx_bytes()), by=teacher)
    assert not fulltext.search(WORD).exists()  # a draft is nobody's to find
    with django_capture_on_commit_callbacks(execute=True):
        publish(practice)
    response = client.get(reverse("practices:list"), {"q": "геокешингом"})  # another form of the word
    assert [p.title for p in response.context["page"]] == ["Краеведение в начальной школе"]
    assert [entry.object_id for entry in fulltext.search("геокешинга")] == [practice.pk]


def test_the_index_drops_the_words_of_a_replaced_or_removed_file(school, teacher, django_capture_on_commit_callbacks):
    practice = make_practice(school, by=teacher)
    with django_capture_on_commit_callbacks(execute=True):
        row = file_services.attach_file(practice, title="Маршрут", file=upload("r.docx", docx_bytes()), by=teacher)
    assert WORD in fulltext.SearchEntry.objects.get(kind="practice", object_id=practice.pk).body
    with django_capture_on_commit_callbacks(execute=True):
        new = file_services.replace_file(row, file=upload("r.pdf", pdf_bytes()), by=teacher)
    body = fulltext.SearchEntry.objects.get(kind="practice", object_id=practice.pk).body
    assert WORD not in body and "краеведческий квест" in body
    with django_capture_on_commit_callbacks(execute=True):
        file_services.remove_file(new, by=teacher)
    assert "квест" not in fulltext.SearchEntry.objects.get(kind="practice", object_id=practice.pk).body
    assert not PracticeFile.objects.exists()


def test_rebuild_reads_the_files_without_a_query_per_practice(school, teacher, django_assert_max_num_queries):
    for n in range(5):
        practice = make_practice(school, by=teacher, title=f"Практика {n}")
        file_services.attach_file(practice, title="Текст", file=upload("t.txt", f"{WORD} {n}".encode()), by=teacher)
    with django_assert_max_num_queries(20):
        assert fulltext.rebuild(["practice"]) == {"practice": 5}
    assert fulltext.SearchEntry.objects.filter(kind="practice", body__contains=WORD).count() == 5


# ---------------------------------------------------------------- the pages


@pytest.fixture
def stranger(db):
    """A teacher of another school."""
    other = OrganizationFactory(short_name="МБОУ СОШ № 2")
    user = UserFactory(username="stranger", organization=other)
    MembershipFactory(user=user, role=Role.TEACHER, organization=other)
    return user


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),  # to the login page
        ("stranger", 404),
        ("other_methodist", 404),
        ("expert", 404),
        ("teacher", 200),  # the author
        ("orgadmin", 200),
        ("methodist", 200),
        ("admin_user", 200),
    ],
)
def test_the_files_page_and_the_downloads_of_a_draft_by_role(role, status, school, teacher, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(
        practice, title="Программа", file=upload("Программа.docx", docx_bytes()), by=teacher
    )
    client = client_for(user)
    page = client.get(reverse("practices:files", args=[practice.pk]))
    assert page.status_code == status
    if status == 302:
        assert page.url.startswith("/accounts/login/")
    download = client.get(reverse("practices:file_download", args=[row.pk]))
    assert download.status_code == (200 if status == 200 else 404)  # a draft's file is not for strangers
    if status == 200:
        assert "Программа" in page.content.decode()
        assert download["Content-Disposition"].startswith("attachment")
        assert "filename*=utf-8''%D0%9F" in download["Content-Disposition"]  # «Программа.docx», in Russian
        assert b"".join(download.streaming_content).startswith(b"PK")
    for action in ("file_replace", "file_delete"):
        response = client.post(reverse(f"practices:{action}", args=[row.pk]))
        assert response.status_code == {302: 302, 404: 404, 200: 302}[status]
    assert PracticeFile.objects.filter(pk=row.pk).exists() == (status != 200)


def test_a_published_practice_shows_its_files_to_all_but_the_page_to_its_keepers(school, teacher, stranger, client_for):
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(practice, title="Программа", file=upload("p.pdf", pdf_bytes()), by=teacher)
    publish(practice)
    assert client_for(stranger).get(reverse("practices:files", args=[practice.pk])).status_code == 403
    assert client_for().get(reverse("practices:file_download", args=[row.pk])).status_code == 200
    detail = client_for().get(practice.get_absolute_url()).content.decode()
    assert (
        reverse("practices:file_download", args=[row.pk]) in detail
        and reverse("practices:files", args=[practice.pk]) not in detail
    )
    page = client_for(teacher).get(reverse("practices:files", args=[practice.pk]))
    assert page.status_code == 200 and "новая редакция" in page.content.decode()
    assert 'data-testid="file-form"' not in page.content.decode()


def test_the_author_uploads_replaces_and_keeps_the_old_version(school, teacher, client_for):
    practice = make_practice(school, by=teacher)
    author = client_for(teacher)
    url = reverse("practices:files", args=[practice.pk])
    response = author.post(
        url, {"title": "Программа курса", "file": upload("Программа.docx", docx_bytes())}, follow=True
    )
    assert "Материал «Программа курса» добавлен." in response.content.decode()
    old = PracticeFile.objects.get()
    response = author.post(
        reverse("practices:file_replace", args=[old.pk]), {"file": upload("Программа-2.pdf", pdf_bytes())}, follow=True
    )
    assert "Материал заменён, прежняя версия сохранена." in response.content.decode()
    new = PracticeFile.objects.get(is_current=True)
    assert new.replaces == old and new.title == "Программа курса" and "квест" in new.text
    old.refresh_from_db()
    assert not old.is_current
    page = author.get(url).content.decode()
    assert "Предыдущие версии" in page and reverse("practices:file_download", args=[old.pk]) in page
    assert author.get(reverse("practices:file_download", args=[old.pk])).status_code == 200
    detail = author.get(practice.get_absolute_url()).content.decode()
    assert reverse("practices:file_download", args=[new.pk]) in detail
    assert reverse("practices:file_download", args=[old.pk]) not in detail  # the page lists current files only
    with pytest.raises(ServiceError, match="только действующую"):
        file_services.replace_file(old, url="https://rutube.ru/video/3/", by=teacher)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"title": "Без файла"}, "Приложите файл или укажите ссылку на видео — что-то одно."),
        ({"title": "Программа", "file": upload("program.docx", b"MZ\x90\x00" * 10)}, "по содержимому это исполняемый файл Windows"),
        ({"title": "Пустой", "file": upload("empty.pdf", b"")}, "Отправленный файл пуст."),
        ({"title": "Программа", "file": upload("program.exe", b"MZ")}, "Файлы этого типа не принимаются"),
        ({"file": upload("p.txt", b"text")}, "Обязательное поле."),
        ({"title": "Видео", "url": "ftp://example.org/v.mp4"}, "https:// или http://"),
    ],
)
def test_the_upload_form_refuses_in_russian(data, error, school, teacher, client_for):
    practice = make_practice(school, by=teacher)
    response = client_for(teacher).post(reverse("practices:files", args=[practice.pk]), data)
    assert response.status_code == 400 and error in response.content.decode()
    assert not PracticeFile.objects.exists()


def test_a_zip_bomb_is_refused_by_the_page_and_not_stored(school, teacher, client_for):
    practice = make_practice(school, by=teacher)
    url = reverse("practices:files", args=[practice.pk])
    response = client_for(teacher).post(url, {"title": "Архив", "file": upload("bomb.docx", zip_bomb())})
    assert response.status_code == 400 and "похоже на «архивную бомбу»" in response.content.decode()
    assert not PracticeFile.objects.exists()


def test_deleting_a_file_of_a_published_practice_is_refused_and_changes_nothing(school, teacher, methodist, client_for):
    practice = make_practice(school, by=teacher)
    row = file_services.attach_file(practice, title="Программа", file=upload("p.docx", docx_bytes()), by=teacher)
    publish(practice)
    for user in (teacher, methodist):
        response = client_for(user).post(reverse("practices:file_delete", args=[row.pk]), follow=True)
        assert file_services.NOT_EDITABLE in response.content.decode()
    row.refresh_from_db()
    assert row.is_current and row.file.storage.exists(row.file.name)
    response = client_for(teacher).post(
        reverse("practices:files", args=[practice.pk]),
        {"title": "Ещё", "url": "https://rutube.ru/video/4/"},
        follow=True,
    )
    assert file_services.NOT_EDITABLE in response.content.decode() and PracticeFile.objects.count() == 1


def test_files_a_new_edition_superseded_are_listed_as_earlier_versions(school, teacher, client_for):
    practice = make_practice(school, by=teacher)
    old = file_services.attach_file(practice, title="Программа 2024", file=upload("p.txt", b"old"), by=teacher)
    file_services.attach_file(practice, title="Программа 2026", file=upload("p.txt", b"new"), by=teacher)
    PracticeFile.objects.filter(pk=old.pk).update(is_current=False)  # as publishing a new edition leaves it
    page = client_for(teacher).get(reverse("practices:files", args=[practice.pk]))
    assert [m.title for m in page.context["materials"]] == ["Программа 2026"]
    assert [m.title for m in page.context["earlier"]] == ["Программа 2024"]
    assert reverse("practices:file_download", args=[old.pk]) in page.content.decode()


def test_downloads_of_a_published_practice_are_counted(school, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = make_practice(school)
    row = file_services.attach_file(
        practice, title="Конспект", file=SimpleUploadedFile("konspekt.txt", "Текст конспекта.".encode())
    )
    video = file_services.attach_file(practice, title="Видеозапись урока", url="https://example.org/urok")
    Practice.objects.filter(pk=practice.pk).update(state=S.PUBLISHED)
    for _ in range(2):
        assert client.get(reverse("practices:file_download", args=[row.pk])).status_code == 200
    assert client.get(reverse("practices:file_download", args=[video.pk])).url == "https://example.org/urok"
    row.refresh_from_db()
    video.refresh_from_db()
    assert (row.downloads, video.downloads) == (2, 1)
    assert "скачиваний: 2" in client.get(practice.get_absolute_url()).content.decode()
