"""Mentoring in innovation activity: schools' requests for a mentor, mentors' offers, the pairs a methodist forms
and the meetings of each pair."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from innoinfra.core.search import normalize

from .enums import MeetingFormat, PairState, RequestState


class MentoringRequest(models.Model):
    """An organization asks for a mentor: on what topic and what help it needs."""

    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        related_name="mentoring_requests",
        verbose_name="организация",
    )
    # The territory whose staff match the request: the organization's municipality, set by services.
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        related_name="mentoring_requests",
        verbose_name="муниципалитет",
    )
    topic = models.CharField("тема", max_length=500)
    directions = models.ManyToManyField(
        "reference.Direction", blank=True, related_name="mentoring_requests", verbose_name="направления"
    )
    needs = models.TextField(
        "какая помощь нужна", help_text="Что уже сделано, в чём трудности, чего ждёте от наставника."
    )
    contact = models.CharField("контактное лицо", max_length=300, blank=True, help_text="ФИО, должность, телефон.")
    state = models.CharField("состояние", max_length=20, choices=RequestState.choices, default=RequestState.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("подан", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])

    class Meta:
        verbose_name = "запрос на наставничество"
        verbose_name_plural = "запросы на наставничество"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state", "created_at"]),
            models.Index(fields=["organization", "state"]),
            models.Index(fields=["state", "created_at"]),
        ]

    def __str__(self):
        return f"{self.topic} — {self.organization}"

    def get_absolute_url(self):
        return reverse("mentoring:request", args=[self.pk])

    @property
    def created_on(self):
        """The day it was filed where the installation is, not in UTC."""
        return timezone.localdate(self.created_at)

    def save(self, *args, **kwargs):
        self.search_text = normalize(" ".join([self.topic, self.needs]))
        super().save(*args, **kwargs)


class MentorOffer(models.Model):
    """An organization or a person with successful innovation practice offers to mentor others."""

    mentor_organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentor_offers",
        verbose_name="организация-наставник",
    )
    mentor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentor_offers",
        verbose_name="педагог-наставник",
    )
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="mentor_offers", verbose_name="муниципалитет"
    )
    directions = models.ManyToManyField(
        "reference.Direction", blank=True, related_name="mentor_offers", verbose_name="направления"
    )
    topics = models.TextField("темы и опыт", help_text="Чем наставник может помочь, какие практики у него получились.")
    capacity = models.PositiveSmallIntegerField(
        "сколько подопечных одновременно", default=1, help_text="Сколько организаций наставник ведёт одновременно."
    )
    contact = models.CharField("контакты", max_length=300, blank=True)
    accepting = models.BooleanField("принимает подопечных", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])

    class Meta:
        verbose_name = "предложение наставника"
        verbose_name_plural = "предложения наставников"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["accepting", "municipality"]),
            models.Index(fields=["mentor_organization"]),
            models.Index(fields=["mentor_user"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(mentor_organization__isnull=False, mentor_user__isnull=True)
                    | models.Q(mentor_organization__isnull=True, mentor_user__isnull=False)
                ),
                name="mentor_offer_one_mentor",
                violation_error_message="Наставник — либо организация, либо педагог: укажите одно из двух.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="mentor_offer_capacity_positive",
                violation_error_message="Наставник ведёт хотя бы одну организацию.",
            ),
        ]

    def __str__(self):
        return self.mentor_name

    def get_absolute_url(self):
        return reverse("mentoring:offer", args=[self.pk])

    @property
    def mentor_name(self) -> str:
        if self.mentor_user_id:
            user = self.mentor_user
            place = f", {user.organization}" if user.organization_id else ""
            return f"{user.full_name or user.username}{place}"
        return str(self.mentor_organization)

    @property
    def free_places(self) -> int:
        """Needs the `active_pairs` annotation of queries.with_load (lists must not count per row)."""
        active = getattr(self, "active_pairs", None)
        if active is None:
            active = self.pairs.filter(state=PairState.ACTIVE).count()
        return max(self.capacity - active, 0)

    def save(self, *args, **kwargs):
        self.search_text = normalize(self.topics)
        super().save(*args, **kwargs)


class MentoringPair(models.Model):
    """A mentor working with the organization that asked for help, from the match to the result."""

    request = models.ForeignKey(MentoringRequest, on_delete=models.PROTECT, related_name="pairs", verbose_name="запрос")
    offer = models.ForeignKey(MentorOffer, on_delete=models.PROTECT, related_name="pairs", verbose_name="наставник")
    # The mentee's municipality, copied from the request: lists and monitoring filter by it.
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="mentoring_pairs", verbose_name="муниципалитет"
    )
    state = models.CharField("состояние", max_length=20, choices=PairState.choices, default=PairState.ACTIVE)
    plan = models.TextField("цель и план работы", blank=True)
    started_on = models.DateField("начало наставничества")
    ended_on = models.DateField("окончание", null=True, blank=True)
    result = models.TextField("итог наставничества", blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "наставническая пара"
        verbose_name_plural = "наставнические пары"
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state", "started_on"]),
            models.Index(fields=["offer", "state"]),
            models.Index(fields=["request", "state"]),
            models.Index(fields=["state", "started_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(state=PairState.ACTIVE),
                name="mentoring_one_active_pair_per_request",
                violation_error_message="У запроса уже есть действующий наставник.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(state=PairState.ACTIVE, ended_on__isnull=True)
                    | (~models.Q(state=PairState.ACTIVE) & models.Q(ended_on__isnull=False))
                ),
                name="mentoring_pair_end_date_when_closed",
                violation_error_message="Дата окончания указывается у закрытой пары и только у неё.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="mentoring_pair_dates_order",
                violation_error_message="Окончание наставничества не может быть раньше его начала.",
            ),
        ]

    def __str__(self):
        return f"{self.offer.mentor_name} → {self.request.organization}"

    def get_absolute_url(self):
        return reverse("mentoring:pair", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state == PairState.ACTIVE


class Meeting(models.Model):
    """One meeting of a pair: when, in what form, what was done and agreed."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="meetings", verbose_name="пара")
    date = models.DateField("дата")
    format = models.CharField("формат", max_length=20, choices=MeetingFormat.choices)
    summary = models.TextField("что сделано")
    outcomes = models.TextField("результаты и договорённости", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "встреча наставника"
        verbose_name_plural = "встречи наставников"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["pair", "date"])]

    def __str__(self):
        return f"{self.get_format_display()} {self.date}"
