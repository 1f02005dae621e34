from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from innoinfra.core.dates import russian_date
from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.search import normalize
from innoinfra.core.versioning import Versioned
from innoinfra.reference.enums import CycleStage
from innoinfra.reference.models import Direction, Municipality, Organization

from .enums import (
    CURRENT_STATES,
    UPCOMING,
    AgreementState,
    Level,
    MemberKind,
    MemberRole,
    ParticipantRole,
    SiteState,
)


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


def order_number_key(number: str) -> str:
    """What makes two order numbers the same: «№ 12-Р», «12-р» and « 12 - р » name one order."""
    return "".join((number or "").replace("№", "").casefold().split())


class Order(models.Model):
    """A legal act (приказ) behind statuses and plans. A territory's issuer never gives two orders one number on one
    day, so a number (compared by `number_key`) and a date name at most one order per territory (a constraint)."""

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
    file = models.FileField("файл", upload_to=RandomName("orders"), blank=True)
    file_name = file_name_field()
    search_text = models.TextField(editable=False, blank=True, default="")
    # The number as compared for duplicates (case, spaces and «№» aside), kept in a column so that the database
    # itself refuses a second order, on SQLite (whose LOWER() knows no Cyrillic) as on PostgreSQL.
    number_key = models.CharField(max_length=50, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text", "number_key"])

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["municipality", "-date"]),
            # the list's order to the last key, so the page is read off the index, not sorted out of every order
            models.Index(fields=["-date", "-id"], name="order_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "date", "number_key"],
                condition=models.Q(municipality__isnull=False),
                name="order_unique_number_per_territory",
            ),
            # Orders of no territory (a region's ministry) are one issuer's series too; NULLs never clash otherwise.
            models.UniqueConstraint(
                fields=["date", "number_key"],
                condition=models.Q(municipality__isnull=True),
                name="order_unique_number_without_territory",
            ),
        ]

    def __str__(self):
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number}"

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)

    def get_absolute_url(self):
        return reverse("registry:order", args=[self.pk])

    @property
    def issuer_label(self) -> str:
        return self.issuer_name or (self.issuer.full_name if self.issuer else "")

    def save(self, *args, **kwargs):
        self.search_text = normalize(f"{self.number} {self.title} {self.issuer_name}")
        self.number_key = order_number_key(self.number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "number_key", "search_text"}
        super().save(*args, **kwargs)


# The life cycle read from the dates. The stored state lags behind the calendar until the daily job
# (`manage.py expire_statuses`) records an expiry, so every list, count, filter and badge asks these instead of
# `state` alone: the registry, its API, the map, the home page and monitoring say the same thing on the same day.


def _today(today):
    return today or timezone.localdate()


def _q(prefix: str, **lookups) -> models.Q:
    """Lookups on a site, or on a site reached through a relation (prefix «participations__site__»)."""
    return models.Q(**{prefix + key: value for key, value in lookups.items()})


def expired_q(today=None, prefix: str = "") -> models.Q:
    """The period is over: recorded by the job, or still waiting for it (a current state past its end date)."""
    return _q(prefix, state=SiteState.EXPIRED) | _q(prefix, state__in=CURRENT_STATES, end_date__lt=_today(today))


def not_ended_q(today=None, prefix: str = "") -> models.Q:
    return _q(prefix, end_date__isnull=True) | _q(prefix, end_date__gte=_today(today))


def current_q(today=None, prefix: str = "") -> models.Q:
    """Holds a status now or from a date to come (active or suspended, period not over)."""
    return _q(prefix, state__in=CURRENT_STATES) & not_ended_q(today, prefix)


def upcoming_q(today=None, prefix: str = "") -> models.Q:
    """Granted by an order whose period begins later: «Вступает в силу …»."""
    return _q(prefix, state=SiteState.ACTIVE, start_date__gt=_today(today)) & not_ended_q(today, prefix)


def in_force_q(today=None, prefix: str = "") -> models.Q:
    """«Действует»: the one definition of an active status, for every page, export, API and figure."""
    today = _today(today)
    begun = _q(prefix, start_date__isnull=True) | _q(prefix, start_date__lte=today)
    return _q(prefix, state=SiteState.ACTIVE) & begun & not_ended_q(today, prefix)


