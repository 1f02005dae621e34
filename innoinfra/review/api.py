"""REST resources of the review engine: calls, applications, expert assignments and reviews, a call's ranking.

Reads follow the same visibility as the pages: a published call is public, a draft only for its staff; an applicant
reads their organization's applications, staff those of their territory, an expert only what is assigned to them —
never an application they have a conflict of interest with — and a blind call stays blind, others' reviews and
scores stay hidden until one's own is submitted (visibility.py).
Writes ask the same `rules` perms and call the same services, so the API and the web can never disagree."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.drf import IdFilter

from . import queries, services
from .aggregation import q
from .enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, AssignmentState, CallPurpose, ReviewState
from .models import Application, Assignment, Call, ConflictDeclaration, Review, Score
from .ranking import Ranking
from .serializers import (
    ApplicationDetailSerializer,
    ApplicationSerializer,
    AssignmentSerializer,
    CallDetailSerializer,
    CallSerializer,
    RankingSerializer,
    ReasonSerializer,
    RemarksSerializer,
    ReviewCreateSerializer,
    ReviewDetailSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
)
from .visibility import Viewer, ranking_for, reviews_visible_to, viewer_of

# ---------------------------------------------------------------- who sees what


def _territory(user, lookup: str) -> Q | None:
    """The territories the user runs, as a condition on `lookup` (a municipality id); None for non-staff."""
    scope = scope_of(user)
    if not scope.is_staff:
        return None
    if scope.managed_municipalities is None:
        return Q(pk__isnull=False)
    return Q(**{f"{lookup}__in": scope.managed_municipalities})


def conflicted_applications(user) -> QuerySet:
    """Applications the user may not examine, as `services.conflict_reason` says: those of the organization they
    work at, or of one they declared a relation with (as lead or as a network partner)."""
    declared = ConflictDeclaration.objects.filter(expert=user).values("organization_id")
    condition = Q(lead_organization__in=declared) | Q(partners__in=declared)
    if user.organization_id:
        condition |= Q(lead_organization=user.organization_id) | Q(partners=user.organization_id)
    return Application.objects.filter(condition).values("pk")


def examined_by(user) -> QuerySet:
    """Applications assigned to the expert and still in their hands, never one with a conflict of interest."""
    return (
        Assignment.objects.filter(expert=user, state__in=ACTIVE_ASSIGNMENT_STATES)
        .exclude(application_id__in=conflicted_applications(user))
        .values("application_id")
    )


def applications_visible_to(user, *, listing: bool = False) -> QuerySet[Application]:
    """The applicant's own, the territory's for staff (in the list without applicants' drafts, as the call's
    applications page), and the expert's assigned ones."""
    if not user.is_authenticated:
        return Application.objects.none()
    scope = scope_of(user)
    condition = Q(created_by=user) | Q(lead_organization_id__in=scope.organizations) | Q(pk__in=examined_by(user))
    staff = _territory(user, "call__municipality_id")
    if staff is not None:
        condition |= (staff & ~Q(state=ApplicationState.DRAFT)) if listing else staff
    return Application.objects.filter(condition)


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """The expert's own (not those they recused from or have a conflict with); all of the territory for staff."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    condition = (
        Q(expert=user) & ~Q(state=AssignmentState.RECUSED) & ~Q(application_id__in=conflicted_applications(user))
    )
    staff = _territory(user, "application__call__municipality_id")
    return Assignment.objects.filter(condition | staff if staff is not None else condition)


# ---------------------------------------------------------------- the ranking as data


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


# ---------------------------------------------------------------- filters


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


class ApplicationFilter(django_filters.FilterSet):
    # No filter by organization or theme: on a blind call it would tell the expert whose application it is.
    call = IdFilter(field_name="call_id")
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices)

    class Meta:
        model = Application
        fields = []


class AssignmentFilter(django_filters.FilterSet):
    call = IdFilter(field_name="application__call_id")
    application = IdFilter(field_name="application_id")
    expert = IdFilter(field_name="expert_id")
    state = django_filters.ChoiceFilter(choices=AssignmentState.choices)

    class Meta:
        model = Assignment
        fields = []


class ReviewFilter(django_filters.FilterSet):
    call = IdFilter(field_name="assignment__application__call_id")
    application = IdFilter(field_name="assignment__application_id")
    state = django_filters.ChoiceFilter(choices=ReviewState.choices)

    class Meta:
        model = Review
        fields = []


# ---------------------------------------------------------------- calls


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


# ---------------------------------------------------------------- applications


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

    @extend_schema(
        summary="Вернуть заявку на доработку с замечаниями (методист)",
        request=RemarksSerializer,
        responses=ApplicationDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_revision(self, request, pk=None):
        application = self.get_object()
        payload = RemarksSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.return_for_revision(application, by=request.user, remarks=payload.validated_data["remarks"])
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


# ---------------------------------------------------------------- assignments


@extend_schema_view(
    list=extend_schema(summary="Назначения экспертов: свои — эксперту, все по территории — сотрудникам"),
    retrieve=extend_schema(summary="Назначение эксперта"),
)
class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    perms = {"accept": "review.review_assignment", "decline": "review.review_assignment"}

    def get_queryset(self):
        return (
            assignments_visible_to(self.request.user)
            .select_related("application__call", "application__lead_organization", "expert", "review")
            .prefetch_related("application__call__stages", "application__files")
            .order_by("-assigned_at", "-id")
        )

    def _reloaded(self, assignment: Assignment) -> Response:
        assignment = self.get_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(assignment, context=self.get_serializer_context()).data)

    @extend_schema(summary="Принять назначение (эксперт)", request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        assignment = self.get_object()
        services.accept(assignment, by=request.user)
        return self._reloaded(assignment)

    @extend_schema(
        summary="Отказаться от назначения с указанием причины (эксперт)",
        request=ReasonSerializer,
        responses=AssignmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        assignment = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.decline(assignment, by=request.user, reason=payload.validated_data["reason"])
        return self._reloaded(assignment)


# ---------------------------------------------------------------- reviews


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
