"""Approbations in the API: read by those who may read them (as the pages), written through the same services by
the site's curator, the staff of its territory and the head of its organization."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from innoinfra.core.drf import FormFilteredMixin, ReadOnly

from . import queries, services
from .forms import ApprobationFilterForm
from .models import Approbation
from .serializers import (
    ApprobationSerializer,
    ApprobationStageSerializer,
    ConclusionSerializer,
    MonitoringResultSerializer,
)


class ApprobationViewSet(FormFilteredMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnly):
    serializer_class = ApprobationSerializer
    permission_classes = [IsAuthenticated, *api_settings.DEFAULT_PERMISSION_CLASSES]
    queryset = Approbation.objects.none()  # for the schema; each request gets what its user may read below
    filter_form = ApprobationFilterForm
    filter_function = staticmethod(queries.filter_approbations)
    perms = {
        "create": "approbation.list_approbations",  # anyone who may keep some site's; the site is checked below
        "update": "approbation.change_approbation",
        "partial_update": "approbation.change_approbation",
        "start": "approbation.change_approbation",
        "add_stage": "approbation.change_approbation",
        "add_result": "approbation.change_approbation",
        "conclude": "approbation.change_approbation",
    }

    def get_queryset(self):
        return queries.visible_to(self.request.user).prefetch_related("stages", "results")

    def check_permissions(self, request):
        # the head of a school keeps its site's approbations without being staff: creation is judged by the site
        if getattr(self, "action", None) == "create":
            if not request.user.is_authenticated:
                self.permission_denied(request)
            return
        super().check_permissions(request)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        site = data.pop("site")
        if not self.request.user.has_perm("approbation.add_approbation", site):
            raise PermissionDenied(
                "Апробации площадки ведут её куратор, методисты территории и руководитель организации."
            )
        serializer.instance = services.create_approbation(site=site, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "site" in data and data.pop("site") != serializer.instance.site:
            raise PermissionDenied("Апробацию нельзя перенести на другую площадку.")
        serializer.instance = services.update_approbation(serializer.instance, by=self.request.user, **data)

    def _answer(self, approbation):
        fresh = self.get_queryset().get(pk=approbation.pk)
        return Response(ApprobationSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ApprobationSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        approbation = self.get_object()
        services.start(approbation, by=request.user)
        return self._answer(approbation)

    @extend_schema(request=ApprobationStageSerializer, responses=ApprobationSerializer)
    @action(detail=True, methods=["post"], url_path="stages")
    def add_stage(self, request, pk=None):
        approbation = self.get_object()
        payload = ApprobationStageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.add_stage(approbation, by=request.user, **payload.validated_data)
        return self._answer(approbation)

    @extend_schema(request=MonitoringResultSerializer, responses=ApprobationSerializer)
    @action(detail=True, methods=["post"], url_path="results")
    def add_result(self, request, pk=None):
        approbation = self.get_object()
        payload = MonitoringResultSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.add_result(approbation, by=request.user, **payload.validated_data)
        return self._answer(approbation)

    @extend_schema(request=ConclusionSerializer, responses=ApprobationSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        approbation = self.get_object()
        payload = ConclusionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.conclude(approbation, by=request.user, **payload.validated_data)
        return self._answer(approbation)