def effective_state_q(state: str, today=None) -> models.Q:
    """The filter «Состояние» by what a reader sees (the badge), not by the stored column."""
    if state == SiteState.ACTIVE:
        return in_force_q(today)
    if state == UPCOMING:
        return upcoming_q(today)
    if state == SiteState.EXPIRED:
        return expired_q(today)
    if state == SiteState.SUSPENDED:
        return models.Q(state=SiteState.SUSPENDED) & not_ended_q(today)
    return models.Q(state=state)


def effective_state(site, today=None) -> str:
    """The same rules for one site already loaded: no query."""
    today = _today(today)
    if site.state in CURRENT_STATES and site.end_date and site.end_date < today:
        return SiteState.EXPIRED
    if site.state == SiteState.ACTIVE and site.start_date and site.start_date > today:
        return UPCOMING
    return site.state


class SiteQuerySet(models.QuerySet):
    def current(self, today=None):
        """Statuses not over: in force, suspended or about to begin (one status per organization counts these)."""
        return self.filter(current_q(today))

    def in_force(self, today=None):
        return self.filter(in_force_q(today))

    def expired(self, today=None):
        return self.filter(expired_q(today))

    def expiring_in_year(self, year: int, today=None):
        """«Истекает в этом году»: statuses not over yet whose period ends in the calendar year."""
        return self.filter(current_q(today), end_date__year=year)

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


class Site(Versioned):
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
    # where the site's project stands in the innovation cycle (идея → … → тиражирование); empty while nobody said
    cycle_stage = models.CharField(
        "этап инновационного цикла", max_length=20, choices=CycleStage.choices, blank=True, db_index=True
    )
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
            # The registry's order to the last key, alone and after the filter «Вид»: the page is read off the index.
            # A start date alone left the planner sorting each run of equal dates (the runs grow with the registry);
            # this one also serves every range on the start date, so the single-column index is gone.
            models.Index(fields=["-start_date", "-id"], name="site_list_order"),
            models.Index(fields=["kind", "-start_date", "-id"], name="site_kind_list_order"),
            models.Index(fields=["end_date"]),
            # The expiry job, the reminders and the filter «истекает в этом году» look for current states by end.
            models.Index(fields=["state", "end_date"], name="site_state_end_idx"),
            # `?updated_after=` of the API: a regional system takes only what changed since its last sync
            models.Index(fields=["updated_at"], name="site_updated_at"),
        ]

    def __str__(self):
        return f"{self.kind} — {self.lead_organization}"

    def get_absolute_url(self):
        return reverse("portal:site", args=[self.pk])

    def involves(self, organization_id: int | None) -> bool:
        """The organization leads the site or takes part in it (a network or consortium site)."""
        return (
            self.lead_organization_id == organization_id
            or self.participants.filter(organization_id=organization_id).exists()
        )

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES and not (self.end_date and self.end_date < timezone.localdate())

    @property
    def effective_state(self) -> str:
        return effective_state(self)

    @property
    def state_label(self) -> str:
        """What the badge says today: «Действует», «Завершена (срок истёк)», «Вступает в силу 01.01.2027»."""
        state = self.effective_state
        if state == UPCOMING:
            return f"Вступает в силу {self.start_date:%d.%m.%Y}"
        return SiteState(state).label

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


