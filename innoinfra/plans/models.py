from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.dates import academic_year_label
from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.search import normalize
from innoinfra.core.versioning import Versioned

from .enums import (
    DEFAULT_COLUMNS,
    EDITABLE_STATES,
    OPEN_STATUSES,
    Column,
    OccurrenceStatus,
    OwnerKind,
    PeriodKind,
    PlanKind,
    PlanState,
    SectionKind,
    TimingKind,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_columns() -> list[str]:
    return [str(column) for column in DEFAULT_COLUMNS]


class Plan(Versioned):
    """A roadmap, an event plan or a work plan: ordered sections of items with timing and execution."""

    kind = models.CharField("вид плана", max_length=30, choices=PlanKind.choices, default=PlanKind.EVENT_PLAN)
    title = models.CharField("наименование", max_length=1000)
    purpose = models.TextField("цель", blank=True)
    preamble = models.TextField("пояснения (условные обозначения и т. п.)", blank=True)
    owner_kind = models.CharField("чей план", max_length=30, choices=OwnerKind.choices)
    # The territory whose staff run the plan; set from the owner by services.
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="plans", verbose_name="муниципалитет"
    )
    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="организация",
    )
    site = models.ForeignKey(
        "registry.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="plans", verbose_name="площадка"
    )
    body = models.ForeignKey(
        "reference.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="коллегиальный орган",
    )
    period_kind = models.CharField(
        "вид периода", max_length=20, choices=PeriodKind.choices, default=PeriodKind.ACADEMIC_YEAR
    )
    period_start = models.DateField("начало периода")
    period_end = models.DateField("окончание периода")
    columns = models.JSONField("столбцы", default=default_columns)
    state = models.CharField(
        "состояние", max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    order = models.ForeignKey(
        "registry.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="утверждён приказом",
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_plans",
        verbose_name="ответственный за план",
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name="копия плана"
    )
    source_file = models.FileField("исходный файл", upload_to=RandomName("plans/sources", name_field=None), blank=True)
    # The approval as the imported document states it («УТВЕРЖДЕНО приказом … от … № …»): a fact about the
    # district's own paper, kept apart from `order`, the order recorded in this system.
    document_approved_by = models.CharField("кем утверждён (по документу)", max_length=500, blank=True)
    document_order_number = models.CharField("номер приказа (по документу)", max_length=100, blank=True)
    document_order_date = models.DateField("дата приказа (по документу)", null=True, blank=True)
    document_responsible = models.TextField("ответственные (по документу)", blank=True, help_text="по одному в строке")
    feed_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "feed_token", "updated_at"])

    class Meta:
        verbose_name = "план"
        verbose_name_plural = "планы"
        ordering = ["-period_start", "title"]
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["-period_start", "title"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def owner(self):
        return {
            OwnerKind.SITE: self.site,
            OwnerKind.BODY: self.body,
            OwnerKind.ORGANIZATION: self.organization,
            OwnerKind.METHODICAL_CENTER: self.organization,
        }.get(self.owner_kind) or self.municipality

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.ACADEMIC_YEAR:
            return academic_year_label(self.period_start.year)
        if self.period_kind == PeriodKind.CALENDAR_YEAR or self.period_start.year == self.period_end.year:
            return f"{self.period_start.year} год"
        return f"{self.period_start.year}–{self.period_end.year} годы"

    @property
    def column_labels(self) -> list[tuple[str, str]]:
        labels = dict(Column.choices)
        return [(column, labels[column]) for column in self.columns if column in labels]

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def save(self, *args, **kwargs):
        self.search_text = normalize(f"{self.title} {self.purpose}")
        super().save(*args, **kwargs)


class PlanSection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name="план")
    position = models.PositiveIntegerField("порядок", default=0)
    title = models.CharField("наименование раздела", max_length=1000, blank=True)
    kind = models.CharField("вид деятельности", max_length=20, choices=SectionKind.choices, blank=True, default="")

    class Meta:
        verbose_name = "раздел плана"
        verbose_name_plural = "разделы плана"
        ordering = ["plan", "position", "id"]

    def __str__(self):
        return self.title or "Без раздела"


