"""Keeping the bank of normative documents: each change in one transaction, with its author in the history."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.dates import numeric_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from .enums import DocumentLevel, DocumentStatus
from .models import LegalDocument

TERRITORIAL_LEVELS = (DocumentLevel.MUNICIPAL, DocumentLevel.INSTITUTIONAL)


def _check(document: LegalDocument) -> None:
    errors = []
    if document.level in TERRITORIAL_LEVELS and document.municipality_id is None:
        errors.append("Для муниципального документа и документа организации укажите муниципалитет.")
    if document.date and document.date > timezone.localdate():
        errors.append("Дата принятия не может быть позже сегодняшнего дня.")
    if document.replaced_by_id:
        if document.status != DocumentStatus.REPEALED:
            errors.append("Заменяющий документ указывается только для документа, утратившего силу.")
        elif document.pk and _replacement_leads_back(document):
            errors.append("Документ не может заменять сам себя, в том числе через цепочку замен.")
    duplicate = LegalDocument.objects.filter(
        doc_type=document.doc_type, number__iexact=document.number, date=document.date, issuer__iexact=document.issuer
    ).exclude(pk=document.pk)
    if document.number and duplicate.exists():
        errors.append(
            f"{document.get_doc_type_display()} от {numeric_date(document.date)} № {document.number} "
            "этого органа уже есть в банке документов."
        )
    if errors:
        raise ServiceError(errors)


def _replacement_leads_back(document: LegalDocument) -> bool:
    seen, current = set(), document.replaced_by_id
    while current and current not in seen:
        if current == document.pk:
            return True
        seen.add(current)
        current = LegalDocument.objects.filter(pk=current).values_list("replaced_by_id", flat=True).first()
    return False


def _save(document: LegalDocument, by, related: Iterable[LegalDocument] | None) -> LegalDocument:
    _check(document)
    document._history_user = by
    document.save()
    if related is not None:
        document.related.set([other for other in related if other.pk != document.pk])
    return document


@transaction.atomic
def create_document(*, by=None, related: Iterable[LegalDocument] | None = None, **fields) -> LegalDocument:
    return _save(LegalDocument(**fields), by, related)


@transaction.atomic
def update_document(
    document: LegalDocument,
    *,
    by=None,
    related: Iterable[LegalDocument] | None = None,
    version: int | None = None,
    **fields,
) -> LegalDocument:
    """Correct a document over the version its editor read (VersionConflict if someone saved it since)."""
    claim_version(document, version)
    for name, value in fields.items():
        setattr(document, name, value)
    return _save(document, by, related)
