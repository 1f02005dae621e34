import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from innoinfra.core.errors import ServiceError
from innoinfra.core.typography import plain
from innoinfra.practice_collections import builds, render, services
from innoinfra.practice_collections.models import BuildState, CollectionBuild
from innoinfra.practices import services as practice_services
from innoinfra.practices.enums import PracticeState

from ..practices.factories import make_practice
from .factories import make_collection, published_practices

pytestmark = pytest.mark.django_db


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start a build and run the queued task, as the immediate backend does after the commit."""

    def start(collection, fmt):
        with django_capture_on_commit_callbacks(execute=True):
            started = builds.start_build(collection, format=fmt)
        started.refresh_from_db()
        return started

    return start


def test_only_published_practices_go_in(school, amursky):
    collection = make_collection(amursky)
    draft = make_practice(school, title="Черновик практики")
    with pytest.raises(ServiceError, match="не опубликована"):
        services.add_practices(collection, [draft.pk])
    published = published_practices(school, 2)
    assert services.add_practices(collection, [p.pk for p in published] + [published[0].pk]) == 2
    assert services.add_practices(collection, [published[0].pk]) == 0  # already there
    assert list(collection.entries.values_list("practice_id", flat=True)) == [p.pk for p in published]
    assert not collection.entries.filter(practice=draft).exists()


def test_add_by_registry_number_reorder_and_remove(school, amursky):
    first, second, third = published_practices(school, 3)
    collection = make_collection(amursky)
    for practice in (first, second, third):
        services.add_by_number(collection, f" {practice.registry_number} ")
    with pytest.raises(ServiceError, match="нет"):
        services.add_by_number(collection, "00-0000")
    entries = list(collection.entries.all())
    services.move(entries[2], -1)
    assert [p.pk for p in services.ordered_practices(collection)] == [first.pk, third.pk, second.pk]
    with pytest.raises(ServiceError):
        services.move(collection.entries.first(), -1)
    services.remove(collection.entries.get(practice=third))
    assert [p.pk for p in services.ordered_practices(collection)] == [first.pk, second.pk]


def test_create_refuses_an_empty_title(amursky):
    with pytest.raises(ServiceError, match="название"):
        services.create_collection(municipality=amursky, title="  ")


def _headings(content: bytes, style: str) -> list[str]:
    return [plain(p.text) for p in Document(io.BytesIO(content)).paragraphs if p.style.name == style]


def test_the_docx_has_a_title_page_contents_and_chapters_in_order(school, amursky, start):
    practices = published_practices(school, 3)
    collection = make_collection(amursky, practices)
    services.move(collection.entries.last(), -1)
    build = start(collection, "docx")
    assert build.state == BuildState.DONE and build.done == build.total == 4
    content = build.file.read()
    document = Document(io.BytesIO(content))
    texts = [plain(p.text) for p in document.paragraphs]
    assert collection.title in texts and f"{amursky.name}, 2026" in texts
    order = [practices[0], practices[2], practices[1]]
    chapters = [f"{n}. {p.title}" for n, p in enumerate(order, 1)]
    assert _headings(content, "Heading 1") == ["Содержание", "Предисловие", *chapters]
    contents = texts[texts.index("Содержание") + 1 : texts.index("Содержание") + 5]
    assert contents == ["Предисловие", *chapters]
    assert "Номер в банке данных: " + order[0].registry_number in texts
    assert {"Аннотация", "Описание практики", "Результаты и эффекты", "Условия применения"} <= set(
        _headings(content, "Heading 2")
    )


def test_the_pdf_opens_and_has_the_chapters_with_page_numbers_in_the_contents(school, amursky, start):
    practices = published_practices(school, 2)
    collection = make_collection(amursky, practices)
    build = start(collection, "pdf")
    assert build.state == BuildState.DONE, build.error
    reader = PdfReader(io.BytesIO(build.file.read()))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 5  # title, contents, preface, two chapters
    text = "\n".join(pages)
    for practice in practices:
        assert practice.title.split(":")[0] in text
    contents = pages[1]
    assert "Содержание" in contents and "1. Практика 001" in contents
    # the contents give the page each chapter starts on: title 1, contents 2, preface 3, chapters 4 and 5
    assert re.search(r"Предисловие \.+ 3\n", contents)
    assert re.search(r"1\. Практика 001[^\n]*\.+ 4\n", contents)
    assert re.search(r"2\. Практика 002[^\n]*\.+ 5\n", contents)


def test_builds_report_progress(school, amursky, start, monkeypatch):
    practices = published_practices(school, 12)
    collection = make_collection(amursky, practices)
    seen = []
    original = render.docx_book

    def spying(collection, practices, *, progress):
        def record(done):
            seen.append(done)
            progress(done)

        return original(collection, practices, progress=record)

    monkeypatch.setattr(render, "docx_book", spying)
    build = start(collection, "docx")
    assert seen == [10, 12]
    assert (build.done, build.total, build.percent) == (13, 13, 100)


def test_a_failed_build_keeps_a_russian_error(school, amursky, start):
    practices = published_practices(school, 2)
    collection = make_collection(amursky, practices)
    practice_services.withdraw(practices[1])
    assert practices[1].state == PracticeState.WITHDRAWN
    build = start(collection, "docx")
    assert build.state == BuildState.FAILED
    assert "снята с публикации" in build.error and not build.file
    assert services.latest_builds(collection) == {}


def test_an_unexpected_failure_is_reported_without_details(school, amursky, start, monkeypatch):
    collection = make_collection(amursky, published_practices(school, 1))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full /secret/path")

    monkeypatch.setattr(render, "pdf_book", broken)
    build = start(collection, "pdf")
    assert build.error == (
        "Сборка остановлена: внутренняя ошибка; попробуйте ещё раз, а если ошибка повторится — сообщите администратору."
    )


def test_a_build_refuses_an_empty_collection_and_a_second_build_at_once(school, amursky):
    collection = make_collection(amursky)
    with pytest.raises(ServiceError, match="нет ни одной"):
        builds.start_build(collection, format="docx")
    services.add_practices(collection, [published_practices(school, 1)[0].pk])
    CollectionBuild.objects.create(collection=collection, format="docx", total=2)
    with pytest.raises(ServiceError, match="уже собирается"):
        builds.start_build(collection, format="docx")
