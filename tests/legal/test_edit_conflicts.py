"""No lost update in the bank of documents (issue 15, finding 7): Наталья (`authority`) and Лариса (`methodist`)
open the same document's form; Наталья saves first, Лариса's stale save is refused naming Наталья."""

import datetime as dt

import pytest

from innoinfra.legal.enums import DocumentLevel
from innoinfra.legal.models import LegalDocument

from .factories import make_document

pytestmark = pytest.mark.django_db
CONFLICT = "Запись изменил(а) Сиденкова Наталья"


@pytest.fixture
def document(amursky):
    return make_document(
        level=DocumentLevel.MUNICIPAL,
        issuer="Управление образования Амурского муниципального района",
        number="172-Д",
        date=dt.date(2025, 4, 11),
        title="Об утверждении «дорожной карты»",
        municipality=amursky,
    )


def _form_data(client, url) -> dict:
    """What the browser would send back: the form as the page rendered it (the stored file is not re-sent)."""
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "file"}
    return {name: value for name, value in data.items() if value not in (None, [])}


def test_a_stale_save_of_a_document_is_refused_naming_who_saved(client_for, authority, methodist, document):
    url = f"/documents/{document.pk}/edit/"
    natalya, larisa = client_for(authority), client_for(methodist)
    natalya_form, larisa_form = _form_data(natalya, url), _form_data(larisa, url)
    assert natalya.post(url, {**natalya_form, "title": "Название Натальи"}).status_code == 302

    answer = larisa.post(url, {**larisa_form, "keywords": "ключевые слова Ларисы"})

    assert answer.status_code == 409
    page = answer.content.decode()
    assert CONFLICT in page and "обновите страницу" in page and "ключевые слова Ларисы" in page
    document = LegalDocument.objects.get(pk=document.pk)
    assert (document.title, document.keywords) == ("Название Натальи", natalya_form.get("keywords", ""))


def test_a_fresh_save_of_a_document_goes_through_and_moves_the_version(client_for, authority, methodist, document):
    url = f"/documents/{document.pk}/edit/"
    natalya, larisa = client_for(authority), client_for(methodist)
    larisa_form = _form_data(larisa, url)
    assert natalya.post(url, {**_form_data(natalya, url), "title": "Название Натальи"}).status_code == 302
    assert larisa.post(url, {**larisa_form, "keywords": "ключевые слова Ларисы"}).status_code == 409

    assert larisa.post(url, {**_form_data(larisa, url), "keywords": "ключевые слова Ларисы"}).status_code == 302

    document = LegalDocument.objects.get(pk=document.pk)
    assert (document.title, document.keywords, document.version) == ("Название Натальи", "ключевые слова Ларисы", 3)
