"""One review engine for every «submit → examine → decide» procedure: calls, rubrics, applications, expert reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.versioning import Versioned

from .enums import (
    Aggregation,
    ApplicationState,
    AssignmentState,
    CallPurpose,
    Recommendation,
    ReviewState,
    StageKind,
)

USER = settings.AUTH_USER_MODEL


class Rubric(models.Model):
    """A reusable list of criteria; calls point to it."""

    name = models.CharField("наименование", max_length=300)
    description = models.TextField("описание", blank=True)
    purpose = models.CharField("для чего", max_length=20, choices=CallPurpose.choices, blank=True)
    is_active = models.BooleanField("используется", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "оценочный лист"
        verbose_name_plural = "оценочные листы"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name="оценочный лист")
    position = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.CharField("критерий", max_length=500)
    description = models.TextField("что оценивается", blank=True)
    min_level = models.PositiveSmallIntegerField("наименьший балл", default=0)
    max_level = models.PositiveSmallIntegerField("наибольший балл", default=2, validators=[MinValueValidator(1)])
    # [{"value": 0, "meaning": "…"}, …]: what each level means, shown to the expert next to the score.
    levels = models.JSONField("значения уровней", default=list, blank=True)
    weight = models.DecimalField("вес", max_digits=5, decimal_places=2, default=Decimal(1))
    minimum = models.PositiveSmallIntegerField(
        "минимально допустимый балл", null=True, blank=True, help_text="Заявка с меньшим средним баллом не проходит."
    )
    comment_required_below = models.PositiveSmallIntegerField(
        "комментарий обязателен при балле ниже", null=True, blank=True
    )

    class Meta:
        verbose_name = "критерий"
        verbose_name_plural = "критерии"
        ordering = ["rubric", "position", "id"]

    def __str__(self):
        return self.title

    @property
    def max_points(self) -> Decimal:
        return Decimal(self.max_level) * self.weight

    def meaning_of(self, value: int) -> str:
        for level in self.levels or ():
            if level.get("value") == value:
                return level.get("meaning", "")
        return ""

    def level_choices(self) -> list[tuple[int, str]]:
        return [(v, self.meaning_of(v)) for v in range(self.min_level, self.max_level + 1)]


class Call(models.Model):
    title = models.CharField("наименование", max_length=500)
    purpose = models.CharField("назначение", max_length=20, choices=CallPurpose.choices, default=CallPurpose.STATUS)
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="calls", verbose_name="территория"
    )
    site_kinds = models.ManyToManyField(
        "registry.SiteKind", blank=True, related_name="calls", verbose_name="виды статуса"
    )
    description = models.TextField("описание", blank=True)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="calls", verbose_name="оценочный лист")
    form_fields = models.JSONField("поля заявки", default=list, blank=True)
    pass_threshold = models.DecimalField(
        "порог прохождения (доля максимума)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.6"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    aggregation = models.CharField(
        "сведение оценок", max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    normalise = models.BooleanField("нормировать оценки строгих и мягких экспертов", default=False)
    experts_per_application = models.PositiveSmallIntegerField("экспертов на заявку", default=2)
    disagreement_threshold = models.DecimalField(
        "расхождение экспертов для обсуждения (доля максимума)", max_digits=4, decimal_places=3, default=Decimal("0.2")
    )
    is_blind = models.BooleanField("слепая экспертиза (эксперты не видят заявителей)", default=False)
    show_reviews_to_applicants = models.BooleanField(
        "показать заявителям оценки и замечания после решения", default=True
    )
    hold_decisions = models.BooleanField("сообщать о решениях всем заявителям одновременно", default=False)
    decisions_released_at = models.DateTimeField("решения объявлены", null=True, blank=True)
    status_years = models.PositiveSmallIntegerField("срок статуса, лет", default=3)
    panel = models.ManyToManyField(USER, blank=True, related_name="panel_calls", verbose_name="экспертная группа")
    body = models.ForeignKey(
        "reference.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="calls", verbose_name="совет"
    )
    is_published = models.BooleanField("опубликован", default=False, db_index=True)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "конкурс"
        verbose_name_plural = "конкурсы"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "is_published"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("review:call", args=[self.pk])

    def stage_on(self, day: dt.date | None = None) -> CallStage | None:
        """The stage whose dates contain the day (stages come prefetched in date order)."""
        day = day or timezone.localdate()
        for stage in self.stages.all():
            if stage.starts_on <= day <= stage.ends_on:
                return stage
        return None

    def stage_of_kind(self, kind: str) -> CallStage | None:
        return next((s for s in self.stages.all() if s.kind == kind), None)


# What each stage allows unless the methodist says otherwise.
STAGE_DEFAULTS = {
    StageKind.APPLICATIONS: dict(allows_submission=True),
    StageKind.FORMAL_CHECK: dict(),
    StageKind.REVIEW: dict(allows_scoring=True),
    StageKind.MEETING: dict(allows_decisions=True, experts_see_other_reviews=True),
    StageKind.RESULTS: dict(allows_decisions=True, experts_see_other_reviews=True),
}


class CallStage(models.Model):
    """A dated stage; its flags are the permissions in force while it lasts."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField("этап", max_length=20, choices=StageKind.choices)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    allows_submission = models.BooleanField("приём заявок", default=False)
    allows_scoring = models.BooleanField("эксперты выставляют баллы", default=False)
    reveal_names = models.BooleanField("эксперты видят заявителей (для слепого конкурса)", default=False)
    experts_see_other_reviews = models.BooleanField(
        "эксперты видят чужие оценки (только после отправки своей)", default=False
    )
    allows_decisions = models.BooleanField("принимаются решения", default=False)

    class Meta:
        verbose_name = "этап конкурса"
        verbose_name_plural = "этапы конкурса"
        ordering = ["call", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="stage_dates_ordered")
        ]

    def __str__(self):
        return self.get_kind_display()


