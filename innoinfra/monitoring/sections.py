"""The monitoring pages and the tables each shows: the pages draw them, the snapshot refresh computes them ahead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    url_name: str
    title: str
    tables: tuple[str, ...]


SECTIONS = {
    "sites": Section(
        "monitoring:index",
        "Площадки",
        ("sites_by_kind", "sites_by_level", "sites_by_direction", "sites_by_municipality", "trends"),
    ),
    "applications": Section("monitoring:applications", "Конкурсы", ("applications",)),
    "plans": Section(
        "monitoring:plans", "Исполнение планов", ("plan_execution", "plan_execution_by_municipality", "overdue_sites")
    ),
    "events": Section(
        "monitoring:events",
        "Мероприятия, публикации, консультации и наставничество",
        ("events_by_format", "events_by_month", "publications_by_level", "consultations", "mentoring"),
    ),
    "deficits": Section("monitoring:deficits", "Дефициты и просрочки", ("deficits", "late_reports")),
}
