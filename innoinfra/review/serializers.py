"""Shapes of calls, applications, assignments, reviews and rankings in the API.

What a person reads of an application is decided once per application by `expert_view_for`: the application page's
readers (its applicant, the call's staff) read it whole; anyone else who reaches it — an assigned expert — reads what
the expert's page shows, which for a blind call is the depersonalised copy of `blind.expert_view`: no organization,
no people, no file names. Reads come from the querysets of `api.py` (rows are joined or prefetched there)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import queries, services
from .aggregation import q
from .blind import ExpertView, colleagues_reviews, expert_view
from .enums import (
    ACTIVE_ASSIGNMENT_STATES,
    APPLICATION_TRANSITIONS,
    EDITABLE_STATES,
    ApplicationState,
    Recommendation,
    ReviewState,
)
from .models import Application, Assignment, Call, CallDocument, CallStage, Criterion, Review, Score
from .passport import fields_of

AS = ApplicationState


def expert_view_for(user, application: Application) -> ExpertView | None:
    """None for those who may open the application page; otherwise the expert's view (remembered on the object)."""
    cached = getattr(application, "_api_expert_view", False)
    if cached is False:
        cached = None if user.has_perm("review.view_application", application) else expert_view(application)
        application._api_expert_view = cached
    return cached


def _user(serializer) -> object:
    return serializer.context["request"].user