class CallDocument(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("наименование", max_length=300)
    file = models.FileField("файл", upload_to=RandomName("calls"), blank=True)
    file_name = file_name_field()
    url = models.URLField("ссылка", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "документ конкурса"
        verbose_name_plural = "документы конкурса"
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)


class Application(Versioned):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name="конкурс")
    number = models.PositiveIntegerField("номер", default=0)
    lead_organization = models.ForeignKey(
        "reference.Organization", on_delete=models.PROTECT, related_name="applications", verbose_name="заявитель"
    )
    partners = models.ManyToManyField(
        "reference.Organization", blank=True, related_name="network_applications", verbose_name="организации сети"
    )
    site_kind = models.ForeignKey(
        "registry.SiteKind", on_delete=models.PROTECT, null=True, blank=True, verbose_name="испрашиваемый статус"
    )
    theme = models.CharField("тема проекта", max_length=1000)
    supervisor = models.CharField("научный руководитель (консультант)", max_length=300, blank=True)
    passport = models.JSONField("паспорт проекта", default=dict, blank=True)
    # The methodist's depersonalised copy for blind calls: what experts see instead of the passport.
    blind_theme = models.CharField("тема (обезличенная)", max_length=1000, blank=True)
    blind_passport = models.JSONField("обезличенный паспорт", default=dict, blank=True)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="план работы"
    )
    start_date = models.DateField("начало реализации", null=True, blank=True)
    end_date = models.DateField("окончание реализации", null=True, blank=True)
    state = models.CharField(
        "состояние", max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    extension_until = models.DateField("продление срока подачи до", null=True, blank=True)
    submitted_at = models.DateTimeField("подана", null=True, blank=True)
    decided_at = models.DateTimeField("решение", null=True, blank=True)
    site = models.OneToOneField(
        "registry.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    order = models.ForeignKey(
        "registry.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who saved the last edit: an application keeps no history, and a refused stale edit names this person.
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "заявка"
        verbose_name_plural = "заявки"
        ordering = ["call", "number", "id"]
        indexes = [
            models.Index(fields=["call", "state"]),
            models.Index(fields=["lead_organization", "state"]),
        ]

    def __str__(self):
        return f"Заявка № {self.number}"

    def get_absolute_url(self):
        return reverse("review:application", args=[self.pk])

    @property
    def label(self) -> str:
        return f"№ {self.number}"

    def organization_ids(self) -> set[int]:
        return {self.lead_organization_id, *(o.pk for o in self.partners.all())}


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("наименование", max_length=300)
    file = models.FileField("файл", upload_to=RandomName("applications"))
    file_name = file_name_field()
    # Blind calls: only files the methodist marked as depersonalised reach the experts.
    depersonalised = models.BooleanField("обезличен (можно показать экспертам)", default=False)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "файл заявки"
        verbose_name_plural = "файлы заявки"
        ordering = ["application", "uploaded_at", "id"]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)


class ApplicationEvent(models.Model):
    """Every state change and every remark: dated, attributed, kept."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=ApplicationState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ApplicationState.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    comment = models.TextField("комментарий", blank=True)

    class Meta:
        ordering = ["application", "at", "id"]
        indexes = [models.Index(fields=["application", "at"])]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class ConflictDeclaration(models.Model):
    """A relation an expert declares with an organization; its applications are never assigned to them."""

    expert = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="declared_conflicts")
    organization = models.ForeignKey("reference.Organization", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("характер связи", max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "заявленный конфликт интересов"
        verbose_name_plural = "заявленные конфликты интересов"
        constraints = [models.UniqueConstraint(fields=["expert", "organization"], name="conflict_once")]

    def __str__(self):
        return self.reason


class Assignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="assignments", verbose_name="эксперт")
    state = models.CharField(max_length=20, choices=AssignmentState.choices, default=AssignmentState.PENDING)
    reason = models.CharField("причина отказа или самоотвода", max_length=500, blank=True)
    assigned_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "назначение эксперта"
        verbose_name_plural = "назначения экспертов"
        ordering = ["application", "assigned_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="assignment_once")]
        indexes = [models.Index(fields=["expert", "state"])]

    def __str__(self):
        return f"{self.expert} — {self.application}"


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT)
    conclusion = models.TextField("заключение", blank=True)
    recommendation = models.CharField("рекомендация", max_length=20, choices=Recommendation.choices, blank=True)
    total = models.DecimalField("итоговый балл", max_digits=8, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField("отправлена", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "экспертная оценка"
        verbose_name_plural = "экспертные оценки"

    def __str__(self):
        return f"Оценка: {self.assignment}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField("балл")
    comment = models.TextField("комментарий", blank=True)

    class Meta:
        verbose_name = "балл"
        verbose_name_plural = "баллы"
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_once")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
