"""REST resources of the registry. Reads are public like the pages; writes ask the same `rules`
perms and call the same services, so the API and the web can never disagree."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.drf import FormFilteredMixin, IdempotentCreateMixin, ReadOnly, SyncMixin
from innoinfra.core.versioning import VersionedAPIMixin
from innoinfra.reference.models import Direction, Municipality, Region

from . import queries, services
from .forms import OrderFilterForm, OrganizationFilterForm, SiteFilterForm
from .models import SiteKind, Subsystem
from .serializers import (
    DirectionSerializer,
    MunicipalitySerializer,
    OrderSerializer,
    OrganizationSerializer,
    RegionSerializer,
    SiteKindSerializer,
    SiteSerializer,
    SiteStateSerializer,
    SubsystemSerializer,
)


def _require_managed(user, municipality) -> None:
    """Nobody writes into a territory they do not run, nor moves an object out of their reach."""
    if municipality is None or not municipalities_managed_by(user).filter(pk=municipality.pk).exists():
        raise PermissionDenied("Укажите муниципалитет, которым вы управляете.")


class RegionViewSet(ReadOnly):
    queryset = Region.objects.order_by("name")
    serializer_class = RegionSerializer


class MunicipalityViewSet(ReadOnly):
    queryset = Municipality.objects.select_related("region").order_by("name")
    serializer_class = MunicipalitySerializer


class SubsystemViewSet(ReadOnly):
    queryset = Subsystem.objects.order_by("position")
    serializer_class = SubsystemSerializer


class DirectionViewSet(ReadOnly):
    queryset = Direction.objects.order_by("name")
    serializer_class = DirectionSerializer


class SiteKindViewSet(ReadOnly):
    queryset = SiteKind.objects.order_by("position", "name")
    serializer_class = SiteKindSerializer


class OrganizationViewSet(
    SyncMixin,
    VersionedAPIMixin,
    FormFilteredMixin,
    IdempotentCreateMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ReadOnly,
):
    serializer_class = OrganizationSerializer
    filter_form = OrganizationFilterForm
    filter_function = staticmethod(queries.filter_organizations)
    perms = {
        "create": "registry.add_organization",
        "update": "registry.change_organization",
        "partial_update": "registry.change_organization",
    }

    def get_queryset(self):
        return queries.organizations_for_list().order_by("short_name", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        _require_managed(self.request.user, data["municipality"])
        data.pop("version", None)  # a new organization starts at version 1
        serializer.instance = services.create_organization(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "municipality" in data:
            _require_managed(self.request.user, data["municipality"])
        with self.version_precondition(data) as expected:
            serializer.instance = services.update_organization(
                serializer.instance, by=self.request.user, version=expected, **data
            )


class OrderViewSet(FormFilteredMixin, IdempotentCreateMixin, mixins.CreateModelMixin, ReadOnly):
    serializer_class = OrderSerializer
    filter_form = OrderFilterForm
    filter_function = staticmethod(queries.filter_orders)
    perms = {"create": "registry.add_order"}

    def get_queryset(self):
        return queries.orders_for_list()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        _require_managed(self.request.user, data.get("municipality"))
        serializer.instance = services.create_order(by=self.request.user, **data)


class SiteViewSet(
    SyncMixin,
    VersionedAPIMixin,
    FormFilteredMixin,
    IdempotentCreateMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ReadOnly,
):
    serializer_class = SiteSerializer
    filter_form = SiteFilterForm
    filter_function = staticmethod(queries.filter_sites)
    perms = {
        "create": "registry.add_site",
        "update": "registry.change_site",
        "partial_update": "registry.change_site",
        "change_state": "registry.change_site",
    }

    def get_queryset(self):
        return queries.sites_for_list().order_by("-start_date", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lead = data["lead_organization"]
        if not self.request.user.has_perm("registry.change_organization", lead):
            raise PermissionDenied("Нельзя присваивать статус организации другого муниципалитета.")
        data.pop("version", None)  # a new site starts at version 1
        serializer.instance = services.create_site(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lead = data.get("lead_organization")
        if lead and not self.request.user.has_perm("registry.change_organization", lead):
            raise PermissionDenied("Нельзя передать площадку организации другого муниципалитета.")
        data.pop("order", None)  # the establishing order is part of the site's legal history
        with self.version_precondition(data) as expected:
            serializer.instance = services.update_site(
                serializer.instance, by=self.request.user, version=expected, **data
            )

    @action(detail=True, methods=["post"], url_path="change-state", serializer_class=SiteStateSerializer)
    def change_state(self, request, pk=None):
        site = self.get_object()
        payload = SiteStateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        services.change_site_state(site, data.pop("state"), by=request.user, **data)
        site = self.get_queryset().get(pk=site.pk)
        return Response(SiteSerializer(site).data)
