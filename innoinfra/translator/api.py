"""REST resources of the public expertise of practices (issue 21): comments with the authors' answers, abuse
reports and moderation, and the teachers' ratings. The same services and rules as the practice page's block:
premoderation, "only published practices", "authors never rate their own" live there, not here."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter
from innoinfra.practices import queries as practice_queries
from innoinfra.practices.models import Practice

from . import queries, services
from .models import CRITERIA, Comment, CommentState, Rating


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "practice", "parent", "author_name", "text", "state", "state_label", "created_at"]
        read_only_fields = fields


class CommentInputSerializer(serializers.Serializer):
    practice = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, help_text="id практики (для нового комментария)"
    )
    parent = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, help_text="id комментария, на который отвечают авторы"
    )
    text = serializers.CharField(max_length=4000, help_text="Текст комментария")

    def validate(self, data):
        if ("practice" in data) == ("parent" in data):
            raise serializers.ValidationError("Укажите либо практику, либо комментарий, на который вы отвечаете.")
        return data


class AbuseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CommentFilter(django_filters.FilterSet):
    practice = IdFilter(field_name="practice_id")
    parent = IdFilter(field_name="parent_id")
    state = django_filters.ChoiceFilter(choices=CommentState.choices)

    class Meta:
        model = Comment
        fields = []


def _visible(user, queryset, pk, missing: str):
    """The object the body names, if the user sees it; else 400: the request is wrong, not its address."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({"detail": missing})
    return found


@extend_schema_view(
    list=extend_schema(
        summary="Комментарии к практикам: опубликованные — всем, свои — автору, все по территории — модератору"
    ),
    retrieve=extend_schema(summary="Комментарий к практике"),
    create=extend_schema(
        summary="Прокомментировать опубликованную практику или ответить на комментарий (авторы практики)",
        description="При премодерации новый комментарий получает состояние pending и появится после проверки; "
        "ответ авторов публикуется сразу.",
        request=CommentInputSerializer,
        responses={201: CommentSerializer},
    ),
)
class CommentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    perms = {
        "create": "translator.discuss",
        "publish": "translator.moderate_comment",
        "hide": "translator.moderate_comment",
        "report": "translator.report_comment",
    }

    def get_queryset(self):
        return (
            queries.comments_visible_to(self.request.user)
            .select_related("author")
            .order_by("practice_id", "created_at", "id")
        )

    def create(self, request, *args, **kwargs):
        payload = CommentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        user = request.user
        if "parent" in data:
            parent = _visible(user, self.get_queryset(), data["parent"], "Комментарий не найден.")
            if not user.has_perm("translator.answer_comment", parent):
                raise PermissionDenied("Отвечать на комментарии могут только авторы практики.")
            made = services.answer(parent, by=user, text=data["text"])
        else:
            practice = _visible(user, Practice.objects.all(), data["practice"], "Практика не найдена.")
            if not user.has_perm("practices.view_practice", practice):
                raise serializers.ValidationError({"detail": "Практика не найдена."})
            if not user.has_perm("translator.comment_practice", practice):
                raise PermissionDenied("Комментировать могут вошедшие пользователи.")
            made = services.comment(practice, by=user, text=data["text"])
        made = Comment.objects.select_related("author").get(pk=made.pk)
        return Response(CommentSerializer(made).data, status=status.HTTP_201_CREATED)

    def _moderated(self, step) -> Response:
        comment = self.get_object()
        step(comment, by=self.request.user)
        return Response(CommentSerializer(self.get_queryset().get(pk=comment.pk)).data)

    @extend_schema(summary="Опубликовать комментарий (модератор территории)", request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._moderated(services.publish)

    @extend_schema(summary="Скрыть комментарий (модератор территории)", request=None)
    @action(detail=True, methods=["post"])
    def hide(self, request, pk=None):
        return self._moderated(services.hide)

    @extend_schema(
        summary="Пожаловаться на опубликованный комментарий",
        description="Третья нерассмотренная жалоба возвращает комментарий на модерацию.",
        request=AbuseInputSerializer,
        responses={201: None},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        comment = self.get_object()
        payload = AbuseInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.report_abuse(comment, by=request.user, reason=payload.validated_data["reason"])
        return Response(status=status.HTTP_201_CREATED)


class RatingCriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    mean = serializers.FloatField(allow_null=True)


def _score_field(label: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=5, help_text=f"{label}: от 1 до 5")


class RatingInputSerializer(serializers.Serializer):
    novelty = _score_field("Новизна")
    significance = _score_field("Практическая значимость")
    reproducibility = _score_field("Воспроизводимость")
    description_quality = _score_field("Качество описания")


class OwnRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = [name for name, _ in CRITERIA]
        read_only_fields = fields


class RatingSummarySerializer(serializers.Serializer):
    practice = serializers.IntegerField()
    count = serializers.IntegerField(help_text="Число оценок")
    overall = serializers.FloatField(allow_null=True, help_text="Средняя оценка по всем критериям")
    criteria = RatingCriterionSerializer(many=True)
    own = OwnRatingSerializer(allow_null=True, help_text="Оценка пользователя, если он её ставил")


@extend_schema_view(
    retrieve=extend_schema(
        summary="Оценки опубликованной практики: средние по критериям и своя оценка",
        responses=RatingSummarySerializer,
    ),
    update=extend_schema(
        summary="Оценить опубликованную практику (повторная оценка заменяет прежнюю; авторы не оценивают)",
        request=RatingInputSerializer,
        responses=RatingSummarySerializer,
    ),
)
class RatingViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """One resource per published practice, addressed by the practice's id."""

    serializer_class = RatingSummarySerializer
    perms = {"update": "translator.rate_practice"}
    http_method_names = ["get", "put", "head", "options"]

    def get_queryset(self):
        return practice_queries.published()

    def _summary(self, practice: Practice) -> Response:
        user = self.request.user
        own = Rating.objects.filter(practice=practice, user=user).first() if user.is_authenticated else None
        ratings = queries.aggregates(practice)
        data = {
            "practice": practice.pk,
            "count": ratings["count"],
            "overall": ratings["overall"],
            "criteria": ratings["criteria"],
            "own": own,
        }
        return Response(RatingSummarySerializer(data).data)

    def retrieve(self, request, *args, **kwargs):
        return self._summary(self.get_object())

    def update(self, request, *args, **kwargs):
        practice = self.get_object()
        payload = RatingInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.rate(practice, by=request.user, **payload.validated_data)
        return self._summary(practice)
