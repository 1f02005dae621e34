"""Normative documents in the global search."""

from innoinfra.core.fulltext import Document, register

from .models import LegalDocument


def legal_document(document: LegalDocument) -> Document:
    return Document(
        title=document.title,
        body=" ".join(part for part in (str(document), document.issuer, document.summary, document.keywords) if part),
        url=document.get_absolute_url(),
        municipality_id=document.municipality_id,
        updated_at=document.updated_at,
    )


register("legal", "Нормативные документы", LegalDocument, legal_document)
