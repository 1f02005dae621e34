"""Courses in the API: the programme's modules (read with the course, written by its organizers) and the register
of удостоверения о повышении квалификации (read by the courses' organizers and by each holder; issued by the
organizers through the same service as the page)."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from ..courses import queries as course_queries
from ..courses import services as courses
from ..courses.models import CourseModule, TrainingCertificate
from ..models import Event
from .visibility import events_visible_to

NOT_FOUND = "Курс не найден."


class CourseModuleSerializer(serializers.ModelSerializer):
    event = serializers.PrimaryKeyRelatedField(queryset=Event.objects.all(), help_text="Курс (мероприятие)")
    number = serializers.IntegerField(required=False, min_value=1, max_value=999, help_text="Пусто — следующий")
    total_hours = serializers.IntegerField(read_only=True)

    class Meta:
        model = CourseModule
        fields = [
            "id",
            "event",
            "number",
            "title",
            "lecture_hours",
            "practice_hours",
            "self_study_hours",
            "total_hours",
            "starts_on",
            "ends_on",
        ]
        # the service checks that a number is not repeated and gives the next one when none is sent; the unique
        # constraint's validator would demand `number` in every request
        validators = []


class ModuleAccess(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or request.user.has_perm("events.change_event", obj.event)


@extend_schema_view(
    list=extend_schema(summary="Модули программ курсов (фильтр ?event=)"),
    retrieve=extend_schema(summary="Модуль программы курса"),
    create=extend_schema(summary="Добавить модуль в программу курса (организатор)"),
    update=extend_schema(summary="Изменить модуль (организатор)"),
    partial_update=extend_schema(summary="Изменить модуль частично (организатор)"),
    destroy=extend_schema(summary="Удалить модуль (организатор)"),
)
class CourseModuleViewSet(viewsets.ModelViewSet):
    serializer_class = CourseModuleSerializer
    permission_classes = [ModuleAccess]
    filterset_fields = ["event"]

    def get_queryset(self):
        visible = events_visible_to(self.request.user).values("pk")
        return CourseModule.objects.filter(event__in=visible).order_by("event_id", "number", "id")

    def _course(self, event: Event) -> Event:
        if not self.request.user.has_perm("events.view_event", event):
            raise serializers.ValidationError({"event": [NOT_FOUND]})
        if not self.request.user.has_perm("events.change_event", event):
            raise PermissionDenied("Программу курса меняют его организаторы.")
        return event

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        event = self._course(data.pop("event"))
        serializer.instance = courses.add_module(event, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if data.pop("event", serializer.instance.event) != serializer.instance.event:
            raise serializers.ValidationError({"event": ["Модуль не переносится в другой курс."]})
        serializer.instance = courses.update_module(serializer.instance, by=self.request.user, **data)

    def perform_destroy(self, instance):
        courses.delete_module(instance, by=self.request.user)


class TrainingCertificateSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField(help_text="PDF удостоверения")

    class Meta:
        model = TrainingCertificate
        fields = [
            "id",
            "number",
            "year",
            "sequence",
            "event",
            "registration",
            "full_name",
            "organization_name",
            "position",
            "programme_title",
            "hours",
            "issued_on",
            "pdf_url",
        ]

    def get_pdf_url(self, certificate: TrainingCertificate) -> str:
        return self.context["request"].build_absolute_uri(certificate.get_absolute_url())


class IssueSerializer(serializers.Serializer):
    event = serializers.IntegerField(help_text="Курс, прошедшим аттестацию участникам которого выдаются удостоверения")
    issued_on = serializers.DateField(required=False, help_text="Дата выдачи; по умолчанию сегодня")


@extend_schema_view(
    list=extend_schema(summary="Реестр удостоверений о ПК: организаторам — их курсов, участнику — свои"),
    retrieve=extend_schema(summary="Удостоверение о повышении квалификации"),
)
class TrainingCertificateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TrainingCertificateSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["event", "year"]

    def get_queryset(self):
        user = self.request.user
        run = course_queries.register_for(user).values("pk")
        own = course_queries.mine(user).values("pk")
        return TrainingCertificate.objects.filter(Q(pk__in=run) | Q(pk__in=own)).order_by("-year", "-sequence")

    @extend_schema(
        summary="Выдать удостоверения аттестованным участникам курса (организатор)",
        request=IssueSerializer,
        responses={201: TrainingCertificateSerializer(many=True)},
    )
    @action(detail=False, methods=["post"])
    def issue(self, request):
        payload = IssueSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        event = Event.objects.filter(pk=payload.validated_data["event"]).first()
        if event is None or not request.user.has_perm("events.view_event", event):
            raise serializers.ValidationError({"event": [NOT_FOUND]})
        if not request.user.has_perm("events.change_event", event):
            raise PermissionDenied("Удостоверения выдают организаторы курса.")
        issued = courses.issue_training_certificates(
            event, issued_on=payload.validated_data.get("issued_on"), by=request.user
        )
        data = self.get_serializer(issued, many=True).data
        return Response(data, status=status.HTTP_201_CREATED)
