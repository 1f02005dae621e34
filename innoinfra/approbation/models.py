"""Approbation of an innovative product at a site (апробационная площадка, seed 001 3.2.2): the product, the
programme with its stages, the monitoring results over time and the conclusion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.files import RandomName

from .enums import ApprobationState, ProductKind, Verdict


class ApprobationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("site__kind", "site__lead_organization__municipality", "practice")


class Approbation(models.Model):
    site = models.ForeignKey(
        "registry.Site", verbose_name="площадка", on_delete=models.PROTECT, related_name="approbations"
    )
    # the product under approbation
    product_title = models.CharField("название продукта", max_length=500)
    product_authors = models.TextField("авторы продукта", blank=True)
    product_kind = models.CharField("вид продукта", max_length=30, choices=ProductKind.choices)
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name="практика в банке данных",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approbations",
        help_text="Если продукт описан в банке инновационного опыта.",
    )
    # the programme
    aims = models.TextField("цели и задачи апробации", blank=True)
    indicators = models.TextField(
        "показатели", blank=True, help_text="По одному показателю в строке: по ним ведётся мониторинг."
    )
    programme_file = models.FileField("файл программы", upload_to=RandomName("approbation"), blank=True)
    # the life cycle and the conclusion
    state = models.CharField(
        "состояние", max_length=20, choices=ApprobationState.choices, default=ApprobationState.PLANNED, db_index=True
    )
    verdict = models.CharField("вывод", max_length=20, choices=Verdict.choices, blank=True)
    conclusion = models.TextField("заключение", blank=True)
    concluded_on = models.DateField("дата заключения", null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="заключение подготовил(а)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()  # the conclusion is an official result: who changed what stays on record

    objects = ApprobationQuerySet.as_manager()

    class Meta:
        verbose_name = "апробация"
        verbose_name_plural = "апробации"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.product_title

    def get_absolute_url(self):
        return reverse("approbation:detail", args=[self.pk])

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class ApprobationStage(models.Model):
    """A stage of the approbation programme with its dates."""

    approbation = models.ForeignKey(Approbation, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField("этап", max_length=300)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")

    class Meta:
        verbose_name = "этап программы апробации"
        verbose_name_plural = "этапы программы апробации"
        ordering = ["starts_on", "id"]

    def __str__(self):
        return self.title


class MonitoringResult(models.Model):
    """One measurement of an indicator: the monitoring of the product's effectiveness (seed 001, 3.2.2)."""

    approbation = models.ForeignKey(Approbation, on_delete=models.CASCADE, related_name="results")
    date = models.DateField("дата")
    indicator = models.CharField("показатель", max_length=300)
    value = models.CharField("значение", max_length=100)
    comment = models.TextField("комментарий", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "результат мониторинга"
        verbose_name_plural = "результаты мониторинга"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.indicator}: {self.value}"
