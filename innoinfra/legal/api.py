"""The bank of normative documents in the API: public reads with the catalogue's own filters."""

from __future__ import annotations

from django.db.models import Prefetch

from innoinfra.core.drf import FormFilteredMixin, ReadOnly

from . import queries
from .forms import DocumentFilterForm
from .models import LegalDocument
from .serializers import LegalDocumentSerializer


class LegalDocumentViewSet(FormFilteredMixin, ReadOnly):
    serializer_class = LegalDocumentSerializer
    filter_form = DocumentFilterForm
    filter_function = staticmethod(queries.filter_documents)

    def get_queryset(self):
        return queries.documents_for_list().prefetch_related(
            Prefetch("related", queryset=LegalDocument.objects.only("id"))
        )