class PlanItem(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name="план")
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="items", verbose_name="раздел")
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("№", max_length=20, blank=True)
    activity = models.TextField("мероприятие")
    responsible = models.TextField("ответственный", blank=True)
    responsible_organizations = models.ManyToManyField(
        "reference.Organization", blank=True, related_name="plan_items", verbose_name="ответственные организации"
    )
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="plan_items", verbose_name="ответственные сотрудники"
    )
    timing = models.TextField("сроки", blank=True)
    audience = models.TextField("целевая аудитория", blank=True)
    expected_result = models.TextField("ожидаемый результат", blank=True)
    notes = models.TextField("примечание", blank=True)
    timing_kind = models.CharField(
        "как поняты сроки", max_length=20, choices=TimingKind.choices, default=TimingKind.UNKNOWN
    )
    per_year = models.PositiveSmallIntegerField("раз в год", null=True, blank=True)
    # The methodist set the dates by hand: re-parsing the timing leaves them alone.
    dates_overridden = models.BooleanField("сроки заданы вручную", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "пункт плана"
        verbose_name_plural = "пункты плана"
        ordering = ["plan", "section__position", "position", "id"]
        indexes = [models.Index(fields=["plan", "timing_kind"])]

    def __str__(self):
        return f"{self.number} {self.activity}".strip()

    @property
    def responsible_label(self) -> str:
        """The «Ответственный» text as shown: the free text of the document and, in brackets, the people and
        organizations picked from the directory (read from prefetched relations where the caller prefetched them)."""
        people = [user.short_name for user in self.responsible_users.all()]
        organizations = [org.short_name for org in self.responsible_organizations.all()]
        named = ", ".join(people + organizations)
        if self.responsible and named:
            return f"{self.responsible} ({named})"
        return self.responsible or named

    @property
    def needs_dates(self) -> bool:
        return self.timing_kind == TimingKind.UNKNOWN and not self.dates_overridden


class OccurrenceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)

    def due_between(self, first, last):
        return self.open().filter(due_date__gte=first, due_date__lte=last)


