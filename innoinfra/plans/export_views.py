"""The plan and its execution report as Word and Excel files."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from .views import visible_plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _name(plan, suffix: str) -> str:
    return f"plan-{plan.pk}{suffix}"


def plan_docx(request, pk):
    from .word_export import plan_docx as build

    plan = visible_plan(request, pk)
    return _file(build(plan, base_url=request.build_absolute_uri("/").rstrip("/")), DOCX, _name(plan, ".docx"))


def plan_xlsx(request, pk):
    from .exports import plan_xlsx as build

    plan = visible_plan(request, pk)
    return _file(build(plan), XLSX, _name(plan, ".xlsx"))


def report_docx(request, pk):
    from .exports import execution_report_docx as build

    plan = visible_plan(request, pk)
    return _file(build(plan, today=timezone.localdate()), DOCX, _name(plan, "-report.docx"))


def report_xlsx(request, pk):
    from .exports import execution_report_xlsx as build

    plan = visible_plan(request, pk)
    return _file(build(plan, today=timezone.localdate()), XLSX, _name(plan, "-report.xlsx"))
