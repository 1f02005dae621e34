"""Monitoring pages: one per group of figures, each chart with its table and an Excel download of that table, and
the yearly analytical report in Word. Thin: the figures come from `tables` (built on `stats`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import build_workbook, xlsx_response

from .filters import monitoring_filters, year_choices
from .forms import TerritoryForm
from .sections import SECTIONS
from .tables import BUILDERS, LISTS, served, served_page

PERM = "monitoring.view_dashboard"


@login_required
def section(request, section: str):
    check_perm(request, PERM)
    filters = monitoring_filters(request.user, request.GET)
    today = timezone.localdate()
    tables, summary = served_page(list(SECTIONS[section].tables), filters, today, with_totals=section == "sites")
    context = {
        "section": section,
        "sections": SECTIONS,
        "current": SECTIONS[section],
        "filters": filters,
        "tables": tables,
        "summary": summary,
        "years": year_choices(),
        "territory": TerritoryForm(user=request.user, chosen=filters.municipality),
        "today": today,
        "lists": LISTS,
    }
    return render(request, "monitoring/section.html", context)


@login_required
def table_xlsx(request, table: str):
    check_perm(request, PERM)
    if table not in BUILDERS:
        raise Http404("Такой таблицы нет.")
    filters = monitoring_filters(request.user, request.GET)
    [built] = served([table], filters, timezone.localdate(), whole=True)
    content = build_workbook(built.title, built.headers, built.rows)
    suffix = f"-{filters.municipality.pk}" if filters.municipality else ""
    return xlsx_response(f"monitoring-{table}-{filters.year}{suffix}.xlsx", content)


@login_required
def report_docx(request):
    """The report's old address (bookmarks, links in letters): the report takes seconds on a region, so it is no
    longer built inside a request; the reader lands on the page whose button builds it in the background. The
    territory is checked first, so a refused one is still refused here."""
    check_perm(request, PERM)
    filters = monitoring_filters(request.user, request.GET)
    messages.info(
        request,
        "Аналитическая справка готовится в фоне: нажмите «Аналитическая справка (Word)» — откроется страница "
        "выгрузки, где видно, как идёт работа, и откуда справку можно скачать.",
    )
    return redirect(f"{reverse('monitoring:index')}?{filters.query()}")
