from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innoinfra.practices.models import Practice
from innoinfra.registry.models import Site

from .enums import Verdict
from .models import Approbation, ApprobationStage, MonitoringResult


class ApprobationStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApprobationStage
        fields = ["id", "title", "starts_on", "ends_on"]


class MonitoringResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonitoringResult
        fields = ["id", "date", "indicator", "value", "comment"]


class ApprobationSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.select_related("lead_organization"))
    practice = serializers.PrimaryKeyRelatedField(queryset=Practice.objects.all(), required=False, allow_null=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    verdict_label = serializers.CharField(source="get_verdict_display", read_only=True)
    programme_file = serializers.SerializerMethodField()
    stages = ApprobationStageSerializer(many=True, read_only=True)
    results = MonitoringResultSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Approbation
        fields = [
            "id",
            "site",
            "product_title",
            "product_authors",
            "product_kind",
            "practice",
            "aims",
            "indicators",
            "programme_file",
            "state",
            "state_label",
            "verdict",
            "verdict_label",
            "conclusion",
            "concluded_on",
            "stages",
            "results",
            "url",
        ]
        read_only_fields = ["state", "verdict", "conclusion", "concluded_on"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_programme_file(self, approbation) -> str | None:
        """The download view's address (it checks who asks), never the stored file's own; null without a file."""
        if not approbation.programme_file:
            return None
        url = reverse("approbation:programme_file", args=[approbation.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ConclusionSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    conclusion = serializers.CharField()
    date = serializers.DateField()
