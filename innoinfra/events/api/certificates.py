"""The public verification of a certificate by its number."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from ..certificates import services as certificates
from ..models import Certificate
from .serializers import CertificateSerializer


@extend_schema_view(
    retrieve=extend_schema(
        summary="Проверка подлинности сертификата по номеру",
        description="Несуществующий номер — ответ 404; аннулированный сертификат — valid: false.",
    )
)
class CertificateViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # No list: the register of certificates holds people's names; each is confirmed only by its number.
    serializer_class = CertificateSerializer
    lookup_field = "number"
    queryset = Certificate.objects.select_related("event__organizer")
    filter_backends = []

    def get_object(self):
        # Read as the verification page reads it: a number typed from paper in lower case or with spaces is found.
        number = certificates.normalize_number(self.kwargs[self.lookup_field])
        return get_object_or_404(self.get_queryset(), number=number)
