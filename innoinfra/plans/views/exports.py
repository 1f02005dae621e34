"""The plan and its execution report as Word and Excel files, named after the plan's title."""

from __future__ import annotations

from django.utils import timezone

from innoinfra.core.downloads import DOCX_CONTENT_TYPE, attachment, document_filename
from innoinfra.core.site_url import absolute_url
from innoinfra.core.xlsx import XLSX_CONTENT_TYPE

from .plans import visible_plan


def _name(plan, suffix: str) -> str:
    return document_filename(plan.title, suffix, fallback=f"plan-{plan.pk}")


def plan_docx(request, pk):
    from ..word_export import plan_docx as build

    plan = visible_plan(request, pk)
    content = build(plan, url=absolute_url(plan.get_absolute_url(), request=request))
    return attachment(content, _name(plan, ".docx"), DOCX_CONTENT_TYPE)


def plan_xlsx(request, pk):
    from ..exports import plan_xlsx as build

    plan = visible_plan(request, pk)
    return attachment(build(plan), _name(plan, ".xlsx"), XLSX_CONTENT_TYPE)


def report_docx(request, pk):
    from ..exports import execution_report_docx as build

    plan = visible_plan(request, pk)
    name = document_filename(f"Отчёт о выполнении — {plan.title}", ".docx", fallback=f"plan-{plan.pk}-report")
    return attachment(build(plan, today=timezone.localdate()), name, DOCX_CONTENT_TYPE)


def report_xlsx(request, pk):
    from ..exports import execution_report_xlsx as build

    plan = visible_plan(request, pk)
    name = document_filename(f"Отчёт о выполнении — {plan.title}", ".xlsx", fallback=f"plan-{plan.pk}-report")
    return attachment(build(plan, today=timezone.localdate()), name, XLSX_CONTENT_TYPE)
