"""Events for teachers (seminars, webinars, master classes …) and the registrations of their participants."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .enums import SEATED_STATES, EventFormat, EventState, RegistrationState


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(models.Model):
    """A dated event of the innovation infrastructure, announced to teachers, with registration."""

    title = models.CharField("название", max_length=500)
    format = models.CharField("форма проведения", max_length=30, choices=EventFormat.choices)
    organizer = models.ForeignKey(
        "registry.Organization", on_delete=models.PROTECT, related_name="events", verbose_name="организатор"
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="на базе площадки",
    )
    # The territory whose staff run the event: the organizer's municipality, set by services.
    municipality = models.ForeignKey(
        "registry.Municipality", on_delete=models.PROTECT, related_name="events", verbose_name="муниципалитет"
    )
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание")
    place = models.CharField("место проведения (адрес)", max_length=500, blank=True)
    online_url = models.URLField("ссылка для подключения", max_length=500, blank=True)
    audience = models.TextField("целевая аудитория", blank=True)
    capacity = models.PositiveIntegerField(
        "число мест", null=True, blank=True, help_text="Пусто — без ограничения числа участников."
    )
    registration_deadline = models.DateTimeField(
        "регистрация до", null=True, blank=True, help_text="Пусто — до начала мероприятия."
    )
    requires_approval = models.BooleanField("участие подтверждает организатор", default=False)
    description = models.TextField("описание", blank=True)
    state = models.CharField("состояние", max_length=20, choices=EventState.choices, default=EventState.DRAFT)
    plan_items = models.ManyToManyField(
        "plans.PlanItem", blank=True, related_name="events", verbose_name="пункты планов"
    )
    published_at = models.DateTimeField("опубликовано", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["state", "starts_at"]),
            models.Index(fields=["municipality", "state", "starts_at"]),
            models.Index(fields=["format", "state", "starts_at"]),
            models.Index(fields=["organizer", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lte=models.F("ends_at")),
                name="event_dates_order",
                violation_error_message="Окончание мероприятия не может быть раньше его начала.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.place

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at


class Registration(models.Model):
    """One person's registration; the token is the participant's own key to their page (no account needed)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name="мероприятие")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="пользователь",
    )
    full_name = models.CharField("фамилия, имя, отчество", max_length=300)
    organization_name = models.CharField("организация", max_length=500, blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    email = models.EmailField("электронная почта")  # stored in lower case by services
    phone = models.CharField("телефон", max_length=50, blank=True)
    consent_at = models.DateTimeField("согласие на обработку персональных данных")
    state = models.CharField(
        "состояние", max_length=20, choices=RegistrationState.choices, default=RegistrationState.CONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField("зарегистрирован(а)", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "token"])

    class Meta:
        verbose_name = "регистрация"
        verbose_name_plural = "регистрации"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["event", "state", "created_at"]),
            models.Index(fields=["user", "state"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            # one live registration per address and event; a cancelled one does not stop registering again
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(state=RegistrationState.CANCELLED),
                name="registration_once_per_email",
            )
        ]

    def __str__(self):
        return f"{self.full_name} — {self.event}"

    def get_absolute_url(self):
        return reverse("events:participant", args=[self.token])

    @property
    def holds_seat(self) -> bool:
        return self.state in SEATED_STATES
