"""The bank of normative documents through the API: public, read-only, filtered as the catalogue."""

import datetime as dt

import pytest

from innoinfra.legal.enums import DocumentType
from tests.legal.factories import make_document

from .clients import api

pytestmark = pytest.mark.django_db


def test_anyone_reads_and_filters_documents_with_the_catalogue_filters(django_assert_max_num_queries):
    law = make_document(doc_type=DocumentType.LAW, number="273-ФЗ", date=dt.date(2012, 12, 29), title="Об образовании")
    order = make_document(related=[law])
    client = api()
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/legal-documents/", {"q": "инновационной инфраструктурой"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["number"] for row in rows] == ["21н"]
    assert rows[0]["related"] == [law.pk] and rows[0]["status_label"] == "Действует"
    assert rows[0]["reference"].startswith("Приказ от 22.03.2019 № 21н")
    assert client.get(f"/api/v1/legal-documents/{order.pk}/").json()["doc_type_label"] == "Приказ"
    assert client.get("/api/v1/legal-documents/", {"year": "двадцатый"}).status_code == 400


def test_the_api_does_not_write_documents(methodist):
    from innoinfra.legal.models import LegalDocument

    response = api(methodist).post("/api/v1/legal-documents/", {"title": "Новый"})
    assert response.status_code in (403, 405) and not LegalDocument.objects.exists()
