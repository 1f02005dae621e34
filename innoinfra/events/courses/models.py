"""The programme of a course by modules and the register of удостоверения о повышении квалификации."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.files import RandomName


class CourseModule(models.Model):
    """A module (раздел) of a ДПП with its hours by kind of work; the course's total is the sum of its modules."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="course_modules", verbose_name="курс"
    )
    number = models.PositiveSmallIntegerField("№ модуля")
    title = models.CharField("название модуля", max_length=500)
    lecture_hours = models.PositiveSmallIntegerField("лекции, ч", default=0)
    practice_hours = models.PositiveSmallIntegerField("практические занятия, ч", default=0)
    self_study_hours = models.PositiveSmallIntegerField("самостоятельная работа, ч", default=0)
    starts_on = models.DateField("с", null=True, blank=True)
    ends_on = models.DateField("по", null=True, blank=True)

    class Meta:
        verbose_name = "модуль программы"
        verbose_name_plural = "модули программы"
        ordering = ["event", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                name="course_module_number_once",
                violation_error_message="Модуль с таким номером в программе уже есть.",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def total_hours(self) -> int:
        return self.lecture_hours + self.practice_hours + self.self_study_hours


class TrainingCertificateCounter(models.Model):
    """The last number given in a year. Incremented inside the transaction that creates the удостоверение, so a
    rolled-back issue gives its number back and the register has no gaps."""

    year = models.PositiveSmallIntegerField("год", unique=True)
    last = models.PositiveIntegerField("последний номер", default=0)

    class Meta:
        verbose_name = "счётчик номеров удостоверений"
        verbose_name_plural = "счётчики номеров удостоверений"

    def __str__(self):
        return f"{self.year}: {self.last}"


class TrainingCertificate(models.Model):
    """An удостоверение о повышении квалификации: a line of the register with a registration number in sequence
    per year (settings.TRAINING_CERTIFICATE_NUMBER). The programme's title and hours are copied at issue: the
    document says what it said the day it was given, whatever is edited later."""

    number = models.CharField("регистрационный номер", max_length=40, unique=True)
    year = models.PositiveSmallIntegerField("год выдачи")
    sequence = models.PositiveIntegerField("порядковый номер в году")
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, related_name="training_certificates", verbose_name="курс"
    )
    registration = models.OneToOneField(
        "events.Registration",
        on_delete=models.PROTECT,
        related_name="training_certificate",
        verbose_name="регистрация",
    )
    full_name = models.CharField("фамилия, имя, отчество", max_length=300)
    organization_name = models.CharField("организация", max_length=500, blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    programme_title = models.CharField("программа", max_length=500)
    hours = models.PositiveSmallIntegerField("объём, академических часов")
    issued_on = models.DateField("дата выдачи")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField("PDF", upload_to=RandomName("events/training", name_field=None), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        verbose_name = "удостоверение о повышении квалификации"
        verbose_name_plural = "удостоверения о повышении квалификации"
        ordering = ["-year", "-sequence"]
        indexes = [
            models.Index(fields=["event", "sequence"]),
            models.Index(fields=["email"]),
            models.Index(fields=["issued_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="training_certificate_sequence_once"),
        ]

    def __str__(self):
        return f"Удостоверение № {self.number}"

    def get_absolute_url(self):
        return reverse("events:training_certificate_pdf", args=[self.pk])
