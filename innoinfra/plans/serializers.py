"""Shapes of plans in the API. Reads come from the querysets of `api.py` (everything a row shows is joined or
prefetched there); writes are validated here and carried out by `services`."""

from __future__ import annotations

import json

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innoinfra.accounts.models import User
from innoinfra.core.drf import DownloadLinkField
from innoinfra.core.uploads import EVIDENCE, PLAN_IMPORT, UploadSerializerField
from innoinfra.core.versioning import VersionField
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Order

from . import queries
from .enums import OPEN_STATUSES, Column, OccurrenceStatus, OwnerKind, PeriodKind, PlanKind, PlanState
from .models import Evidence, Occurrence, Plan, PlanItem, PlanSection

# ---------------------------------------------------------------- plans


class ExecutionSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    due = serializers.IntegerField(help_text="Сроки, которые уже наступили (без отменённых)")
    done = serializers.IntegerField()
    overdue = serializers.IntegerField()
    percent = serializers.IntegerField(allow_null=True)


class PlanSerializer(serializers.ModelSerializer):
    """A plan as a row of the list: who owns it, its period and state, its execution figures."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    owner_label = serializers.SerializerMethodField()
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True, default=None)
    period_label = serializers.CharField(read_only=True)
    execution = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "purpose",
            "owner_kind",
            "owner_label",
            "municipality",
            "municipality_name",
            "organization",
            "organization_name",
            "site",
            "body",
            "period_kind",
            "period_start",
            "period_end",
            "period_label",
            "columns",
            "state",
            "state_label",
            "order",
            "copied_from",
            "execution",
            "version",
        ]
        read_only_fields = fields

    def get_owner_label(self, plan) -> str:
        return str(plan.owner)

    @extend_schema_field(ExecutionSerializer)
    def get_execution(self, plan) -> dict:
        execution = getattr(plan, "execution", None) or queries.plan_execution(plan, timezone.localdate())
        return ExecutionSerializer(execution).data


class OccurrenceDateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occurrence
        fields = ["id", "start_date", "due_date", "status", "completed_on", "in_schedule"]
        read_only_fields = fields


class VisibleSectionField(serializers.PrimaryKeyRelatedField):
    """Sections of the plans the requesting user can see; an unseen plan's section is simply not found."""

    def get_queryset(self):
        user = self.context["request"].user
        return PlanSection.objects.filter(plan__in=queries.plans_visible_to(user)).select_related("plan")


class PlanItemSerializer(serializers.ModelSerializer):
    section = VisibleSectionField()
    occurrences = OccurrenceDateSerializer(many=True, read_only=True)
    timing_kind_label = serializers.CharField(source="get_timing_kind_display", read_only=True)
    # Ids from the directory; the service accepts only those of the plan's municipality (400 otherwise).
    responsible_organizations = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Organization.objects.all(),
        help_text="Ответственные организации из справочника (действующие организации муниципалитета плана)",
    )
    responsible_users = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=User.objects.filter(is_active=True),
        help_text="Ответственные сотрудники из справочника пользователей (работники муниципалитета плана)",
    )
    responsible_label = serializers.CharField(
        read_only=True, help_text="«Ответственный», как его показывает страница: текст и выбранные из справочника"
    )
    version = VersionField()

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "version",
            "plan",
            "section",
            "position",
            "number",
            "activity",
            "responsible",
            "timing",
            "audience",
            "expected_result",
            "notes",
            "timing_kind",
            "timing_kind_label",
            "dates_overridden",
            "responsible_organizations",
            "responsible_users",
            "responsible_label",
            "occurrences",
        ]
        read_only_fields = [
            "plan",
            "position",
            "timing_kind",
            "dates_overridden",
        ]
        extra_kwargs = {"activity": {"required": True, "allow_blank": False}}


class SectionSerializer(serializers.ModelSerializer):
    items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = PlanSection
        fields = ["id", "position", "title", "kind", "items"]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    """The plan as a document: its sections, their items, each item's due dates."""

    sections = SectionSerializer(many=True, read_only=True, source="sections_with_items")

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "preamble", "sections"]
        read_only_fields = fields


class PlanUpdateSerializer(serializers.Serializer):
    """What of a draft plan may be changed; the owner stays, the state changes by its own action."""

    title = serializers.CharField(max_length=1000, required=False)
    purpose = serializers.CharField(required=False, allow_blank=True)
    preamble = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=PlanKind.choices, required=False)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    columns = serializers.ListField(child=serializers.ChoiceField(choices=Column.choices), required=False)
    version = VersionField()


class OwnerSerializer(serializers.Serializer):
    owner_kind = serializers.ChoiceField(
        choices=OwnerKind.choices,
        help_text="Методический центр задаётся как организация: вид владельца определяется по типу организации.",
    )
    owner_id = serializers.IntegerField(
        min_value=1, help_text="Код муниципалитета, организации, площадки или коллегиального органа"
    )


class PlanCreateSerializer(OwnerSerializer, PlanUpdateSerializer):
    title = serializers.CharField(max_length=1000)
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.EVENT_PLAN)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, default=PeriodKind.ACADEMIC_YEAR)
    period_start = serializers.DateField()
    period_end = serializers.DateField()