def _absolute(serializer, url: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


# ---------------------------------------------------------------- calls


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
    file = serializers.FileField(read_only=True, use_url=True, allow_null=True)

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


# ---------------------------------------------------------------- applications


class PassportEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(allow_blank=True)


class FileEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="Для слепой экспертизы эксперту — «Файл 1», «Файл 2»…")
    url = serializers.CharField(help_text="Скачивание с проверкой прав, как на странице")


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    to_state_label = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)
    by = serializers.CharField(allow_null=True, help_text="Кто изменил; видят только сотрудники конкурса")


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


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    short_name = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as a row. For an expert of a blind call whose names are hidden, `names_hidden` is true and
    nothing names the applicant: no organization, partners or supervisor, the depersonalised theme."""

    call_title = serializers.CharField(source="call.title", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    site_kind_name = serializers.CharField(source="site_kind.name", read_only=True, default=None)
    names_hidden = serializers.SerializerMethodField(help_text="Слепая экспертиза: сведения о заявителе скрыты")
    theme = serializers.SerializerMethodField()
    lead_organization = serializers.SerializerMethodField()
    organization_name = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    supervisor = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField(help_text="Срок подачи (с учётом продления)")

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "call_title",
            "number",
            "state",
            "state_label",
            "site_kind",
            "site_kind_name",
            "names_hidden",
            "theme",
            "lead_organization",
            "organization_name",
            "partners",
            "supervisor",
            "start_date",
            "end_date",
            "submitted_at",
            "decided_at",
            "extension_until",
            "deadline",
        ]
        read_only_fields = fields

    def _view(self, application) -> ExpertView | None:
        return expert_view_for(_user(self), application)

    def get_names_hidden(self, application) -> bool:
        view = self._view(application)
        return bool(view and view.hidden)

    def get_theme(self, application) -> str:
        view = self._view(application)
        return view.theme if view else application.theme

    def get_lead_organization(self, application) -> int | None:
        view = self._view(application)
        return None if view and view.hidden else application.lead_organization_id

    def get_organization_name(self, application) -> str | None:
        view = self._view(application)
        if view:
            return view.organization or None
        return application.lead_organization.short_name

    @extend_schema_field(PartnerSerializer(many=True))
    def get_partners(self, application) -> list[dict]:
        if self._view(application):
            return []
        return [{"id": o.pk, "short_name": o.short_name} for o in application.partners.all()]

    def get_supervisor(self, application) -> str | None:
        return None if self._view(application) else application.supervisor

    def get_deadline(self, application) -> dt.date | None:
        return services.submission_deadline(application)


class ApplicationDetailSerializer(ApplicationSerializer):
    """The application as its page shows it: the passport, files, history, remarks and what the reader may do."""

    passport = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    remarks = serializers.SerializerMethodField(help_text="Замечания методиста, если заявка возвращена")
    missing = serializers.SerializerMethodField(help_text="Что ещё не заполнено (для черновика)")
    actions = serializers.SerializerMethodField(help_text="Действия, доступные пользователю сейчас")
    reviews = serializers.SerializerMethodField(help_text="Оценки экспертов без имён: заявителю после решения")

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "passport",
            "files",
            "events",
            "remarks",
            "missing",
            "actions",
            "reviews",
        ]
        read_only_fields = fields

    @extend_schema_field(PassportEntrySerializer(many=True))
    def get_passport(self, application) -> list[dict]:
        view = self._view(application)
        if view:
            entries = view.passport
        else:
            entries = [(f, application.passport.get(f.code, "")) for f in fields_of(application.call.form_fields)]
        return [{"code": f.code, "label": f.label, "value": str(value or "")} for f, value in entries]

    @extend_schema_field(FileEntrySerializer(many=True))
    def get_files(self, application) -> list[dict]:
        view = self._view(application)
        files = view.files if view else list(application.files.all())
        hidden = bool(view and view.hidden)
        return [
            {
                "id": f.pk,
                # As on the expert's page: in a blind call a file's title may name the school.
                "title": f"Файл {n}" if hidden else f.title,
                "url": _absolute(self, reverse("review:file", args=[f.pk])),
            }
            for n, f in enumerate(files, start=1)
        ]

    def _events(self, application) -> list:
        if not hasattr(application, "_api_events"):
            application._api_events = list(application.events.select_related("by"))
        return application._api_events

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, application) -> list[dict]:
        if self._view(application):
            return []
        manages = _user(self).has_perm("review.manage_application", application)
        return [
            {
                "at": e.at,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "to_state_label": e.get_to_state_display() if e.to_state else "",
                "comment": e.comment,
                "by": str(e.by) if manages and e.by else None,
            }
            for e in self._events(application)
        ]

    def get_remarks(self, application) -> str:
        if self._view(application) or application.state != AS.RETURNED:
            return ""
        return next((e.comment for e in reversed(self._events(application)) if e.to_state == AS.RETURNED), "")

    def get_missing(self, application) -> list[str]:
        if self._view(application) or application.state not in EDITABLE_STATES:
            return []
        return services.missing_fields(application)

    def get_actions(self, application) -> list[str]:
        user = _user(self)
        allowed = APPLICATION_TRANSITIONS[application.state]
        actions = []
        if user.has_perm("review.withdraw_application", application):
            actions += [
                name for name, state in (("submit", AS.SUBMITTED), ("withdraw", AS.WITHDRAWN)) if state in allowed
            ]
        if user.has_perm("review.manage_application", application) and AS.RETURNED in allowed:
            actions.append("return")
        return actions

    @extend_schema_field(ApplicantReviewSerializer(many=True))
    def get_reviews(self, application) -> list[dict]:
        user = _user(self)
        # As on the page: the applicant (not the call's staff) reads them once the decision is announced.
        if not user.has_perm("review.withdraw_application", application):
            return []
        if user.has_perm("review.manage_application", application) or not queries.applicant_sees_reviews(application):
            return []
        return ApplicantReviewSerializer(queries.anonymised_reviews(application), many=True).data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class RemarksSerializer(serializers.Serializer):
    remarks = serializers.CharField(allow_blank=True, default="", help_text="Что заявителю исправить")


# ---------------------------------------------------------------- assignments


def _late(assignment: Assignment, review: Review | None, deadline) -> bool:
    """As on the expert's desk: the review deadline passed and the assignment is still open."""
    today = timezone.localdate()
    return bool(
        deadline
        and today > deadline
        and assignment.state in ACTIVE_ASSIGNMENT_STATES
        and not (review and review.state == ReviewState.SUBMITTED)
    )


