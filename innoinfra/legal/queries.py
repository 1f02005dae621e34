"""The catalogue's filters, shared by the page and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from innoinfra.core.search import filter_by_text

from .models import LegalDocument


def documents_for_list() -> QuerySet[LegalDocument]:
    return LegalDocument.objects.select_related("municipality", "replaced_by").order_by("-date", "-id")


def filter_documents(documents: QuerySet[LegalDocument], params: dict) -> QuerySet[LegalDocument]:
    for name in ("level", "doc_type", "status", "municipality"):
        if params.get(name):
            documents = documents.filter(**{name: params[name]})
    if params.get("year"):
        documents = documents.filter(date__year=params["year"])
    if params.get("q"):
        documents = filter_by_text(documents, params["q"])
    return documents
