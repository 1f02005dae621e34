"""Applications: those the user may read, and the applicant's and the methodist's actions on one."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter

from .. import services
from ..enums import ApplicationState
from ..models import Application
from ..serializers import (
    ApplicationDetailSerializer,
    ApplicationSerializer,
    AssignExpertsSerializer,
    AssignmentSerializer,
    BlindCopySerializer,
    ReasonSerializer,
    RecommendationSerializer,
    RefusalSerializer,
    RemarksSerializer,
)
from .access import applications_visible_to


class StateConflict(exceptions.APIException):
    """The application's state does not allow the step (services.IllegalTransition)."""

    status_code = 409
    default_code = "state_conflict"


STATE_CONFLICT = OpenApiResponse(RefusalSerializer, description="Состояние заявки не допускает этого шага")


def _staff_step(summary: str, request=None, responses=ApplicationDetailSerializer):
    """The description of a methodist's step: its answer, and 409 when the application's state forbids it."""
    return extend_schema(summary=summary, request=request, responses={200: responses, 409: STATE_CONFLICT})


def _stepped(step):
    """Run a service step; a step the state forbids is a conflict with the record, not a bad request."""
    try:
        return step()
    except services.IllegalTransition as refusal:
        raise StateConflict(" ".join(refusal.messages)) from None


def _payload(serializer_class, request):
    payload = serializer_class(data=request.data)
    payload.is_valid(raise_exception=True)
    return payload.validated_data


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
        "start_check": "review.manage_application",
        "send_to_review": "review.manage_application",
        "reject": "review.manage_application",
        "recommend": "review.manage_application",
        "assign": "review.manage_application",
        "blind_copy": "review.manage_application",
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

    @_staff_step("Вернуть заявку на доработку с замечаниями (методист)", RemarksSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_revision(self, request, pk=None):
        application = self.get_object()
        remarks = _payload(RemarksSerializer, request)["remarks"]
        _stepped(lambda: services.return_for_revision(application, by=request.user, remarks=remarks))
        return self._detail(application)

    @_staff_step("Начать проверку комплектности поданной заявки (методист)")
    @action(detail=True, methods=["post"], url_path="check")
    def start_check(self, request, pk=None):
        application = self.get_object()
        _stepped(lambda: services.start_check(application, by=request.user))
        return self._detail(application)

    @_staff_step("Принять заявку по итогам проверки и передать на экспертизу (методист)")
    @action(detail=True, methods=["post"], url_path="send-to-review")
    def send_to_review(self, request, pk=None):
        application = self.get_object()
        _stepped(lambda: services.send_to_review(application, by=request.user))
        return self._detail(application)

    @_staff_step("Отклонить заявку с комментарием (методист)", RemarksSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        application = self.get_object()
        comment = _payload(RemarksSerializer, request)["remarks"].strip()
        _stepped(lambda: services.reject(application, by=request.user, comment=comment))
        return self._detail(application)

    @_staff_step(
        "Записать решение совета: рекомендовать или нет (методист, на этапе заседания)", RecommendationSerializer
    )
    @action(detail=True, methods=["post"])
    def recommend(self, request, pk=None):
        application = self.get_object()
        data = _payload(RecommendationSerializer, request)
        _stepped(
            lambda: services.recommend(
                application, recommended=data["recommended"], by=request.user, comment=data["remarks"].strip()
            )
        )
        return self._detail(application)

    @extend_schema(
        summary="Назначить экспертов из экспертной группы конкурса (методист)",
        description="Все или никто: если хотя бы один эксперт не подходит (не в группе, конфликт интересов, уже "
        "назначен), не назначается никто — 400 с причиной.",
        request=AssignExpertsSerializer,
        responses={201: AssignmentSerializer(many=True)},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        application = self.get_object()
        wanted = list(dict.fromkeys(_payload(AssignExpertsSerializer, request)["experts"]))
        panel = {expert.pk: expert for expert in application.call.panel.filter(pk__in=wanted)}
        missing = [pk for pk in wanted if pk not in panel]
        if missing:
            listed = ", ".join(map(str, missing))
            message = (
                f"Пользователь с id {listed} не входит в экспертную группу конкурса."
                if len(missing) == 1
                else f"Пользователи с id {listed} не входят в экспертную группу конкурса."
            )
            raise serializers.ValidationError({"experts": [message]})
        made = services.assign_many(application, [panel[pk] for pk in wanted], by=request.user)
        assignments = (
            application.assignments.filter(pk__in=[a.pk for a in made])
            .select_related("application__call", "application__lead_organization", "expert", "review")
            .prefetch_related("application__call__stages", "application__files")
            .order_by("assigned_at", "id")
        )
        body = AssignmentSerializer(assignments, many=True, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Сохранить обезличенную копию заявки для экспертов слепого конкурса (методист)",
        request=BlindCopySerializer,
        responses=ApplicationDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="blind-copy")
    def blind_copy(self, request, pk=None):
        application = self.get_object()
        data = _payload(BlindCopySerializer, request)
        files = list(application.files.filter(pk__in=data["depersonalised_files"]))
        if len(files) != len(set(data["depersonalised_files"])):
            raise serializers.ValidationError({"depersonalised_files": "Среди файлов есть не файлы этой заявки."})
        services.save_blind_copy(
            application,
            theme=data["blind_theme"],
            passport={code: text.strip() for code, text in data["passport"].items()},
            depersonalised_files=files,
            by=request.user,
        )
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
