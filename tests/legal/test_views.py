"""The catalogue is public; staff add and correct documents, a municipal one only in their own territory."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.legal.enums import DocumentLevel, DocumentStatus, DocumentType
from innoinfra.legal.models import LegalDocument

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(amursky):
    law = make_document(
        doc_type=DocumentType.LAW,
        issuer="Российская Федерация",
        number="273-ФЗ",
        date=dt.date(2012, 12, 29),
        title="Об образовании в Российской Федерации",
        keywords="инновационная деятельность",
    )
    order = make_document(related=[law])
    roadmap = make_document(
        level=DocumentLevel.MUNICIPAL,
        issuer="Управление образования Амурского муниципального района",
        number="172-Д",
        date=dt.date(2025, 4, 11),
        title="Об утверждении плана мероприятий («дорожная карта») развития инновационной инфраструктуры",
        municipality=amursky,
    )
    return {"law": law, "order": order, "roadmap": roadmap}


def found(response) -> list[str]:
    return [d.number for d in response.context["page"]]


def test_anyone_finds_documents_by_a_word_form_and_filters(client, documents):
    assert found(client.get("/documents/", {"q": "инновационной инфраструктурой"})) == ["172-Д", "21н"]
    assert found(client.get("/documents/", {"q": "площадки деятельностью"})) == []
    assert found(client.get("/documents/", {"q": "инновационную деятельность"})) == ["273-ФЗ"]
    assert found(client.get("/documents/", {"level": "municipal"})) == ["172-Д"]
    assert found(client.get("/documents/", {"doc_type": "law"})) == ["273-ФЗ"]
    assert found(client.get("/documents/", {"year": 2019})) == ["21н"]
    page = client.get(documents["order"].get_absolute_url()).content.decode()
    assert "Приказ от 22 марта 2019 г. № 21н" in page and "Об образовании в Российской Федерации" in page


def test_a_repealed_document_points_to_the_one_in_force(client, documents):
    from innoinfra.legal import services

    services.update_document(documents["order"], status=DocumentStatus.REPEALED, replaced_by=documents["roadmap"])
    page = client.get(documents["order"].get_absolute_url()).content.decode()
    assert "Документ утратил силу." in page and "172-Д" in page


def test_the_list_does_not_query_per_row(client, assert_constant_queries):
    counter = iter(range(1000))
    client.get("/documents/")  # settings and catalogues are cached by the first page of the process
    assert_constant_queries(client, "/documents/", lambda n: [make_document(number=str(next(counter))) for _ in range(n)])


FORM = {
    "level": "federal",
    "doc_type": "order",
    "issuer": "Министерство просвещения Российской Федерации",
    "number": "286",
    "date": "2021-05-31",
    "title": "Об утверждении федерального государственного образовательного стандарта начального общего образования",
    "status": "in_force",
    "keywords": "ФГОС, начальное общее образование",
}


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("teacher", 403), ("orgadmin", 403), ("expert", 403), ("methodist", 302)],
)
def test_only_staff_add_documents(client_for, request, role, status):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).post("/documents/new/", FORM)
    assert response.status_code == status
    created = LegalDocument.objects.filter(number="286").exists()
    assert created == (role == "methodist")
    if role == "anonymous":
        assert response.url.startswith("/accounts/login/")


def test_a_municipal_document_is_kept_by_the_staff_of_its_territory(client_for, documents, methodist, other_methodist):
    url = f"/documents/{documents['roadmap'].pk}/edit/"
    assert client_for(other_methodist).get(url).status_code == 403
    assert client_for(methodist).get(url).status_code == 200
    # a federal document is everybody's: any staff member corrects it
    assert client_for(other_methodist).get(f"/documents/{documents['law'].pk}/edit/").status_code == 200


def test_a_bad_file_or_a_broken_rule_is_a_russian_message_and_nothing_is_saved(client_for, methodist, documents):
    client = client_for(methodist)
    hostile = SimpleUploadedFile("order.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post("/documents/new/", {**FORM, "file": hostile})
    assert response.status_code == 400
    assert "Файлы этого типа не принимаются" in response.content.decode()
    response = client.post("/documents/new/", {**FORM, "level": "municipal"})
    assert response.status_code == 400 and "укажите муниципалитет" in response.content.decode()
    assert not LegalDocument.objects.filter(number="286").exists()


def test_the_methodist_edits_a_document_with_its_related_ones(client_for, methodist, documents):
    order = documents["order"]
    data = {**FORM, "number": "21н", "date": "2019-03-22", "title": order.title, "issuer": order.issuer}
    data |= {"status": "amended", "related": [documents["roadmap"].pk], "version": order.version}
    response = client_for(methodist).post(f"/documents/{order.pk}/edit/", data)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == DocumentStatus.AMENDED
    assert list(order.related.all()) == [documents["roadmap"]]
