"""Reference data every other app points at: territories, organizations, directions, collegial bodies.

These tables were born in `registry` and `council`; they moved here so that accounts (whose roles are
scoped by a territory, an organization or a body) sits above them and below the registry. The tables keep
their old names (`db_table`), so moving them changed no row.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.search import normalize
from innoinfra.core.timezones import RUSSIAN_TIME_ZONES, default_time_zone
from innoinfra.core.versioning import Versioned

from .enums import OrganizationType


class Region(models.Model):
    name = models.CharField("наименование", max_length=200, unique=True)
    code = models.CharField("код субъекта", max_length=10, blank=True)

    class Meta:
        db_table = "registry_region"
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
    # Times of the territory's events are shown and entered in its zone (core.timezones); a new row takes the
    # installation's zone, so an installation of one territory needs no setting.
    time_zone = models.CharField(
        "часовой пояс", max_length=40, choices=RUSSIAN_TIME_ZONES, default=default_time_zone
    )

    class Meta:
        db_table = "registry_municipality"
        verbose_name = "муниципальное образование"
        verbose_name_plural = "муниципальные образования"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_in_region")]

    def __str__(self):
        return self.short_name or self.name


inn_validator = RegexValidator(r"^\d{10}(\d{2})?$", "ИНН состоит из 10 цифр (для организаций) или 12 цифр.")


class Organization(Versioned):
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

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"], table_name="registry_historicalorganization"
    )

    class Meta:
        db_table = "registry_organization"
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]
        indexes = [
            models.Index(fields=["municipality", "short_name"]),
            # the public list and the API walk this in their order (name, then id) and stop at the page
            models.Index(fields=["short_name", "id"], name="organization_list_order"),
            models.Index(fields=["type"]),
            models.Index(fields=["inn"]),
            # the map's visible area: a range on latitude, then longitude; with the id, the map's grid is counted
            # from the index alone (registry.mapdata.shown_organizations)
            models.Index(fields=["latitude", "longitude", "id"], name="organization_coordinates"),
            # `?updated_after=` of the API: a regional system takes only what changed since its last sync
            models.Index(fields=["updated_at"], name="organization_updated_at"),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("portal:organization", args=[self.pk])

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


class Direction(models.Model):
    """A direction of innovation activity (функциональная грамотность, наставничество …)."""

    name = models.CharField("наименование", max_length=255, unique=True)

    class Meta:
        db_table = "registry_direction"
        verbose_name = "направление инновационной деятельности"
        verbose_name_plural = "направления инновационной деятельности"
        ordering = ["name"]

    def __str__(self):
        return self.name


class BodyKind(models.TextChoices):
    EXPERT_COUNCIL = "expert_council", "Муниципальный экспертный совет"
    MANAGEMENT_COUNCIL = "management_council", "Совет по управлению инновациями"
    CREATIVE_GROUP = "creative_group", "Творческая группа"
    OTHER = "other", "Иной коллегиальный орган"


class Body(models.Model):
    """A collegial body; its members are memberships with a body position (accounts.Membership)."""

    name = models.CharField("наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=100, blank=True)
    kind = models.CharField("вид", max_length=30, choices=BodyKind.choices, default=BodyKind.EXPERT_COUNCIL)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name="муниципалитет",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name="при организации",
    )

    class Meta:
        db_table = "council_body"
        verbose_name = "коллегиальный орган"
        verbose_name_plural = "коллегиальные органы"
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("council:body", args=[self.pk])
