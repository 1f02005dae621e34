"""Reviews: the expert starts, saves and submits their review; staff read those of their territory."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter, idempotent

from .. import services
from ..enums import ReviewState
from ..models import Assignment, Review, Score
from ..serializers import ReviewCreateSerializer, ReviewDetailSerializer, ReviewInputSerializer, ReviewSerializer
from ..visibility import reviews_visible_to
from .access import assignments_visible_to


class ReviewFilter(django_filters.FilterSet):
    call = IdFilter(field_name="assignment__application__call_id")
    application = IdFilter(field_name="assignment__application_id")
    state = django_filters.ChoiceFilter(choices=ReviewState.choices)

    class Meta:
        model = Review
        fields = []


def _review_fields(review: Review | None, data: dict) -> dict:
    """The review as it is, with what the request changes: scores merged by criterion (null removes a score),
    a score without a comment keeps its comment, absent fields keep their values."""
    scores = {s.criterion_id: (s.value, s.comment) for s in review.scores.all()} if review else {}
    for entry in data.get("scores", ()):
        criterion = entry["criterion"]
        comment = entry["comment"] if "comment" in entry else scores.get(criterion, (None, ""))[1]
        scores[criterion] = (entry["value"], comment)
    return {
        "scores": scores,
        "conclusion": data.get("conclusion", review.conclusion if review else ""),
        "recommendation": data.get("recommendation", review.recommendation if review else ""),
    }


@extend_schema_view(
    list=extend_schema(summary="Экспертные оценки: свои — эксперту, все по территории — сотрудникам"),
    retrieve=extend_schema(summary="Экспертная оценка", responses=ReviewDetailSerializer),
    partial_update=extend_schema(
        summary="Сохранить черновик оценки (эксперт)", request=ReviewInputSerializer, responses=ReviewDetailSerializer
    ),
    create=extend_schema(
        summary="Начать оценку по назначению (эксперт)",
        request=ReviewCreateSerializer,
        responses={200: ReviewDetailSerializer, 201: ReviewDetailSerializer},
    ),
)
class ReviewViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    perms = {
        # Not an object action: the assignment named in the request is checked in create().
        "create": "review.view_expert_desk",
        "partial_update": "review.review_assignment",
        "submit": "review.review_assignment",
    }

    def perm_object(self, review: Review) -> Assignment:
        return review.assignment

    def get_queryset(self):
        return (
            reviews_visible_to(self.request.user)
            .select_related("assignment__expert", "assignment__application__call__rubric")
            .prefetch_related(
                Prefetch("scores", queryset=Score.objects.select_related("criterion").order_by("criterion__position")),
                "assignment__application__call__stages",
                "assignment__application__call__rubric__criteria",
            )
            .order_by("-updated_at", "-id")
        )

    def get_serializer_class(self):
        return ReviewSerializer if self.action == "list" else ReviewDetailSerializer

    def _detail(self, review: Review, status_code: int = status.HTTP_200_OK) -> Response:
        review = self.get_queryset().get(pk=review.pk)
        return Response(ReviewDetailSerializer(review, context=self.get_serializer_context()).data, status=status_code)

    def _save(self, assignment: Assignment, review: Review | None, data: dict, *, submit: bool) -> Review:
        fields = _review_fields(review, data)
        return services.save_review(assignment, by=self.request.user, submit=submit, **fields)

    @idempotent
    def create(self, request, *args, **kwargs):
        payload = ReviewCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        assignment = assignments_visible_to(request.user).filter(pk=data["assignment"], expert=request.user).first()
        if assignment is None:
            raise serializers.ValidationError({"assignment": ["Назначение не найдено среди ваших."]})
        existing = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
        review = self._save(assignment, existing, data, submit=False)
        return self._detail(review, status.HTTP_200_OK if existing else status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        review = self.get_object()
        payload = ReviewInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self._detail(self._save(review.assignment, review, payload.validated_data, submit=False))

    @extend_schema(
        summary="Отправить оценку (эксперт); в теле можно передать последние изменения",
        request=ReviewInputSerializer,
        responses=ReviewDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        review = self.get_object()
        payload = ReviewInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self._detail(self._save(review.assignment, review, payload.validated_data, submit=True))
