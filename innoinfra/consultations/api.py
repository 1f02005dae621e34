"""Consultations in the API: the log as its page shows it (only to those who may see it), written through the same
services; consultation hours readable by those who may offer or book them."""

from __future__ import annotations

from rest_framework import mixins
from rest_framework.permissions import IsAuthenticated
from rest_framework.settings import api_settings

from innoinfra.core.drf import FormFilteredMixin, IdempotentCreateMixin, ReadOnly
from innoinfra.core.versioning import VersionedAPIMixin

from . import queries, services
from .forms import ConsultationFilterForm
from .models import ConsultationSlot
from .serializers import ConsultationSerializer, ConsultationSlotSerializer


class ConsultationViewSet(
    VersionedAPIMixin,
    FormFilteredMixin,
    IdempotentCreateMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ReadOnly,
):
    serializer_class = ConsultationSerializer
    # the log is not public: an anonymous client is refused rather than shown an empty list
    permission_classes = [IsAuthenticated, *api_settings.DEFAULT_PERMISSION_CLASSES]
    filter_form = ConsultationFilterForm
    filter_function = staticmethod(queries.filter_consultations)
    perms = {
        "create": "consultations.add_consultation",
        "update": "consultations.change_consultation",
        "partial_update": "consultations.change_consultation",
    }

    def get_queryset(self):
        return queries.visible_to(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.record_consultation(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with self.version_precondition(data) as expected:
            serializer.instance = services.update_consultation(
                serializer.instance, by=self.request.user, version=expected, **data
            )


class ConsultationSlotViewSet(ReadOnly):
    serializer_class = ConsultationSlotSerializer
    permission_classes = [IsAuthenticated]
    queryset = ConsultationSlot.objects.none()  # for the schema; each request gets its own hours below

    def get_queryset(self):
        return queries.open_hours(self.request.user).order_by("starts_at", "id")
