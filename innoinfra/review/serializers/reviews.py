"""Reviews: the expert's own review with the criteria to score against, colleagues' reviews and the applicant's
view of them (anonymised, as the pages show them), and what the expert sends to change a review."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import services
from ..aggregation import q
from ..enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, Recommendation, ReviewState
from ..models import Review, Score
from ..visibility import colleagues_reviews
from ._common import request_user
from .calls import CriterionSerializer

AS = ApplicationState


class ScoreSerializer(serializers.ModelSerializer):
    criterion_title = serializers.CharField(source="criterion.title", read_only=True)

    class Meta:
        model = Score
        fields = ["criterion", "criterion_title", "value", "comment"]
        read_only_fields = fields


class AnonymousReviewSerializer(serializers.Serializer):
    """A colleague's review, or a review as the applicant sees it: «Эксперт 1», no name."""

    label = serializers.CharField()
    total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, source="review.total")
    recommendation = serializers.CharField(source="review.recommendation")
    recommendation_label = serializers.CharField(source="review.get_recommendation_display")
    conclusion = serializers.CharField(source="review.conclusion")


class ApplicantReviewSerializer(AnonymousReviewSerializer):
    scores = ScoreSerializer(many=True, source="review.scores.all")


def may_score(user, review: Review) -> bool:
    """The expert's page shows the scoring form exactly then."""
    assignment = review.assignment
    application = assignment.application
    return (
        assignment.expert_id == user.pk
        and assignment.state in ACTIVE_ASSIGNMENT_STATES
        and application.state == AS.UNDER_REVIEW
        and services.scoring_open(application.call)
        and review.state != ReviewState.SUBMITTED
    )


class ReviewSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="assignment.application_id", read_only=True)
    application_number = serializers.IntegerField(source="assignment.application.number", read_only=True)
    call = serializers.IntegerField(source="assignment.application.call_id", read_only=True)
    call_title = serializers.CharField(source="assignment.application.call.title", read_only=True)
    expert = serializers.IntegerField(source="assignment.expert_id", read_only=True)
    expert_name = serializers.CharField(source="assignment.expert", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    recommendation_label = serializers.CharField(source="get_recommendation_display", read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)
    max_total = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField(help_text="Оценка отправлена (или не отправлена) после срока")
    may_edit = serializers.SerializerMethodField(help_text="Эксперт может сейчас изменить и отправить оценку")

    class Meta:
        model = Review
        fields = [
            "id",
            "assignment",
            "application",
            "application_number",
            "call",
            "call_title",
            "expert",
            "expert_name",
            "state",
            "state_label",
            "scores",
            "total",
            "max_total",
            "conclusion",
            "recommendation",
            "recommendation_label",
            "submitted_at",
            "updated_at",
            "late",
            "may_edit",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=2))
    def get_max_total(self, review) -> str:
        criteria = review.assignment.application.call.rubric.criteria.all()
        return str(q(sum((c.max_points for c in criteria), Decimal(0))))

    def get_late(self, review) -> bool:
        return review.state == ReviewState.SUBMITTED and services.is_late(review, review.assignment.application.call)

    def get_may_edit(self, review) -> bool:
        return may_score(request_user(self), review)


class ReviewDetailSerializer(ReviewSerializer):
    """The expert's own review with the criteria to score against, and — only after the expert submitted it and
    while the stage allows — colleagues' submitted reviews, anonymised, exactly as the expert's page shows them."""

    criteria = CriterionSerializer(many=True, read_only=True, source="assignment.application.call.rubric.criteria")
    others = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "criteria", "others"]
        read_only_fields = fields

    @extend_schema_field(AnonymousReviewSerializer(many=True))
    def get_others(self, review) -> list[dict]:
        return AnonymousReviewSerializer(colleagues_reviews(request_user(self), review.assignment), many=True).data


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(help_text="Номер критерия оценочного листа конкурса")
    value = serializers.IntegerField(allow_null=True, help_text="Балл; null — снять балл")
    comment = serializers.CharField(required=False, allow_blank=True, help_text="Без поля — комментарий не меняется")


class ReviewInputSerializer(serializers.Serializer):
    """What the expert changes; fields left out keep their values, scores are merged by criterion."""

    scores = ScoreInputSerializer(many=True, required=False)
    conclusion = serializers.CharField(required=False, allow_blank=True)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, required=False, allow_blank=True)

    def validate_scores(self, scores):
        criteria = [s["criterion"] for s in scores]
        if len(criteria) != len(set(criteria)):
            raise serializers.ValidationError("Каждый критерий оценивается один раз.")
        return scores


class ReviewCreateSerializer(ReviewInputSerializer):
    assignment = serializers.IntegerField(help_text="Назначение эксперта, по которому он начинает оценку")