@extend_schema_field(OpenApiTypes.INT)
class OrderOfPlanField(serializers.PrimaryKeyRelatedField):
    """Orders of the plan's municipality: a plan is approved by its own territory's act."""

    def get_queryset(self):
        plan = self.context.get("plan")
        return queries.orders_for_approval(plan) if plan is not None else Order.objects.none()


class PlanStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=PlanState.choices)
    order = OrderOfPlanField(required=False, allow_null=True, help_text="Приказ об утверждении (для утверждения)")


class PlanImportSerializer(serializers.Serializer):
    file = UploadSerializerField(purpose=PLAN_IMPORT, help_text="Файл плана: .docx, .xlsx, .doc, .odt или .ods")
    dry_run = serializers.BooleanField(
        default=False, help_text="Только показать, как разобран файл, ничего не сохраняя"
    )
    owner_kind = serializers.ChoiceField(choices=OwnerKind.choices, required=False)
    owner_id = serializers.IntegerField(min_value=1, required=False)
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.EVENT_PLAN)
    title = serializers.CharField(max_length=1000, required=False, help_text="Иное наименование, чем в файле")
    # The particulars as corrected after a dry run; without them, what the importer read from the document.
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    approved_by = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="Кем утверждён")
    order_number = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Номер приказа об утверждении"
    )
    order_date = serializers.DateField(required=False, allow_null=True, help_text="Дата приказа об утверждении")
    responsible_people = serializers.CharField(
        required=False, allow_blank=True, help_text="Ответственные за план, по одному в строке"
    )
    due_dates = serializers.JSONField(
        binary=True,
        required=False,
        help_text='Сроки пунктов, чьи сроки не распознаны: [{"section": 0, "item": 1, "date": "2024-11-15"}]; '
        "section и item — номера из unknown_timings ответа dry_run",
    )

    def validate_due_dates(self, value):
        if not isinstance(value, list):
            raise serializers.ValidationError("Ожидается список объектов {section, item, date}.")
        dates = {}
        for entry in value:
            try:
                key = (int(entry["section"]), int(entry["item"]))
                dates[key] = serializers.DateField().to_internal_value(entry["date"])
            except (KeyError, TypeError, ValueError, serializers.ValidationError) as error:
                raise serializers.ValidationError(
                    "Каждый срок — объект {section, item, date} с датой в виде ГГГГ-ММ-ДД."
                ) from error
        return dates

    def validate(self, data):
        if not data["dry_run"] and not (data.get("owner_kind") and data.get("owner_id")):
            raise serializers.ValidationError({"owner_id": "Укажите, чей это план: owner_kind и owner_id."})
        period = [data.get(name) for name in ("period_kind", "period_start", "period_end")]
        if any(period) and not all(period):
            raise serializers.ValidationError(
                {"period_kind": "Период задаётся целиком: period_kind, period_start и period_end."}
            )
        if all(period) and data["period_end"] < data["period_start"]:
            raise serializers.ValidationError({"period_end": "Окончание периода раньше начала."})
        return data


# ---------------------------------------------------------------- execution


class EvidenceSerializer(serializers.ModelSerializer):
    file = DownloadLinkField("plans:evidence_file")

    class Meta:
        model = Evidence
        fields = ["id", "title", "url", "file", "created_at"]
        read_only_fields = fields


class OccurrenceSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    municipality = serializers.IntegerField(source="plan.municipality_id", read_only=True)
    municipality_name = serializers.CharField(source="plan.municipality.name", read_only=True)
    organization = serializers.IntegerField(source="plan.organization_id", read_only=True, allow_null=True)
    organization_name = serializers.CharField(source="plan.organization.short_name", read_only=True, default=None)
    section_title = serializers.CharField(source="item.section.title", read_only=True)
    number = serializers.CharField(source="item.number", read_only=True)
    activity = serializers.CharField(source="item.activity", read_only=True)
    responsible = serializers.CharField(source="item.responsible", read_only=True)
    overdue = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Occurrence
        fields = [
            "id",
            "plan",
            "plan_title",
            "municipality",
            "municipality_name",
            "organization",
            "organization_name",
            "item",
            "section_title",
            "number",
            "activity",
            "responsible",
            "start_date",
            "due_date",
            "status",
            "status_label",
            "completed_on",
            "comment",
            "in_schedule",
            "overdue",
            "evidence",
        ]
        read_only_fields = fields

    def get_overdue(self, occurrence) -> bool:
        return occurrence.status in OPEN_STATUSES and occurrence.due_date < timezone.localdate()


class LinkSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=1000)


class LinksField(serializers.ListField):
    """Links as a JSON list; a multipart form sends the same list as a JSON string (one or several)."""

    child = LinkSerializer()

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        links = []
        for entry in data:
            if isinstance(entry, str):
                try:
                    entry = json.loads(entry)
                except ValueError as error:
                    raise serializers.ValidationError(
                        'Ссылки передаются списком в JSON: [{"title": "…", "url": "https://…"}].'
                    ) from error
            links.extend(entry if isinstance(entry, list) else [entry])
        return super().to_internal_value(links)


class RecordExecutionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OccurrenceStatus.choices)
    completed_on = serializers.DateField(
        required=False, allow_null=True, help_text="Для выполненного; по умолчанию — сегодня"
    )
    comment = serializers.CharField(required=False, allow_blank=True, help_text="Без поля — комментарий не меняется")
    links = LinksField(required=False, default=list)
    files = serializers.ListField(child=UploadSerializerField(purpose=EVIDENCE), required=False, default=list)
