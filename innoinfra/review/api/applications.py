"""Applications: those the user may read, and the applicant's and the methodist's actions on one."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter

from .. import services
from ..enums import ApplicationState
from ..models import Application
from ..serializers import ApplicationDetailSerializer, ApplicationSerializer, ReasonSerializer, RemarksSerializer
from .access import applications_visible_to


class ApplicationFilter(django_filters.FilterSet):
    # No filter by organization or theme: on a blind call it would tell the expert whose application it is.
    call = IdFilter(field_name="call_id")
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices)

    class Meta:
        model = Application
        fields = []


@extend_schema_view(
    list=extend_schema(summary="Заявки, видимые пользователю"),
    retrieve=extend_schema(summary="Заявка: паспорт, файлы, история", responses=ApplicationDetailSerializer),
)
class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    perms = {
        "submit": "review.withdraw_application",
        "withdraw": "review.withdraw_application",
        "return_for_revision": "review.manage_application",
    }

    def get_queryset(self):
        applications = applications_visible_to(self.request.user, listing=self.action == "list")
        return (
            applications.select_related("call__municipality", "lead_organization", "site_kind")
            .prefetch_related("call__stages", "partners", "files")
            .order_by("call_id", "number", "id")
        )

    def get_serializer_class(self):
        return ApplicationSerializer if self.action == "list" else ApplicationDetailSerializer

    def _detail(self, application: Application) -> Response:
        application = self.get_queryset().get(pk=application.pk)
        return Response(ApplicationDetailSerializer(application, context=self.get_serializer_context()).data)

    @extend_schema(summary="Подать заявку (заявитель)", request=None, responses=ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = self.get_object()
        services.submit(application, by=request.user)
        return self._detail(application)

    @extend_schema(
        summary="Вернуть заявку на доработку с замечаниями (методист)",
        request=RemarksSerializer,
        responses=ApplicationDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_revision(self, request, pk=None):
        application = self.get_object()
        payload = RemarksSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.return_for_revision(application, by=request.user, remarks=payload.validated_data["remarks"])
        return self._detail(application)

    @extend_schema(
        summary="Отозвать заявку (заявитель)", request=ReasonSerializer, responses=ApplicationDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.withdraw(application, by=request.user, reason=payload.validated_data["reason"].strip())
        return self._detail(application)
