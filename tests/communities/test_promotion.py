"""A material goes to the data bank as a draft practice of its uploader, once."""

from __future__ import annotations

import io

import pytest

from innoinfra.communities import services
from innoinfra.core.errors import ServiceError
from innoinfra.practices.enums import PracticeState
from innoinfra.practices.models import Practice
from tests.factories import DirectionFactory, UserFactory
from tests.hostile_files import word_97_doc

from .factories import add_member, checklist, make_community, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(methodist, teacher, amursky):
    community = make_community(methodist, amursky, direction=DirectionFactory(name="Цифровая образовательная среда"))
    add_member(community, teacher)
    post = make_post(
        community,
        teacher,
        title="Перевёрнутый класс",
        body="Видео дома, задачи на уроке.",
        material_title="Чек-лист урока",
        material_file=checklist(),
    )
    return post.materials.get()


def test_promotion_creates_a_draft_practice_its_author_sees(material, methodist, teacher, client_for):
    practice = services.promote_material_to_databank(material, by=methodist)
    assert practice.state == PracticeState.DRAFT
    assert (practice.title, practice.authors, practice.organization) == (
        "Чек-лист урока",
        "Петров Пётр",
        teacher.organization,
    )
    assert practice.annotation == "Видео дома, задачи на уроке."
    assert [d.name for d in practice.directions.all()] == ["Цифровая образовательная среда"]
    assert practice.files.get().file.read() == b"%PDF-1.4 checklist"
    material.refresh_from_db()
    assert material.promoted_practice == practice
    assert teacher.has_perm("practices.change_practice", practice)
    assert client_for(teacher).get(practice.get_absolute_url()).status_code == 200
    assert client_for(None).get(practice.get_absolute_url()).status_code in (302, 404)


def test_a_second_promotion_is_refused(material, methodist, teacher):
    services.promote_material_to_databank(material, by=teacher)
    with pytest.raises(ServiceError, match="уже передан в банк практик"):
        services.promote_material_to_databank(material, by=methodist)
    assert Practice.objects.count() == 1


def test_an_uploader_without_organization_is_refused(methodist, amursky):
    community = make_community(methodist, amursky)
    loner = UserFactory(username="loner")
    add_member(community, loner)
    post = make_post(community, loner, material_title="Файл", material_file=checklist())
    with pytest.raises(ServiceError, match="не указано место работы"):
        services.promote_material_to_databank(post.materials.get(), by=methodist)
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "role, status, promoted",
    [("teacher", 302, True), ("orgadmin", 403, False), ("other_methodist", 403, False), ("methodist", 302, True)],
)
def test_the_button_is_for_the_uploader_and_moderators(role, status, promoted, material, request, client_for):
    client = client_for(request.getfixturevalue(role))
    response = client.post(f"/communities/materials/{material.pk}/promote/")
    assert response.status_code == status
    assert Practice.objects.exists() == promoted


def test_a_material_the_data_bank_does_not_take_is_refused_whole(methodist, teacher, amursky):
    community = make_community(methodist, amursky)
    add_member(community, teacher)
    post = make_post(
        community,
        teacher,
        title="Старый формат",
        body="Разработка в формате Word 97.",
        material_title="Разработка урока",
        material_file=checklist(name="urok.doc", content=word_97_doc()),
    )
    with pytest.raises(ServiceError, match="Файлы этого типа не принимаются"):
        services.promote_material_to_databank(post.materials.get(), by=methodist)
    # no draft practice is left behind, and the material can be promoted once converted
    assert not Practice.objects.exists()
    assert post.materials.get().promoted_practice is None


def test_a_promoted_document_is_found_by_its_text(methodist, teacher, amursky, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    from innoinfra.core import fulltext

    community = make_community(methodist, amursky)
    add_member(community, teacher)
    document = Document()
    document.add_paragraph("Технологическая карта урока с использованием квадрокоптеров.")
    path = io.BytesIO()
    document.save(path)
    post = make_post(
        community,
        teacher,
        title="Квадрокоптеры на уроке",
        body="Карта урока.",
        material_title="Технологическая карта",
        material_file=SimpleUploadedFile("karta.docx", path.getvalue()),
    )
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.promote_material_to_databank(post.materials.get(), by=methodist)
    assert "квадрокоптеров" in practice.files.get().text
    # a draft: in the index, but not public
    assert not fulltext.search("квадрокоптер", kind="practice").exists()
