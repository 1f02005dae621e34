"""Monitoring documents that take seconds on a region — the analytical report in Word and the full lists in Excel —
built in the background through core.exports; registered by MonitoringConfig.ready."""

from __future__ import annotations

from django.utils import timezone

from innoinfra.core.dates import academic_year_label
from innoinfra.core.downloads import document_filename
from innoinfra.core.errors import ServiceError
from innoinfra.core.exports import ExportFile, ExportKind, register
from innoinfra.core.xlsx import build_workbook

from .filters import monitoring_filters
from .report import REPORT_STEPS, build_report
from .tables import LIST_TITLES, LISTS, build

PERM = "monitoring.view_dashboard"
FILTERS = ("year", "municipality")


def report_title(*, user, parameters) -> str:
    # monitoring_filters refuses a territory outside the user's own before anything is queued
    f = monitoring_filters(user, parameters)
    return f"Аналитическая справка за {academic_year_label(f.year)} — {f.territory_label}"


def build_report_file(*, user, parameters, progress) -> ExportFile:
    f = monitoring_filters(user, parameters)
    content = build_report(f, timezone.localdate(), progress=lambda done: progress(done, REPORT_STEPS))
    title = report_title(user=user, parameters=parameters)
    suffix = f"-{f.municipality.pk}" if f.municipality else ""
    name = document_filename(title, ".docx", fallback=f"analytical-report-{f.year}-{f.year + 1}{suffix}")
    return ExportFile(name, content)


def _list_key(parameters) -> str:
    key = parameters.get("table", "")
    if key not in LISTS:
        raise ServiceError("Такой таблицы нет.")
    return key


def list_title(*, user, parameters) -> str:
    key = _list_key(parameters)
    f = monitoring_filters(user, parameters)
    return f"{LIST_TITLES[key]} за {academic_year_label(f.year)} — {f.territory_label} (Excel)"


def build_list_file(*, user, parameters, progress) -> ExportFile:
    key = _list_key(parameters)
    f = monitoring_filters(user, parameters)
    progress(0, 2)
    table = build(key, f, timezone.localdate(), whole=True)
    progress(1, 2)
    content = build_workbook(table.title, table.headers, table.rows)
    suffix = f"-{f.municipality.pk}" if f.municipality else ""
    return ExportFile(f"monitoring-{key}-{f.year}{suffix}.xlsx", content)


def register_exports() -> None:
    register(ExportKind("monitoring-report", PERM, report_title, build_report_file, FILTERS))
    register(ExportKind("monitoring-list", PERM, list_title, build_list_file, (*FILTERS, "table")))
