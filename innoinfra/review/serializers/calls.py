"""A call as its public page shows it: its stages, documents, statuses and the rubric's criteria."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innoinfra.core.drf import DownloadLinkField

from .. import services
from ..models import Call, CallDocument, CallStage, Criterion


class StageSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CallStage
        fields = [
            "id",
            "kind",
            "kind_label",
            "starts_on",
            "ends_on",
            "allows_submission",
            "allows_scoring",
            "reveal_names",
            "experts_see_other_reviews",
            "allows_decisions",
        ]
        read_only_fields = fields


class CallDocumentSerializer(serializers.ModelSerializer):
    file = DownloadLinkField("review:document")

    class Meta:
        model = CallDocument
        fields = ["id", "title", "url", "file"]
        read_only_fields = fields


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CriterionSerializer(serializers.ModelSerializer):
    max_points = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "position",
            "title",
            "description",
            "min_level",
            "max_level",
            "levels",
            "weight",
            "max_points",
            "minimum",
            "comment_required_below",
        ]
        read_only_fields = fields


class CallSerializer(serializers.ModelSerializer):
    """A call as its public page shows it: purpose, territory, statuses, timetable, rules, documents."""

    purpose_label = serializers.CharField(source="get_purpose_display", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    rubric_name = serializers.CharField(source="rubric.name", read_only=True)
    aggregation_label = serializers.CharField(source="get_aggregation_display", read_only=True)
    site_kinds = serializers.SerializerMethodField()
    stages = StageSerializer(many=True, read_only=True)
    current_stage = serializers.SerializerMethodField(help_text="Код этапа, который идёт сегодня")
    accepting = serializers.SerializerMethodField(help_text="Сегодня идёт приём заявок")
    deadline = serializers.SerializerMethodField(help_text="Последний день приёма заявок")
    application_count = serializers.IntegerField(read_only=True, help_text="Поданные заявки (без черновиков)")
    documents = CallDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "purpose",
            "purpose_label",
            "municipality",
            "municipality_name",
            "description",
            "site_kinds",
            "stages",
            "current_stage",
            "accepting",
            "deadline",
            "is_blind",
            "rubric",
            "rubric_name",
            "pass_threshold",
            "aggregation",
            "aggregation_label",
            "experts_per_application",
            "status_years",
            "body",
            "is_published",
            "application_count",
            "documents",
        ]
        read_only_fields = fields

    @extend_schema_field(NamedSerializer(many=True))
    def get_site_kinds(self, call) -> list[dict]:
        return [{"id": kind.pk, "name": kind.name} for kind in call.site_kinds.all()]

    def get_current_stage(self, call) -> str | None:
        stage = call.stage_on(timezone.localdate())
        return stage.kind if stage else None

    def get_accepting(self, call) -> bool:
        return services.submission_open(call)

    def get_deadline(self, call) -> dt.date | None:
        return max((s.ends_on for s in call.stages.all() if s.allows_submission), default=None)


class CallDetailSerializer(CallSerializer):
    criteria = CriterionSerializer(many=True, read_only=True, source="rubric.criteria")

    class Meta(CallSerializer.Meta):
        fields = [*CallSerializer.Meta.fields, "criteria"]
        read_only_fields = fields
