"""Consultations: who advised whom, on what, how long and with what result (roadmap items 9 and 12 of seed 000,
«консультации», «упаковка контента» of seeds 003/004), and the consultation hours a methodist offers, whose slots
organizations book.

Consultations are working records, not public: the staff of the territory and the people of the organization
advised see them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.versioning import Versioned

from .enums import ConsultationForm, SlotState


class ConsultationSlot(models.Model):
    """An hour a methodist (or a site's specialist) is available; an organization books it, then it is held."""

    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultation_slots",
        verbose_name="консультант",
    )
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="consultation_slots", editable=False
    )
    starts_at = models.DateTimeField("начало")
    duration_minutes = models.PositiveSmallIntegerField("продолжительность, мин", default=30)
    form = models.CharField("форма", max_length=20, choices=ConsultationForm.choices, default=ConsultationForm.ONLINE)
    place = models.CharField("место или ссылка на встречу", max_length=500, blank=True)
    topics = models.CharField("темы", max_length=500, blank=True, help_text="По каким вопросам консультирует.")
    state = models.CharField("состояние", max_length=20, choices=SlotState.choices, default=SlotState.FREE)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booked_consultations",
        verbose_name="записался",
    )
    booked_organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booked_consultations",
        verbose_name="организация",
    )
    question = models.TextField("вопрос", blank=True)
    booked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "консультационный час"
        verbose_name_plural = "консультационные часы"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["municipality", "state", "starts_at"], name="slot_open"),
            models.Index(fields=["adviser", "starts_at"], name="slot_adviser"),
        ]

    def __str__(self):
        return f"{self.adviser} {self.starts_at:%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("consultations:hours")


class Consultation(Versioned):
    held_on = models.DateField("дата")
    form = models.CharField("форма", max_length=20, choices=ConsultationForm.choices)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations_given",
        verbose_name="консультант",
    )
    adviser_name = models.CharField(
        "консультант (если нет в системе)", max_length=255, blank=True, help_text="Например, научный руководитель."
    )
    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name="организация, которую консультировали",
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="инновационная площадка",
    )
    advised = models.CharField(
        "кого консультировали", max_length=500, blank=True, help_text="ФИО и должности или «педагоги ОО, 12 человек»."
    )
    participants = models.PositiveSmallIntegerField("участников", default=1)
    topic = models.CharField("тема", max_length=500)
    duration_minutes = models.PositiveSmallIntegerField("продолжительность, мин", default=30)
    result = models.TextField("результат", blank=True, help_text="Что решили, что подготовить, к какому сроку.")
    slot = models.OneToOneField(
        ConsultationSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation", editable=False
    )
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="consultations", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "консультация"
        verbose_name_plural = "консультации"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "-held_on"], name="consultation_territory"),
            models.Index(fields=["organization", "-held_on"], name="consultation_org"),
            models.Index(fields=["form"], name="consultation_form"),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.pk])

    @property
    def adviser_label(self) -> str:
        if self.adviser_id:
            return self.adviser.get_full_name() or self.adviser.username
        return self.adviser_name
