from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.search import normalize

from .enums import CURRENT_STATES, Level, OrganizationType, ParticipantRole, SiteState


class Region(models.Model):
    name = models.CharField("наименование", max_length=200, unique=True)
    code = models.CharField("код субъекта", max_length=10, blank=True)

    class Meta:
        verbose_name = "субъект РФ"
        verbose_name_plural = "субъекты РФ"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="субъект РФ"
    )
    name = models.CharField("наименование", max_length=200)
    short_name = models.CharField("краткое наименование", max_length=100, blank=True)

    class Meta:
        verbose_name = "муниципальное образование"
        verbose_name_plural = "муниципальные образования"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_in_region")]

    def __str__(self):
        return self.short_name or self.name


inn_validator = RegexValidator(r"^\d{10}(\d{2})?$", "ИНН состоит из 10 цифр (для организаций) или 12 цифр.")


class Organization(models.Model):
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=255)
    type = models.CharField("тип", max_length=30, choices=OrganizationType.choices, default=OrganizationType.SCHOOL)
    inn = models.CharField("ИНН", max_length=12, blank=True, validators=[inn_validator])
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name="муниципалитет"
    )
    address = models.CharField("адрес", max_length=500, blank=True)
    latitude = models.DecimalField("широта", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("долгота", max_digits=9, decimal_places=6, null=True, blank=True)
    head_name = models.CharField("руководитель (ФИО)", max_length=255, blank=True)
    head_position = models.CharField("должность руководителя", max_length=255, blank=True, default="Директор")
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("сайт", blank=True)
    is_active = models.BooleanField("действующая", default=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]
        indexes = [
            models.Index(fields=["municipality", "short_name"]),
            models.Index(fields=["type"]),
            models.Index(fields=["inn"]),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("registry:organization", args=[self.pk])

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Укажите обе координаты: широту и долготу, — или ни одной.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": "Широта должна быть от −90 до 90."})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": "Долгота должна быть от −180 до 180."})

    def save(self, *args, **kwargs):
        self.search_text = normalize(
            " ".join([self.full_name, self.short_name, self.address, self.inn, self.head_name])
        )
        super().save(*args, **kwargs)


class Subsystem(models.Model):
    """A subsystem of the infrastructure as the procedure defines it (generating, supporting, …)."""

    code = models.SlugField("код", unique=True)
    name = models.CharField("наименование", max_length=200)
    function = models.TextField("функция", blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "подсистема"
        verbose_name_plural = "подсистемы"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SiteKind(models.Model):
    """A structural unit of the infrastructure: МИП, МАП, центр компетенций, КИП, ФИП …"""

    name = models.CharField("наименование", max_length=255, unique=True)
    abbreviation = models.CharField("сокращение", max_length=30, blank=True)
    subsystem = models.ForeignKey(
        Subsystem, on_delete=models.PROTECT, related_name="kinds", verbose_name="подсистема", null=True, blank=True
    )
    level = models.CharField("уровень", max_length=20, choices=Level.choices, default=Level.MUNICIPAL, db_index=True)
    is_network = models.BooleanField(
        "несколько организаций",
        default=False,
        help_text="Сетевая площадка или комплекс: ведущая организация и участники.",
    )
    description = models.TextField("назначение", blank=True)
    color = models.CharField("цвет на карте", max_length=7, default="#0d6efd")
    rank = models.PositiveSmallIntegerField(
        "вес на карте", default=10, help_text="Чем больше, тем «сильнее» статус при раскраске карты."
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("используется", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "вид структурной единицы"
        verbose_name_plural = "виды структурных единиц"
        ordering = ["position", "name"]

    def __str__(self):
        return self.abbreviation or self.name


class Direction(models.Model):
    """A direction of innovation activity (функциональная грамотность, наставничество …)."""

    name = models.CharField("наименование", max_length=255, unique=True)

    class Meta:
        verbose_name = "направление инновационной деятельности"
        verbose_name_plural = "направления инновационной деятельности"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Order(models.Model):
    """A legal act (приказ) behind statuses and plans."""

    number = models.CharField("номер", max_length=50)
    date = models.DateField("дата", db_index=True)
    title = models.CharField("заголовок", max_length=500)
    issuer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_orders",
        verbose_name="издавший орган",
    )
    issuer_name = models.CharField("издавший орган (как в документе)", max_length=500, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name="муниципалитет",
    )
    text = models.TextField("текст", blank=True)
    # «Контроль за исполнением приказа возложить на …» — whom, in the accusative, as the order's last point says
    control_person = models.CharField("контроль за исполнением возложен на", max_length=300, blank=True)
    file = models.FileField("файл", upload_to="orders/%Y/", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["municipality", "-date"])]

    def __str__(self):
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number}"

    def get_absolute_url(self):
        return reverse("registry:order", args=[self.pk])

    @property
    def issuer_label(self) -> str:
        return self.issuer_name or (self.issuer.full_name if self.issuer else "")

    def save(self, *args, **kwargs):
        self.search_text = normalize(f"{self.number} {self.title} {self.issuer_name}")
        super().save(*args, **kwargs)


