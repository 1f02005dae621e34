"""The plan and its execution report as Word and Excel files."""

from __future__ import annotations

from django.utils import timezone

from innoinfra.core.downloads import DOCX_CONTENT_TYPE, attachment
from innoinfra.core.site_url import site_origin
from innoinfra.core.xlsx import XLSX_CONTENT_TYPE

from .plans import visible_plan


def _name(plan, suffix: str) -> str:
    return f"plan-{plan.pk}{suffix}"


def plan_docx(request, pk):
    from ..word_export import plan_docx as build

    plan = visible_plan(request, pk)
    content = build(plan, base_url=site_origin(request))
    return attachment(content, _name(plan, ".docx"), DOCX_CONTENT_TYPE)


def plan_xlsx(request, pk):
    from ..exports import plan_xlsx as build

    plan = visible_plan(request, pk)
    return attachment(build(plan), _name(plan, ".xlsx"), XLSX_CONTENT_TYPE)


def report_docx(request, pk):
    from ..exports import execution_report_docx as build

    plan = visible_plan(request, pk)
    return attachment(build(plan, today=timezone.localdate()), _name(plan, "-report.docx"), DOCX_CONTENT_TYPE)


def report_xlsx(request, pk):
    from ..exports import execution_report_xlsx as build

    plan = visible_plan(request, pk)
    return attachment(build(plan, today=timezone.localdate()), _name(plan, "-report.xlsx"), XLSX_CONTENT_TYPE)
