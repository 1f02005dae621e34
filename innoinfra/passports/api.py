"""Site passports in the API: anyone reads the passport of any site of the registry (contacts only staff and its
editors); its editors change it with ETag / If-Match through the same service as the page."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins

from innoinfra.core.drf import ReadOnly
from innoinfra.core.forms import parse_id
from innoinfra.core.versioning import VersionedAPIMixin
from innoinfra.registry.models import Site

from . import services
from .models import SitePassport
from .serializers import SitePassportSerializer

SITE = OpenApiParameter("site", OpenApiTypes.INT, OpenApiParameter.PATH, description="Номер площадки в реестре.")


@extend_schema_view(
    retrieve=extend_schema(parameters=[SITE]),
    update=extend_schema(parameters=[SITE]),
    partial_update=extend_schema(parameters=[SITE]),
)
class SitePassportViewSet(VersionedAPIMixin, mixins.UpdateModelMixin, ReadOnly):
    """The passport of a site, addressed by the site's number; the list holds the passports written so far. Changes
    take the version read (`If-Match` or `version`) and keep a version in the passport's history."""

    serializer_class = SitePassportSerializer
    lookup_field = "site"
    perms = {"update": "passports.change_sitepassport", "partial_update": "passports.change_sitepassport"}

    def get_queryset(self):
        # The list holds the passports written so far; a site without one is read by its number (the registry's data).
        return SitePassport.objects.select_related(
            "site__kind", "site__lead_organization__municipality", "updated_by"
        ).order_by("site_id")

    def perm_object(self, passport):
        return passport.site

    def get_object(self):
        site_pk = parse_id(self.kwargs["site"])
        if site_pk is None:  # «abc», «-1», 2**70: no site has such a number, and the database is not asked
            raise Http404
        site = get_object_or_404(
            Site.objects.select_related("kind", "lead_organization__municipality", "passport__updated_by"), pk=site_pk
        )
        passport = services.passport_of(site)
        self.check_object_permissions(self.request, passport)
        return passport

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        site = serializer.instance.site
        with self.version_precondition(data) as expected:
            serializer.instance = services.save_passport(site, by=self.request.user, version=expected, **data)
