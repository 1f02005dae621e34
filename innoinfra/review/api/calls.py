"""Calls: the public list and card of a call, and its ranking as data for the call's staff and the chair."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter

from .. import queries
from ..aggregation import q
from ..enums import CallPurpose
from ..models import Call
from ..ranking import Ranking
from ..serializers import CallDetailSerializer, CallSerializer, RankingSerializer
from ..visibility import Viewer, ranking_for, viewer_of


def ranking_data(result: Ranking, viewer: Viewer) -> dict:
    """The ranking page's figures, unformatted: what `build_ranking` computed, as the viewer may see it."""
    call = result.call
    rows = [
        {
            "rank": row.rank,
            "application": row.application.pk,
            "number": row.application.number,
            "names_hidden": viewer.hides_applicants,
            "scores_withheld": row.application.pk in result.withheld,
            "theme": viewer.theme(row.application),
            "organization_name": viewer.organization(row.application) or None,
            "state": row.application.state,
            "assigned": row.assigned,
            "submitted": row.submitted,
            "complete": row.complete,
            "score": row.score,
            "mean": row.mean,
            "median": row.median,
            "spread": row.spread,
            "share": row.share,
            "totals": sorted((used for _raw, used in row.totals.values()), reverse=True),
            "criterion_means": [
                {"criterion": c.pk, "mean": row.criterion_means.get(c.pk), "below_minimum": c in row.below_minimum}
                for c in result.criteria
            ],
            "passes": row.passes,
            "disputed": row.disputed,
        }
        for row in result.rows
    ]
    return {
        "call": call.pk,
        "normalised": result.normalised,
        "aggregation": call.aggregation,
        "maximum": result.maximum,
        "pass_threshold": call.pass_threshold,
        "threshold_points": q(result.maximum * call.pass_threshold),
        "disagreement_threshold": call.disagreement_threshold,
        "passing_count": sum(1 for row in result.rows if row.passes),
        "disputed_count": sum(1 for row in result.rows if row.disputed),
        "criteria": [
            {"id": c.pk, "title": c.title, "weight": c.weight, "max_points": c.max_points, "minimum": c.minimum}
            for c in result.criteria
        ],
        "rows": rows,
    }


class CallFilter(django_filters.FilterSet):
    purpose = django_filters.ChoiceFilter(choices=CallPurpose.choices)
    municipality = IdFilter(field_name="municipality_id")
    published = django_filters.BooleanFilter(field_name="is_published", label="Опубликован")
    open = django_filters.BooleanFilter(method="filter_open", label="Сегодня идёт приём заявок")

    class Meta:
        model = Call
        fields = []

    def filter_open(self, queryset, name, value):
        accepting = queries.open_calls(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=accepting) if value else queryset.exclude(pk__in=accepting)


@extend_schema_view(
    list=extend_schema(summary="Конкурсы: опубликованные — всем, проекты — сотрудникам их территории"),
    retrieve=extend_schema(
        summary="Конкурс с этапами, документами и критериями оценки", responses=CallDetailSerializer
    ),
)
class CallViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer
    lookup_value_regex = "[0-9]+"
    filterset_class = CallFilter

    def get_queryset(self):
        calls = queries.calls_for_list(self.request.user).prefetch_related("documents")
        if self.action != "list":
            calls = calls.prefetch_related("rubric__criteria")
        return calls.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return CallSerializer if self.action == "list" else CallDetailSerializer

    @extend_schema(
        summary="Рейтинг заявок конкурса (методистам конкурса и председателю совета)",
        parameters=[
            OpenApiParameter(
                "normalise",
                OpenApiTypes.STR,
                enum=["1", "0"],
                description="1 — нормировать оценки строгих и мягких экспертов, 0 — нет; без параметра — "
                "как задано в конкурсе",
            )
        ],
        responses=RankingSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def ranking(self, request, pk=None):
        # The ranking page's own lookup: the chair follows the ranking even before the call is published.
        call = queries.ranked_call(request.user, pk)
        ranking = ranking_for(request.user, call, request.query_params)
        return Response(RankingSerializer(ranking_data(ranking, viewer_of(request.user, call))).data)
