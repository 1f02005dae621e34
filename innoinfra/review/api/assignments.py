"""Expert assignments: the expert's own, the territory's for staff; the expert accepts or declines one."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter

from .. import services
from ..enums import AssignmentState
from ..models import Assignment, ConflictDeclaration
from ..serializers import AssignmentSerializer, ConflictDeclarationSerializer, ReasonSerializer
from .access import assignments_visible_to, declarations_visible_to


class AssignmentFilter(django_filters.FilterSet):
    call = IdFilter(field_name="application__call_id")
    application = IdFilter(field_name="application_id")
    expert = IdFilter(field_name="expert_id")
    state = django_filters.ChoiceFilter(choices=AssignmentState.choices)

    class Meta:
        model = Assignment
        fields = []


@extend_schema_view(
    list=extend_schema(summary="Назначения экспертов: свои — эксперту, все по территории — сотрудникам"),
    retrieve=extend_schema(summary="Назначение эксперта"),
)
class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    perms = {
        "accept": "review.review_assignment",
        "decline": "review.review_assignment",
        "recuse": "review.review_assignment",
    }

    def get_queryset(self):
        return (
            assignments_visible_to(self.request.user)
            .select_related("application__call", "application__lead_organization", "expert", "review")
            .prefetch_related("application__call__stages", "application__files")
            .order_by("-assigned_at", "-id")
        )

    def _refused_with_reason(self, request, step) -> Response:
        """The expert's answer that needs a reason: a decline or a recusal."""
        assignment = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        step(assignment, by=request.user, reason=payload.validated_data["reason"])
        return self._reloaded(assignment)

    def _reloaded(self, assignment: Assignment) -> Response:
        assignment = self.get_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(assignment, context=self.get_serializer_context()).data)

    @extend_schema(summary="Принять назначение (эксперт)", request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        assignment = self.get_object()
        services.accept(assignment, by=request.user)
        return self._reloaded(assignment)

    @extend_schema(
        summary="Отказаться от назначения с указанием причины (эксперт)",
        request=ReasonSerializer,
        responses=AssignmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._refused_with_reason(request, services.decline)

    @extend_schema(
        summary="Самоотвод из-за конфликта интересов с указанием причины (эксперт)",
        request=ReasonSerializer,
        responses=AssignmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        return self._refused_with_reason(request, services.recuse)


class ConflictDeclarationFilter(django_filters.FilterSet):
    expert = IdFilter(field_name="expert_id")
    organization = IdFilter(field_name="organization_id")

    class Meta:
        model = ConflictDeclaration
        fields = []


@extend_schema_view(
    list=extend_schema(summary="Заявленные конфликты интересов: свои — эксперту, экспертов конкурсов — сотрудникам"),
    retrieve=extend_schema(summary="Заявленный конфликт интересов"),
    create=extend_schema(
        summary="Заявить конфликт интересов с организацией (эксперт)",
        description="Открытые назначения на заявки этой организации становятся самоотводами; повторное заявление "
        "той же организации обновляет причину.",
    ),
)
class ConflictDeclarationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ConflictDeclarationSerializer
    filterset_class = ConflictDeclarationFilter
    perms = {"create": "review.open_expert_desk"}

    def get_queryset(self):
        return (
            declarations_visible_to(self.request.user)
            .select_related("expert", "organization")
            .order_by("-created_at", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.declare_conflict(self.request.user, data["organization"], reason=data["reason"])
