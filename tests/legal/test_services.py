"""Keeping the bank of normative documents: what a document must say, and what is refused with nothing saved."""

import datetime as dt

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.legal import services
from innoinfra.legal.enums import DocumentLevel, DocumentStatus, DocumentType
from innoinfra.legal.models import LegalDocument

from .factories import make_document

pytestmark = pytest.mark.django_db


def test_a_document_cites_itself_as_documents_cite_one_another():
    document = make_document()
    assert document.reference == (
        "Приказ от 22.03.2019 № 21н «Об утверждении Порядка формирования и функционирования инновационной "
        "инфраструктуры в системе образования»"
    )
    assert str(document) == document.reference


def test_a_municipal_document_needs_its_municipality(amursky):
    with pytest.raises(ServiceError, match="укажите муниципалитет"):
        make_document(level=DocumentLevel.MUNICIPAL, number="172-Д")
    assert make_document(level=DocumentLevel.MUNICIPAL, number="172-Д", municipality=amursky).pk


def test_the_same_act_is_not_entered_twice_and_nothing_is_saved():
    make_document()
    with pytest.raises(ServiceError, match="уже есть в банке документов"):
        make_document(title="Другой заголовок того же приказа")
    assert LegalDocument.objects.count() == 1


def test_a_document_adopted_tomorrow_is_refused():
    with pytest.raises(ServiceError, match="не может быть позже сегодняшнего дня"):
        make_document(date=dt.date.today() + dt.timedelta(days=1))


def test_only_a_repealed_document_names_its_replacement_and_never_in_a_circle():
    old = make_document(number="1", title="Старый порядок")
    new = make_document(number="2", title="Новый порядок")
    with pytest.raises(ServiceError, match="только для документа, утратившего силу"):
        services.update_document(old, replaced_by=new)
    services.update_document(old, status=DocumentStatus.REPEALED, replaced_by=new)
    assert list(new.replaces.all()) == [old]
    with pytest.raises(ServiceError, match="не может заменять сам себя"):
        services.update_document(new, status=DocumentStatus.REPEALED, replaced_by=old)
    new.refresh_from_db()
    assert new.status == DocumentStatus.IN_FORCE and new.replaced_by is None


def test_related_documents_link_both_ways_and_never_to_themselves():
    law = make_document(doc_type=DocumentType.LAW, number="273-ФЗ", title="Об образовании в Российской Федерации")
    order = make_document(related=[law])
    services.update_document(order, related=[law, order])
    assert list(order.related.all()) == [law] and list(law.related.all()) == [order]


def test_history_keeps_who_changed_what(methodist):
    document = make_document(by=methodist)
    services.update_document(document, by=methodist, status=DocumentStatus.AMENDED)
    assert [h.status for h in document.history.order_by("history_date")] == ["in_force", "amended"]
    assert document.history.latest().history_user == methodist