class Occurrence(models.Model):
    """One due date of an item and its execution («отметка о выполнении»)."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="occurrences", verbose_name="пункт")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="occurrences", verbose_name="план")
    start_date = models.DateField("начало")
    due_date = models.DateField("срок")
    status = models.CharField(
        "выполнение", max_length=20, choices=OccurrenceStatus.choices, default=OccurrenceStatus.PLANNED
    )
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    comment = models.TextField("комментарий", blank=True)
    # False when the timing changed and this date is no longer in the schedule, but execution was recorded on it.
    in_schedule = models.BooleanField("в графике", default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = "срок выполнения"
        verbose_name_plural = "сроки выполнения"
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "start_date", "due_date"], name="occurrence_unique_dates"),
            models.CheckConstraint(condition=models.Q(start_date__lte=models.F("due_date")), name="occurrence_order"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # Lists ordered by due date read this index in order and stop after a page.
            models.Index(fields=["due_date", "status"]),
            models.Index(fields=["plan", "due_date"]),
            # The dashboard's page of open occurrences in due-date order: read in order, stopping after a page,
            # without stepping over the done ones (most of the past).
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=[status.value for status in OPEN_STATUSES]),
                name="occurrence_open_due",
            ),
        ]

    def __str__(self):
        return f"{self.item} — {self.due_date:%d.%m.%Y}"

    @property
    def has_execution(self) -> bool:
        """Something a person recorded that re-parsing must not throw away."""
        return self.status != OccurrenceStatus.PLANNED or bool(self.comment) or self.completed_on is not None


class DueCountBase(models.Model):
    """What both summary rows hold: a plan, copied particulars of it, a due date and a count."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    # The plan's territory and owner organization, copied so a territory's rows are read without joining plans
    # (a plan changes them only as a draft, when it has no rows).
    municipality = models.ForeignKey("reference.Municipality", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "reference.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField()
    open_count = models.PositiveIntegerField()

    class Meta:
        abstract = True


class DueCount(DueCountBase):
    """How many open occurrences of an approved plan fall due on one date: the execution dashboard sums these rows
    (about one per plan and date, a tenth of the occurrences and no joins) instead of counting occurrences on
    every request. They hold dates, not «overdue» flags, so tomorrow's overdue count is right without a write.

    Kept by services.refresh_due_counts, which every service that changes a plan's occurrences or its state calls;
    only approved plans have rows (the dashboard shows nothing else, and only drafts are edited)."""

    class Meta:
        verbose_name = "открытые сроки плана на дату"
        verbose_name_plural = "открытые сроки планов по датам"
        constraints = [models.UniqueConstraint(fields=["plan", "due_date"], name="due_count_unique")]
        indexes = [models.Index(fields=["due_date", "municipality"])]

    def __str__(self):
        return f"{self.plan_id} {self.due_date}: {self.open_count}"


class DueCountByOrganization(DueCountBase):
    """The same per responsible organization of the items: the dashboard's «by responsible organization» list."""

    responsible_organization = models.ForeignKey("reference.Organization", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "открытые сроки ответственной организации на дату"
        verbose_name_plural = "открытые сроки ответственных организаций по датам"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "responsible_organization", "due_date"], name="due_count_organization_unique"
            )
        ]
        indexes = [models.Index(fields=["due_date", "municipality"])]

    def __str__(self):
        return f"{self.plan_id} {self.responsible_organization_id} {self.due_date}: {self.open_count}"


class DueCountByMunicipality(models.Model):
    """The open occurrences of a municipality's approved plans falling due on one date, all plans together: the
    execution dashboard's totals for staff of territories read a row per municipality and date instead of one per
    plan and date (a district holds dozens of plans, a region hundreds of districts).

    Kept by services.refresh_due_counts together with DueCount, whose rows it sums: the plans' old rows are taken
    off and their new rows added in the same transaction, with the plans locked, so the sum stays exact; a row that
    falls to zero is deleted. `manage.py refresh_due_counts` rebuilds it from DueCount."""

    municipality = models.ForeignKey("reference.Municipality", on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    # signed: the service subtracts a plan's old rows before adding its new ones
    open_count = models.IntegerField()

    class Meta:
        verbose_name = "открытые сроки муниципалитета на дату"
        verbose_name_plural = "открытые сроки муниципалитетов по датам"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "due_date"], name="due_count_municipality_unique")
        ]

    def __str__(self):
        return f"{self.municipality_id} {self.due_date}: {self.open_count}"


class Evidence(models.Model):
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="evidence", verbose_name="срок выполнения"
    )
    title = models.CharField("описание", max_length=500, blank=True)
    file = models.FileField("файл", upload_to=RandomName("plans/evidence"), blank=True)
    file_name = file_name_field()
    url = models.URLField("ссылка", max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "подтверждение выполнения"
        verbose_name_plural = "подтверждения выполнения"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title or self.url or self.file.name

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)


class OrganizationFeed(models.Model):
    """The private token of an organization's calendar of due dates."""

    organization = models.OneToOneField(
        "reference.Organization", on_delete=models.CASCADE, related_name="plan_feed", verbose_name="организация"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = "календарь сроков организации"
        verbose_name_plural = "календари сроков организаций"

    def __str__(self):
        return f"Календарь сроков: {self.organization}"


__all__ = [
    "DueCount",
    "DueCountByMunicipality",
    "DueCountByOrganization",
    "Evidence",
    "Occurrence",
    "OccurrenceStatus",
    "OrganizationFeed",
    "Plan",
    "PlanItem",
    "PlanSection",
]
