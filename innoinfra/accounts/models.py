from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .enums import BodyPosition, Role


class User(AbstractUser):
    middle_name = models.CharField("отчество", max_length=150, blank=True)
    position = models.CharField("должность", max_length=255, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    organization = models.ForeignKey(
        "reference.Organization",
        verbose_name="место работы",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """«Загуменнова Л.В.» as in official documents."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip() if self.last_name else self.username


class MembershipQuerySet(models.QuerySet):
    def active(self):
        from django.utils import timezone

        today = timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=today)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )


class Membership(models.Model):
    """A role a user holds within a scope: a territory, an organization or a collegial body.

    No scope at all means the whole installation (e.g. the regional methodist).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name="пользователь")
    role = models.CharField("роль", max_length=20, choices=Role.choices, db_index=True)
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.CASCADE, verbose_name="регион"
    )
    municipality = models.ForeignKey(
        "reference.Municipality", null=True, blank=True, on_delete=models.CASCADE, verbose_name="муниципалитет"
    )
    organization = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.CASCADE, verbose_name="организация"
    )
    body = models.ForeignKey(
        "reference.Body", null=True, blank=True, on_delete=models.CASCADE, verbose_name="коллегиальный орган"
    )
    body_position = models.CharField("должность в органе", max_length=20, choices=BodyPosition.choices, blank=True)
    start_date = models.DateField("с", null=True, blank=True)
    end_date = models.DateField("по", null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    # Who granted, changed or removed which role, and when: staff read it on the user's page.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        ordering = ["user_id", "role"]

    def __str__(self):
        return f"{self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        scope = self.body or self.organization or self.municipality or self.region
        return str(scope) if scope else "вся система"

    def clean(self):
        scopes = [s for s in (self.region_id, self.municipality_id, self.organization_id, self.body_id) if s]
        if len(scopes) > 1:
            raise ValidationError("Укажите одну область действия роли: регион, муниципалитет, организацию или орган.")
        if self.role == Role.ORG_ADMIN and not self.organization_id:
            raise ValidationError("Для роли руководителя ОО укажите организацию.")
        if self.body_position and not self.body_id:
            raise ValidationError("Должность в органе указывается только вместе с органом.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError("Дата окончания раньше даты начала.")
