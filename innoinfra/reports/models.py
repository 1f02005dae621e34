"""Yearly reporting: a campaign asks the organizations (or sites) of a territory for a report on a form the
methodist builds; each report goes draft → submitted → accepted or returned with remarks → resubmitted."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from innoinfra.core.dates import russian_date
from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.numerals import label_with_unit, with_unit
from innoinfra.core.versioning import Versioned
from innoinfra.reference.models import Municipality

from .enums import (
    DEFAULT_ATTACHMENT_TYPES,
    EDITABLE_STATES,
    Audience,
    CampaignState,
    ItemKind,
    ReportState,
    ValueType,
)


class ReportForm(models.Model):
    """The questions of a report: a ready template, or the copy a campaign asks by."""

    title = models.CharField("наименование формы", max_length=500)
    description = models.TextField("пояснения для организаций", blank=True)
    is_template = models.BooleanField("шаблон", default=False, db_index=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name="копия формы"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "форма отчёта"
        verbose_name_plural = "формы отчётов"
        ordering = ["-is_template", "title", "id"]

    def __str__(self):
        return self.title


class FormItem(models.Model):
    """One item of a form: a narrative section, an indicator (показатель) or a required attachment."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="items", verbose_name="форма")
    position = models.PositiveIntegerField("порядок", default=0)
    kind = models.CharField("вид пункта", max_length=20, choices=ItemKind.choices, default=ItemKind.INDICATOR)
    title = models.CharField("формулировка", max_length=1000)
    hint = models.TextField("подсказка", blank=True)
    # Formulas and the prefill from system facts find an indicator by its code.
    code = models.SlugField("код", max_length=60, blank=True, help_text="Латиницей, например events_held.")
    value_type = models.CharField(
        "тип значения", max_length=20, choices=ValueType.choices, default=ValueType.INTEGER, blank=True
    )
    unit = models.CharField("единица измерения", max_length=50, blank=True)
    min_value = models.DecimalField("не меньше", max_digits=14, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField("не больше", max_digits=14, decimal_places=4, null=True, blank=True)
    options = models.JSONField("варианты ответа", default=list, blank=True)
    required = models.BooleanField("обязательный", default=True)
    allowed_types = models.CharField(
        "допустимые типы файлов", max_length=200, blank=True, default=DEFAULT_ATTACHMENT_TYPES
    )

    class Meta:
        verbose_name = "пункт формы отчёта"
        verbose_name_plural = "пункты форм отчётов"
        ordering = ["form", "position", "id"]
        indexes = [models.Index(fields=["form", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "code"],
                condition=~models.Q(code=""),
                name="report_item_code_unique_in_form",
                violation_error_message="Пункт с таким кодом в форме уже есть.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_section(self) -> bool:
        return self.kind == ItemKind.SECTION

    @property
    def is_indicator(self) -> bool:
        return self.kind == ItemKind.INDICATOR

    @property
    def is_attachment(self) -> bool:
        return self.kind == ItemKind.ATTACHMENT

    @property
    def type_label(self) -> str:
        if self.is_indicator:
            return self.get_value_type_display()
        return self.get_kind_display()

    @property
    def label(self) -> str:
        """The title with its unit, without saying the counted noun twice («Публикаций по теме проекта»)."""
        return label_with_unit(self.title, self.unit) if self.is_indicator else self.title

    @property
    def extensions(self) -> tuple[str, ...]:
        parts = [p.strip().lower() for p in self.allowed_types.replace(";", ",").split(",") if p.strip()]
        return tuple(p if p.startswith(".") else f".{p}" for p in parts)


class CampaignQuerySet(models.QuerySet):
    def of_territories(self, municipality_ids):
        """Campaigns of these municipalities and the region-wide ones of their regions."""

        regions = Municipality.objects.filter(pk__in=municipality_ids).values("region_id")
        return self.filter(
            models.Q(municipality_id__in=municipality_ids) | models.Q(municipality__isnull=True, region_id__in=regions)
        )


class Campaign(models.Model):
    """A reporting campaign: who reports on what period, by which deadline, on which form."""

    title = models.CharField("наименование", max_length=500)
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="report_campaigns", verbose_name="регион"
    )
    # Empty: the campaign runs across the whole region.
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_campaigns",
        verbose_name="муниципалитет",
    )
    period_start = models.DateField("отчётный период с")
    period_end = models.DateField("отчётный период по")
    deadline = models.DateField("срок представления отчётов")
    audience = models.CharField("кто отчитывается", max_length=20, choices=Audience.choices, default=Audience.SITES)
    site_kinds = models.ManyToManyField(
        "registry.SiteKind", blank=True, related_name="report_campaigns", verbose_name="виды площадок"
    )
    form = models.OneToOneField(
        ReportForm, on_delete=models.PROTECT, related_name="campaign", verbose_name="форма отчёта"
    )
    state = models.CharField("состояние", max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT)
    opened_at = models.DateTimeField("начат сбор", null=True, blank=True)
    closed_at = models.DateTimeField("завершена", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "отчётная кампания"
        verbose_name_plural = "отчётные кампании"
        ordering = ["-period_start", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["region", "state"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["-period_start", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_campaign_period_order",
                violation_error_message="Конец отчётного периода не может быть раньше его начала.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:campaign", args=[self.pk])

    @property
    def territory(self):
        return self.municipality or self.region

    @property
    def period_label(self) -> str:
        return f"с {russian_date(self.period_start)} по {russian_date(self.period_end)}"

    @property
    def is_draft(self) -> bool:
        return self.state == CampaignState.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state == CampaignState.OPEN


class Report(Versioned):
    """One organization's (or one site's) report in a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports", verbose_name="кампания")
    organization = models.ForeignKey(
        "reference.Organization", on_delete=models.PROTECT, related_name="reports", verbose_name="организация"
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name="площадка",
    )
    # The organization's territory, copied: the curators who accept the report are its staff.
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="reports", verbose_name="муниципалитет"
    )
    state = models.CharField("состояние", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    first_submitted_at = models.DateTimeField("впервые представлен", null=True, blank=True)
    submitted_at = models.DateTimeField("представлен", null=True, blank=True)
    # Decided at the first submission: a report on time that comes back for fixes stays on time.
    submitted_late = models.BooleanField("представлен с опозданием", default=False)
    accepted_at = models.DateTimeField("принят", null=True, blank=True)
    remarks = models.TextField("замечания куратора", blank=True)
    prefilled_at = models.DateTimeField("заполнен по данным системы", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "отчёт"
        verbose_name_plural = "отчёты"
        ordering = ["campaign", "organization__short_name", "id"]
        indexes = [
            models.Index(fields=["campaign", "state"]),
            models.Index(fields=["campaign", "submitted_late"]),
            models.Index(fields=["organization", "state"]),
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["site", "state"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "site"], condition=models.Q(site__isnull=False), name="report_once_per_site"
            ),
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                condition=models.Q(site__isnull=True),
                name="report_once_per_organization",
            ),
        ]

    def __str__(self):
        return f"Отчёт {self.organization} — {self.campaign}"

    def get_absolute_url(self):
        return reverse("reports:report", args=[self.pk])

    @property
    def subject(self) -> str:
        """Whose report it is, as a heading says it."""
        if self.site_id:
            return f"{self.site.kind} — {self.organization}"
        return str(self.organization)

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def is_late_on(self, today: dt.date) -> bool:
        if self.submitted_late:
            return True
        return self.first_submitted_at is None and today > self.campaign.deadline

    @property
    def is_late(self) -> bool:
        return self.is_late_on(timezone.localdate())


class Answer(models.Model):
    """The answer to one item: text for sections and choices, a number, yes/no, or a file."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers", verbose_name="отчёт")
    item = models.ForeignKey(FormItem, on_delete=models.CASCADE, related_name="answers", verbose_name="пункт")
    text = models.TextField("текст", blank=True)
    number = models.DecimalField("число", max_digits=14, decimal_places=4, null=True, blank=True)
    flag = models.BooleanField("да / нет", null=True, blank=True)
    file = models.FileField("файл", upload_to=RandomName("reports"), blank=True)
    file_name = file_name_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ответ"
        verbose_name_plural = "ответы"
        ordering = ["report", "item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "item"], name="report_answer_once_per_item")]
        indexes = [models.Index(fields=["item"])]

    def __str__(self):
        return f"{self.item}: {self.display}"

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.number is None and self.flag is None and not self.file

    @property
    def display(self) -> str:
        item = self.item
        if item.is_attachment:
            return display_name(self.file, self.file_name) if self.file else ""
        if item.is_section or item.value_type == ValueType.CHOICE:
            return self.text
        if item.value_type == ValueType.BOOLEAN:
            return "" if self.flag is None else ("Да" if self.flag else "Нет")
        if self.number is None:
            return ""
        return format_number(self.number, item.value_type)

    @property
    def display_with_unit(self) -> str:
        """«1 мероприятие», «2 публикации»: the value and a unit that agrees with it."""
        return with_unit(self.number, self.display, self.item.unit) if self.item.is_indicator else self.display

    @property
    def value(self):
        """What goes into a spreadsheet cell: a number stays a number."""
        item = self.item
        if item.is_indicator and item.value_type == ValueType.INTEGER and self.number is not None:
            return int(self.number)
        if item.is_indicator and item.value_type == ValueType.DECIMAL and self.number is not None:
            return float(self.number)
        return self.display


def format_number(number, value_type: str) -> str:
    if value_type == ValueType.INTEGER:
        return str(int(number))
    text = f"{number.normalize():f}" if hasattr(number, "normalize") else str(number)
    return text.replace(".", ",")


class ReportEvent(models.Model):
    """Every step of a report: who moved it, when, with what remarks."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events", verbose_name="отчёт")
    from_state = models.CharField(max_length=20, choices=ReportState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReportState.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    remarks = models.TextField("замечания", blank=True)

    class Meta:
        verbose_name = "шаг отчёта"
        verbose_name_plural = "история отчётов"
        ordering = ["report", "at", "id"]
        indexes = [models.Index(fields=["report", "at"])]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def label(self) -> str:
        if self.to_state == ReportState.SUBMITTED and self.from_state == ReportState.RETURNED:
            return "Представлен повторно"
        return {
            ReportState.SUBMITTED: "Представлен",
            ReportState.ACCEPTED: "Принят",
            ReportState.RETURNED: "Возвращён на доработку",
            ReportState.DRAFT: "Создан",
        }[self.to_state]
