"""Publications in the API: public reads with the catalogue's filters; the people who may enter them on the pages
create, correct (with ETag / If-Match) and remove them through the same services."""

from __future__ import annotations

from rest_framework import mixins

from innoinfra.core.drf import FormFilteredMixin, IdempotentCreateMixin, ReadOnly
from innoinfra.core.versioning import VersionedAPIMixin

from . import queries, services
from .forms import PublicationFilterForm
from .serializers import PublicationSerializer


class PublicationViewSet(
    VersionedAPIMixin,
    FormFilteredMixin,
    IdempotentCreateMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ReadOnly,
):
    serializer_class = PublicationSerializer
    filter_form = PublicationFilterForm
    filter_function = staticmethod(queries.filter_publications)
    perms = {
        "create": "publications.add_publication",
        "update": "publications.change_publication",
        "partial_update": "publications.change_publication",
        "destroy": "publications.delete_publication",
    }

    def get_queryset(self):
        return queries.for_list()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new publication starts at version 1
        serializer.instance = services.create_publication(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with self.version_precondition(data) as expected:
            serializer.instance = services.update_publication(
                serializer.instance, by=self.request.user, version=expected, **data
            )

    def perform_destroy(self, instance):
        services.delete_publication(instance, by=self.request.user)
