"""Effectiveness in the API, for staff as on its pages (`effectiveness.view_scores`): the criteria sets of their
territories with their criteria, and the scores of a year — computed by the same `scoring` the page uses."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.drf import signed_in_with

from . import scoring
from .forms import ScoresFilterForm
from .models import CriteriaSet, Criterion

ViewScores = signed_in_with("effectiveness.view_scores")


class EffectivenessCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "position", "title", "formula", "target", "weight", "unit"]
        read_only_fields = fields


class CriteriaSetSerializer(serializers.ModelSerializer):
    municipality_name = serializers.CharField(source="municipality.name", read_only=True, default=None)
    criteria = EffectivenessCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaSet
        fields = ["id", "title", "municipality", "municipality_name", "first_year", "note", "created_at", "criteria"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Наборы критериев эффективности (сотрудникам своей территории)"),
    retrieve=extend_schema(summary="Набор критериев эффективности"),
)
class CriteriaSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CriteriaSetSerializer
    permission_classes = [ViewScores]
    filter_backends = []

    def get_queryset(self):
        return (
            scoring.sets_visible_to(self.request.user)
            .select_related("municipality")
            .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id")))
            .order_by("municipality__name", "-first_year", "id")
        )


class ScoreResultSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    value = serializers.FloatField(allow_null=True, help_text="Значение; null — нет данных")
    share = serializers.FloatField(help_text="Доля от целевого значения (не больше 1)")


class ScoreRowSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization")
    municipality = serializers.IntegerField(source="municipality_id")
    criteria_set = serializers.IntegerField(source="criteria_set.pk")
    results = ScoreResultSerializer(many=True)
    total = serializers.FloatField(help_text="Итог, % (взвешенная доля)")
    complete = serializers.BooleanField(help_text="Все показатели известны")


class EffectivenessScoresSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Первый календарный год учебного года")
    rows = ScoreRowSerializer(many=True)


class ScoresView(APIView):
    permission_classes = [ViewScores]

    @extend_schema(
        summary="Оценки эффективности за учебный год (сотрудникам своей территории)",
        parameters=[
            OpenApiParameter("year", int, description="Учебный год (первый календарный год); по умолчанию прошлый"),
            OpenApiParameter("municipality", int, description="Одна из своих территорий; по умолчанию все"),
        ],
        responses=EffectivenessScoresSerializer,
    )
    def get(self, request):
        municipalities = municipalities_managed_by(request.user)
        form = ScoresFilterForm(request.query_params, municipalities=municipalities)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        year, rows = scoring.scores_asked(municipalities, form.cleaned_data)
        rows.sort(key=lambda row: (row.criteria_set.pk, -row.total, row.organization))
        return Response(EffectivenessScoresSerializer({"year": year, "rows": rows}).data)
