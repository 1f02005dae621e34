"""Criteria of effectiveness of innovation activity (roadmap item 33): indicators computed by a formula over report
values and system facts, each with a target and a weight, giving an organization a score for a year.

Criteria are versioned by sets: a set applies from its first academic year until a later set of the same territory
begins. A year is always scored by the set that applied to it, so changing the criteria never rewrites the past."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class CriteriaSet(models.Model):
    title = models.CharField("наименование", max_length=300)
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria_sets",
        verbose_name="муниципалитет",
        help_text="Пусто — критерии для всей системы.",
    )
    first_year = models.PositiveSmallIntegerField("действует с учебного года (первый календарный год)")
    note = models.TextField("основание, пояснения", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "набор критериев эффективности"
        verbose_name_plural = "наборы критериев эффективности"
        ordering = ["-first_year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "first_year"], name="criteria_set_once_per_territory_and_year"
            )
        ]
        indexes = [models.Index(fields=["municipality", "first_year"])]

    def __str__(self):
        return f"{self.title} (с {self.first_year}/{self.first_year + 1} уч. г.)"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name="набор критериев"
    )
    position = models.PositiveIntegerField("порядок", default=0)
    title = models.CharField("критерий", max_length=500)
    formula = models.CharField(
        "формула",
        max_length=500,
        help_text="Коды показателей отчёта и данных системы, числа, + − * /, скобки, min(), max(). "
        "Например: plan_items_done / plan_items_due.",
    )
    target = models.DecimalField("целевое значение", max_digits=14, decimal_places=4)
    weight = models.DecimalField("вес", max_digits=6, decimal_places=2, default=1)
    unit = models.CharField("единица", max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "критерий эффективности"
        verbose_name_plural = "критерии эффективности"
        ordering = ["criteria_set", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gt=0),
                name="criterion_target_positive",
                violation_error_message="Целевое значение должно быть больше нуля.",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message="Вес должен быть больше нуля.",
            ),
        ]

    def __str__(self):
        return self.title
