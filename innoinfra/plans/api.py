"""REST resources of plans: plans with their sections and items, the items themselves, and the due dates with
their execution marks. Reads follow the same visibility as the pages; writes ask the same `rules` perms and call
the same services, so the API and the web can never disagree."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter, YearFilter, idempotent
from innoinfra.core.versioning import VersionedAPIMixin

from . import queries, services
from .enums import OccurrenceStatus, OwnerKind, PlanKind, PlanState
from .models import Occurrence, Plan, PlanItem
from .serializers import (
    OccurrenceSerializer,
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanImportSerializer,
    PlanItemSerializer,
    PlanSerializer,
    PlanStateSerializer,
    PlanUpdateSerializer,
    RecordExecutionSerializer,
)
from .word_import import read_plan_upload

NOT_YOUR_OWNER = "Вести план этого владельца вы не можете: выберите свою организацию или территорию."

# What the importer read around the table, returned by a dry run next to the sections (see ParsedPlan)
_DOCUMENT_METADATA = (
    "period_kind",
    "period_start",
    "period_end",
    "order_number",
    "order_date",
    "approved_by",
    "approval_text",
    "responsible_people",
)


def _require(user, perm: str, obj, message: str) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _owner_for(user, owner_kind: str, owner_id: int) -> services.Owner:
    """The owner named by kind and id, if the user may run plans of it (checked on an unsaved plan)."""
    # A methodical centre is an organization; owner_of tells the two apart by the organization's type.
    lookup_kind = OwnerKind.ORGANIZATION if owner_kind == OwnerKind.METHODICAL_CENTER else owner_kind
    owner = services.resolve_owner(f"{lookup_kind}:{owner_id}")
    _require(user, "plans.change_plan", Plan(**owner.as_fields()), NOT_YOUR_OWNER)
    return owner


# ---------------------------------------------------------------- filters


class PlanFilter(django_filters.FilterSet):
    """The plan list's filters; the filtering itself is the list page's own `queries.filter_plans`."""

    q = django_filters.CharFilter(label="Поиск по наименованию и цели")
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    state = django_filters.ChoiceFilter(choices=PlanState.choices)
    owner_kind = django_filters.ChoiceFilter(choices=OwnerKind.choices)
    municipality = IdFilter()
    organization = IdFilter()
    year = YearFilter(label="Год, который захватывает период плана")

    class Meta:
        model = Plan
        fields = []

    def filter_queryset(self, queryset):
        return queries.filter_plans(queryset, self.form.cleaned_data)


class PlanItemFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    section = IdFilter(field_name="section_id")

    class Meta:
        model = PlanItem
        fields = []


class OccurrenceFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    owner = IdFilter(method="filter_owner", label="Организация: владелец плана или ответственная за пункт")
    municipality = IdFilter(field_name="plan__municipality_id")
    status = django_filters.ChoiceFilter(choices=OccurrenceStatus.choices)
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label="Срок не раньше")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label="Срок не позже")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Не выполнено, а срок прошёл")

    class Meta:
        model = Occurrence
        fields = []

    def filter_owner(self, queryset, name, value):
        responsible_items = PlanItem.responsible_organizations.through.objects.filter(organization_id=value)
        return queryset.filter(Q(plan__organization_id=value) | Q(item_id__in=responsible_items.values("planitem_id")))

    def filter_overdue(self, queryset, name, value):
        overdue = Occurrence.objects.overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


# ---------------------------------------------------------------- plans


@extend_schema_view(
    list=extend_schema(summary="Планы, видимые пользователю"),
    retrieve=extend_schema(summary="План с разделами, пунктами и сроками", responses=PlanDetailSerializer),
    create=extend_schema(request=PlanCreateSerializer, responses={201: PlanDetailSerializer}),
    update=extend_schema(request=PlanUpdateSerializer, responses=PlanDetailSerializer),
    partial_update=extend_schema(request=PlanUpdateSerializer, responses=PlanDetailSerializer),
)
class PlanViewSet(VersionedAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    perms = {
        "create": "plans.add_plan",
        "update": "plans.change_plan",
        "partial_update": "plans.change_plan",
        "change_state": "plans.change_plan",
        "copy": "plans.change_plan",
        # Not an object action: the import checks plans.add_plan itself, then the owner.
        "import_plan": "plans.add_plan",
    }

    def get_queryset(self):
        return queries.plans_for_list(self.request.user).select_related("site__lead_organization")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            queries.attach_execution(page, timezone.localdate())
        return page

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def _detail(self, plan: Plan, status_code: int = status.HTTP_200_OK) -> Response:
        plan.sections_with_items = queries.sections_with_items(plan)
        return Response(PlanDetailSerializer(plan, context=self.get_serializer_context()).data, status=status_code)

    def _reloaded(self, plan: Plan, status_code: int = status.HTTP_200_OK) -> Response:
        return self._detail(self.get_queryset().get(pk=plan.pk), status_code)

    @idempotent
    def create(self, request, *args, **kwargs):
        payload = PlanCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        owner = _owner_for(request.user, data.pop("owner_kind"), data.pop("owner_id"))
        plan = services.create_plan_with_section(owner=owner, by=request.user, **data)
        return self._reloaded(plan, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        plan = self.get_object()
        payload = PlanUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        with self.version_precondition(data) as expected:
            services.update_plan(plan, by=request.user, version=expected, **data)
        return self._reloaded(plan)

    @extend_schema(
        summary="Утвердить план приказом, отправить в архив или вернуть в проект",
        request=PlanStateSerializer,
        responses=PlanDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="change-state")
    def change_state(self, request, pk=None):
        plan = self.get_object()
        payload = PlanStateSerializer(data=request.data, context={"plan": plan})
        payload.is_valid(raise_exception=True)
        target = payload.validated_data["state"]
        # As on the plan page: approving, and moving a plan that is no longer a draft, is the territory's staff's
        # decision; the owner's administrator may only archive a draft.
        if target == PlanState.APPROVED or plan.state != PlanState.DRAFT:
            _require(
                request.user,
                "plans.approve_plan",
                plan,
                "Утверждать план и менять состояние утверждённого плана могут сотрудники его муниципалитета.",
            )
        order = payload.validated_data.get("order")
        services.change_plan_state(plan, target, order=order, by=request.user)
        return self._reloaded(plan)

    @extend_schema(
        summary="Копия плана на следующий период (проект, без отметок о выполнении)",
        request=None,
        responses={201: PlanDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        copy = services.copy_plan(self.get_object(), by=request.user)
        return self._reloaded(copy, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Импорт плана из файла Word или Excel",
        description="С dry_run=true файл только разбирается: ответ показывает разделы и пункты, ничего не сохраняется.",
        request={"multipart/form-data": PlanImportSerializer},
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="dry_run: как разобран файл, и предупреждения"),
            201: PlanDetailSerializer,
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_plan(self, request):
        _require(request.user, "plans.add_plan", None, "Импортировать планы могут сотрудники и руководители школ.")
        payload = PlanImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        owner = None if data["dry_run"] else _owner_for(request.user, data["owner_kind"], data["owner_id"])
        upload = data["file"]
        parsed = read_plan_upload(upload)
        if data["dry_run"]:
            document = {name: getattr(parsed, name) for name in _DOCUMENT_METADATA}
            return Response({**parsed.as_contract(), **document, "warnings": list(parsed.warnings)})
        upload.seek(0)
        plan = services.create_plan_from_parsed(
            parsed,
            owner=owner,
            kind=data["kind"],
            user=request.user,
            title=data.get("title"),
            source_file=upload,
        )
        return self._reloaded(plan, status.HTTP_201_CREATED)


# ---------------------------------------------------------------- items


class PlanItemViewSet(
    VersionedAPIMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = PlanItemSerializer
    filterset_class = PlanItemFilter
    perms = {
        # Creating checks the section's plan in perform_create; this only keeps out who writes no plan at all.
        "create": "plans.add_plan",
        "update": "plans.change_plan",
        "partial_update": "plans.change_plan",
        "destroy": "plans.change_plan",
    }

    def get_queryset(self):
        return (
            PlanItem.objects.filter(plan__in=queries.plans_visible_to(self.request.user))
            .select_related("plan")
            .prefetch_related("occurrences", "responsible_organizations")
            .order_by("plan_id", "section__position", "position", "id")
        )

    def check_object_permissions(self, request, obj):
        # The plans' rules speak of plans: an item is written by whoever may change its plan.
        super().check_object_permissions(request, obj.plan)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new item starts at version 1
        section = data.pop("section")
        _require(self.request.user, "plans.change_plan", section.plan, "Пункты этого плана меняют те, кто его ведёт.")
        serializer.instance = services.add_item(section, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with self.version_precondition(data) as expected:
            serializer.instance = services.update_item(
                serializer.instance, by=self.request.user, version=expected, **data
            )

    def perform_destroy(self, instance):
        services.delete_item(instance)


# ---------------------------------------------------------------- execution


@extend_schema_view(list=extend_schema(summary="Сроки утверждённых планов, которые пользователь ведёт или исполняет"))
class OccurrenceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OccurrenceSerializer
    filterset_class = OccurrenceFilter
    perms = {"record": "plans.record_execution", "mark_done": "plans.record_execution"}

    def get_queryset(self):
        user = self.request.user
        if self.action in self.perms:
            # Marks are refused by the service for drafts and archives with a message, not hidden as «not found».
            occurrences = Occurrence.objects.filter(plan__in=queries.plans_visible_to(user)).prefetch_related(
                "item__responsible_users", "item__responsible_organizations"
            )
        else:
            occurrences = queries.occurrences_visible_to(user)
        return (
            occurrences.select_related("item__section", "plan__municipality", "plan__organization")
            .prefetch_related("evidence")
            .order_by("due_date", "id")
        )

    def _record(self, request, occurrence: Occurrence, **marks) -> Response:
        services.record_execution(occurrence, by=request.user, today=timezone.localdate(), **marks)
        return Response(OccurrenceSerializer(self.get_queryset().get(pk=occurrence.pk)).data)

    @extend_schema(
        summary="Отметить выполнение: состояние, дата, комментарий, ссылки и файлы подтверждения",
        request={"application/json": RecordExecutionSerializer, "multipart/form-data": RecordExecutionSerializer},
        responses=OccurrenceSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def record(self, request, pk=None):
        occurrence = self.get_object()
        payload = RecordExecutionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        return self._record(
            request,
            occurrence,
            status=data["status"],
            completed_on=data.get("completed_on"),
            comment=data.get("comment"),
            links=[(link["title"], link["url"]) for link in data["links"]],
            files=data["files"],
        )

    @extend_schema(summary="Отметить выполненным сегодня", request=None, responses=OccurrenceSerializer)
    @action(detail=True, methods=["post"], url_path="mark-done")
    def mark_done(self, request, pk=None):
        return self._record(request, self.get_object(), status=OccurrenceStatus.DONE)