class SiteQuerySet(models.QuerySet):
    def current(self):
        return self.filter(state__in=CURRENT_STATES)

    def active_in_year(self, year: int):
        """Sites whose status period touches the calendar year."""
        return self.filter(
            models.Q(start_date__year__lte=year) | models.Q(start_date__isnull=True),
            models.Q(end_date__year__gte=year) | models.Q(end_date__isnull=True),
        )

    def with_list_data(self):
        return self.select_related(
            "kind__subsystem", "lead_organization__municipality__region", "order"
        ).prefetch_related("directions")


class Site(models.Model):
    """The status of an organization (or a consortium) for a period, backed by an order."""

    kind = models.ForeignKey(SiteKind, on_delete=models.PROTECT, related_name="sites", verbose_name="вид")
    theme = models.CharField("тема", max_length=1000)
    lead_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_sites", verbose_name="организация"
    )
    organizations = models.ManyToManyField(
        Organization, through="SiteParticipant", related_name="sites", verbose_name="организации"
    )
    directions = models.ManyToManyField(Direction, blank=True, related_name="sites", verbose_name="направления")
    description = models.TextField("краткое описание", blank=True)
    start_date = models.DateField("начало периода", null=True, blank=True)
    end_date = models.DateField("окончание периода", null=True, blank=True)
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="established_sites", verbose_name="приказ о присвоении статуса"
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_sites",
        verbose_name="куратор",
    )
    curator_name = models.CharField("куратор (если нет в системе)", max_length=255, blank=True)
    supervisor = models.CharField("научный руководитель", max_length=255, blank=True)
    state = models.CharField("состояние", max_length=20, choices=SiteState.choices, default=SiteState.ACTIVE)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], m2m_fields=[directions])
    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = "инновационная площадка"
        verbose_name_plural = "инновационные площадки"
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["state", "-start_date"]),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["end_date"]),
        ]

    def __str__(self):
        return f"{self.kind} — {self.lead_organization}"

    def get_absolute_url(self):
        return reverse("registry:site", args=[self.pk])

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES

    @property
    def curator_label(self) -> str:
        return self.curator.full_name if self.curator else self.curator_name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Окончание периода не может быть раньше начала."})

    def refresh_search_text(self):
        """Rebuilt after the participants and directions are saved (they live in other tables)."""
        parts = [self.theme, self.description, self.supervisor, str(self.kind), self.kind.name]
        parts += [o.full_name + " " + o.short_name for o in self.organizations.all()]
        parts += [d.name for d in self.directions.all()]
        self.search_text = normalize(" ".join(parts))
        Site.objects.filter(pk=self.pk).update(search_text=self.search_text)


class SiteParticipant(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT)

    class Meta:
        verbose_name = "участник площадки"
        verbose_name_plural = "участники площадки"
        constraints = [models.UniqueConstraint(fields=["site", "organization"], name="site_participant_unique")]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class SiteStateChange(models.Model):
    """One row per state flip: dated, attributed, with the order that made it legal."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=SiteState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=SiteState.choices)
    date = models.DateField("дата")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="site_state_changes")
    comment = models.TextField("комментарий", blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "изменение состояния площадки"
        verbose_name_plural = "изменения состояния площадок"
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.site_id}: {self.from_state} → {self.to_state}"