class ComplexMember(models.Model):
    """A member of a complex or a network that is not an organization of the system: a creative team, a laboratory
    or a teacher. Organizations stay the site's participants (SiteParticipant): the one list every filter, the map
    and `Site.involves` read, so nobody has to keep two lists of the same schools in step."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="complex_members", verbose_name="площадка")
    kind = models.CharField("вид участника", max_length=20, choices=MemberKind.choices)
    # a team's or a laboratory's name, or a teacher's full name
    name = models.CharField("наименование или ФИО", max_length=300)
    leader = models.CharField("руководитель", max_length=300, blank=True)
    people = models.TextField("состав", blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complex_members",
        verbose_name="организация",
    )
    organization_name = models.CharField("организация (если нет в системе)", max_length=500, blank=True)
    role = models.CharField("роль", max_length=20, choices=MemberRole.choices, default=MemberRole.PARTICIPANT)
    note = models.TextField("примечание", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "участник комплекса (сети)"
        verbose_name_plural = "участники комплексов (сетей)"
        ordering = ["kind", "name", "id"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display().lower()})"

    @property
    def organization_label(self) -> str:
        return self.organization.short_name if self.organization else self.organization_name


# An agreement ending within this many days is «истекает» on pages and in the staff list.
AGREEMENT_EXPIRING_DAYS = 30


class Agreement(models.Model):
    """A network agreement (сетевое соглашение) of a complex or a network: parties, subject, term and the signed
    file. Its state is read from the term, never stored, so every page says the same on the same day."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="agreements", verbose_name="площадка")
    number = models.CharField("номер", max_length=50)
    date = models.DateField("дата")
    subject = models.CharField("предмет соглашения", max_length=1000)
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="agreements", verbose_name="стороны (организации системы)"
    )
    external_parties = models.TextField("другие стороны", blank=True, help_text="По одной на строке.")
    start_date = models.DateField("начало действия", null=True, blank=True)
    end_date = models.DateField("окончание действия", null=True, blank=True, db_index=True)
    file = models.FileField("файл", upload_to=RandomName("agreements"), blank=True)
    file_name = file_name_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[organizations])

    class Meta:
        verbose_name = "сетевое соглашение"
        verbose_name_plural = "сетевые соглашения"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Сетевое соглашение № {self.number} от {russian_date(self.date)}"

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)

    @property
    def external_party_list(self) -> list[str]:
        return [line.strip() for line in self.external_parties.splitlines() if line.strip()]

    def state(self, today=None) -> str:
        return agreement_state(self, today)

    @property
    def state_label(self) -> str:
        return AgreementState(self.state()).label

    @property
    def days_left(self) -> int | None:
        return (self.end_date - timezone.localdate()).days if self.end_date else None


def agreement_state(agreement, today=None) -> str:
    today = _today(today)
    if agreement.end_date and agreement.end_date < today:
        return AgreementState.EXPIRED
    if agreement.start_date and agreement.start_date > today:
        return AgreementState.UPCOMING
    if agreement.end_date and (agreement.end_date - today).days <= AGREEMENT_EXPIRING_DAYS:
        return AgreementState.EXPIRING
    return AgreementState.ACTIVE


def agreement_state_q(state: str, today=None) -> models.Q:
    """The same states as a filter, for the staff list and the API."""
    today = _today(today)
    soon = today + dt.timedelta(days=AGREEMENT_EXPIRING_DAYS)
    begun = models.Q(start_date__isnull=True) | models.Q(start_date__lte=today)
    if state == AgreementState.EXPIRED:
        return models.Q(end_date__lt=today)
    if state == AgreementState.UPCOMING:
        return models.Q(start_date__gt=today) & (models.Q(end_date__isnull=True) | models.Q(end_date__gte=today))
    if state == AgreementState.EXPIRING:
        return begun & models.Q(end_date__gte=today, end_date__lte=soon)
    return begun & (models.Q(end_date__isnull=True) | models.Q(end_date__gt=soon))


class MapGrid(models.Model):
    """The state of the map's summary (MapCell): built for which day, whether a change has made it stale since, and
    the number and extent of what it counts. One row (pk=1). The map trusts the summary only when it was built today
    and is not stale (registry.mapgrid)."""

    built_on = models.DateField(null=True)
    stale = models.BooleanField(default=True)
    total = models.PositiveIntegerField(default=0)
    south = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    west = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    north = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    east = models.DecimalField(max_digits=9, decimal_places=6, null=True)

    def __str__(self):
        return f"Сводка карты на {self.built_on}" + (" (устарела)" if self.stale else "")


class MapCell(models.Model):
    """The organizations the unfiltered map shows (statuses in force today), counted per cell of the map's grid at
    each zoom band (mapdata.band_steps): a whole-region map reads at most 33 × 33 of these rows instead of grouping
    every organization."""

    zoom = models.PositiveSmallIntegerField()
    cell_lat = models.IntegerField()
    cell_lng = models.IntegerField()
    count = models.PositiveIntegerField()
    lat = models.FloatField()
    lon = models.FloatField()
    south = models.DecimalField(max_digits=9, decimal_places=6)
    west = models.DecimalField(max_digits=9, decimal_places=6)
    north = models.DecimalField(max_digits=9, decimal_places=6)
    east = models.DecimalField(max_digits=9, decimal_places=6)

    class Meta:
        indexes = [models.Index(fields=["zoom"], name="mapcell_zoom")]

    def __str__(self):
        return f"{self.zoom}: ({self.cell_lat}, {self.cell_lng}) — {self.count}"