class AssignmentSerializer(serializers.ModelSerializer):
    application_number = serializers.IntegerField(source="application.number", read_only=True)
    call = serializers.IntegerField(source="application.call_id", read_only=True)
    call_title = serializers.CharField(source="application.call.title", read_only=True)
    names_hidden = serializers.SerializerMethodField()
    theme = serializers.SerializerMethodField()
    organization_name = serializers.SerializerMethodField()
    expert_name = serializers.CharField(source="expert", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    review = serializers.SerializerMethodField()
    review_state = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField(help_text="Срок экспертизы")
    late = serializers.SerializerMethodField(help_text="Срок экспертизы прошёл, а оценка не отправлена")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "application",
            "application_number",
            "call",
            "call_title",
            "names_hidden",
            "theme",
            "organization_name",
            "expert",
            "expert_name",
            "state",
            "state_label",
            "reason",
            "assigned_at",
            "responded_at",
            "review",
            "review_state",
            "deadline",
            "late",
        ]
        read_only_fields = fields

    def _view(self, assignment) -> ExpertView | None:
        return expert_view_for(_user(self), assignment.application)

    def get_names_hidden(self, assignment) -> bool:
        view = self._view(assignment)
        return bool(view and view.hidden)

    def get_theme(self, assignment) -> str:
        view = self._view(assignment)
        return view.theme if view else assignment.application.theme

    def get_organization_name(self, assignment) -> str | None:
        view = self._view(assignment)
        return (view.organization or None) if view else assignment.application.lead_organization.short_name

    def get_review(self, assignment) -> int | None:
        review = getattr(assignment, "review", None)
        return review.pk if review else None

    def get_review_state(self, assignment) -> str | None:
        review = getattr(assignment, "review", None)
        return review.state if review else None

    def get_deadline(self, assignment) -> dt.date | None:
        return services.review_deadline(assignment.application.call)

    def get_late(self, assignment) -> bool:
        review = getattr(assignment, "review", None)
        return _late(assignment, review, services.review_deadline(assignment.application.call))


# ---------------------------------------------------------------- reviews


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
        return may_score(_user(self), review)


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
        if review.assignment.expert_id != _user(self).pk:
            return []
        return AnonymousReviewSerializer(colleagues_reviews(review.assignment, review), many=True).data


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


# ---------------------------------------------------------------- ranking


class RankingCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=8, decimal_places=2)
    minimum = serializers.IntegerField(allow_null=True)


class CriterionMeanSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    mean = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    below_minimum = serializers.BooleanField()


POINTS = dict(max_digits=10, decimal_places=2, allow_null=True)


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True, help_text="Место; null — оценок ещё нет")
    application = serializers.IntegerField()
    number = serializers.IntegerField()
    names_hidden = serializers.BooleanField()
    theme = serializers.CharField()
    organization_name = serializers.CharField(allow_null=True)
    state = serializers.CharField()
    assigned = serializers.IntegerField()
    submitted = serializers.IntegerField()
    complete = serializers.BooleanField()
    score = serializers.DecimalField(**POINTS, help_text="Итоговый балл по способу сведения конкурса")
    mean = serializers.DecimalField(**POINTS)
    median = serializers.DecimalField(**POINTS)
    spread = serializers.DecimalField(**POINTS, help_text="Разброс (стандартное отклонение) оценок экспертов")
    share = serializers.DecimalField(**POINTS, help_text="Доля максимума, %")
    totals = serializers.ListField(child=serializers.DecimalField(max_digits=10, decimal_places=2))
    criterion_means = CriterionMeanSerializer(many=True)
    passes = serializers.BooleanField()
    disputed = serializers.BooleanField(help_text="Эксперты разошлись больше допустимого")


class RankingSerializer(serializers.Serializer):
    call = serializers.IntegerField()
    normalised = serializers.BooleanField()
    aggregation = serializers.CharField()
    maximum = serializers.DecimalField(max_digits=10, decimal_places=2)
    pass_threshold = serializers.DecimalField(max_digits=4, decimal_places=3, help_text="Доля максимума")
    threshold_points = serializers.DecimalField(max_digits=10, decimal_places=2)
    disagreement_threshold = serializers.DecimalField(max_digits=4, decimal_places=3)
    passing_count = serializers.IntegerField()
    disputed_count = serializers.IntegerField()
    criteria = RankingCriterionSerializer(many=True)
    rows = RankingRowSerializer(many=True)
