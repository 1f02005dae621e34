"""The site passport: what a site is about, in the sections of the regional passport (seed 002), for every site of
the registry whatever its origin. Every saved edit is a version in its history (who, when, what changed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.dates import academic_year_label
from innoinfra.core.versioning import Versioned

from .sections import BY_CODE, SECTIONS


def _text(code: str, max_length: int | None = None):
    label = BY_CODE[code].label
    if max_length:
        return models.CharField(label, max_length=max_length, blank=True)
    return models.TextField(label, blank=True)


class SitePassport(Versioned):
    site = models.OneToOneField(
        "registry.Site", on_delete=models.CASCADE, related_name="passport", verbose_name="площадка"
    )
    organization_name = _text("organization_name", 500)
    organization_short_name = _text("organization_short_name", 255)
    address = _text("address", 500)
    contacts = _text("contacts")
    head_name = _text("head_name", 255)
    supervisor = _text("supervisor")
    authors = _text("authors")
    theme = _text("theme")
    main_idea = _text("main_idea")
    goal = _text("goal")
    tasks = _text("tasks")
    normative_base = _text("normative_base")
    significance = _text("significance")
    novelty = _text("novelty")
    practical_significance = _text("practical_significance")
    expected_results = _text("expected_results")
    resources = _text("resources")
    partners = _text("partners")
    experience = _text("experience")
    # [{"year": 2023, "text": "…"}] sorted by year: the tasks of each academic year (2023 = 2023/2024 учебный год).
    # Kept inside the passport (not in rows of their own) so that one version holds the whole passport.
    year_tasks = models.JSONField("задачи на учебный год", default=list, blank=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "паспорт площадки"
        verbose_name_plural = "паспорта площадок"

    def __str__(self):
        return f"Паспорт: {self.theme or self.site_id}"

    def get_absolute_url(self):
        return reverse("passports:detail", args=[self.site_id])

    def sections(self, *, with_private: bool) -> list[tuple[object, str]]:
        """(section, text) in the seed's order; contacts only `with_private`."""
        return [(s, getattr(self, s.code)) for s in SECTIONS if with_private or not s.private]

    def year_task_entries(self) -> list[tuple[str, str]]:
        """(«2023/2024 учебный год», text) by year, empty years left out."""
        return [
            (academic_year_label(int(e["year"])), e["text"])
            for e in sorted(self.year_tasks or [], key=lambda e: int(e["year"]))
            if str(e.get("text", "")).strip()
        ]

    @property
    def is_saved(self) -> bool:
        return self.pk is not None
