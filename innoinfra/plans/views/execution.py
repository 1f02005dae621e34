"""Execution: marking occurrences, setting dates by hand, and the dashboard of what is due and overdue."""

from __future__ import annotations

import calendar
import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.forms import parse_id

from .. import queries, services
from ..enums import OccurrenceStatus
from ..forms import ExecutionForm, ManualDatesForm
from ..models import Evidence, Occurrence, PlanItem
from .plans import render_table, visible_plan

SAVED = "executionSaved"


def _saved(message: str) -> HttpResponse:
    """Close the dialog and let the page refresh whatever shows execution."""
    response = HttpResponse(status=204)
    response["HX-Trigger"] = json.dumps({SAVED: {"message": message}})
    return response


def _occurrence(request, pk) -> Occurrence:
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("plan", "item__section").prefetch_related(
            "evidence", "item__responsible_users", "item__responsible_organizations"
        ),
        pk=pk,
    )
    if not request.user.has_perm("plans.view_plan", occurrence.plan):
        raise Http404("Срок не найден.")
    if not request.user.has_perm("plans.record_execution", occurrence):
        raise PermissionDenied("Отмечать выполнение этого пункта могут ответственные за него и кураторы плана.")
    return occurrence


@require_GET
def evidence_file(request, pk):
    """A file confirming execution, for whoever may see the plan."""
    evidence = get_object_or_404(Evidence.objects.select_related("occurrence__plan"), pk=pk)
    if not evidence.file or not request.user.has_perm("plans.view_plan", evidence.occurrence.plan):
        raise Http404("Файл не найден.")
    return file_response(evidence.file, filename=evidence.download_name)


@login_required
@require_GET
def plan_table(request, pk):
    return render_table(request, visible_plan(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_record(request, pk):
    occurrence = _occurrence(request, pk)
    initial = {
        "status": occurrence.status,
        "completed_on": occurrence.completed_on or timezone.localdate(),
        "comment": occurrence.comment,
    }
    form = ExecutionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_execution(
                occurrence,
                by=request.user,
                status=data["status"],
                completed_on=data["completed_on"],
                comment=data["comment"],
                links=[(data["link_title"], data["link_url"])] if data["link_url"] else [],
                files=[data["file"]] if data["file"] else [],
                today=timezone.localdate(),
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            return _saved("Отметка о выполнении сохранена.")
    return render(request, "plans/_execution_form.html", {"occurrence": occurrence, "form": form})


@login_required
@require_POST
def occurrence_done(request, pk):
    occurrence = _occurrence(request, pk)
    try:
        services.record_execution(occurrence, by=request.user, status=OccurrenceStatus.DONE, today=timezone.localdate())
    except ServiceError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    return _saved(f"Отмечено выполненным: {occurrence.item.activity[:80]}.")


@login_required
@require_http_methods(["GET", "POST"])
def item_dates(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    plan = item.plan
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404("План не найден.")
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied("Сроки пункта меняют те, кто ведёт план.")
    current = "\n".join(
        f"{o.start_date:%d.%m.%Y} – {o.due_date:%d.%m.%Y}" if o.start_date != o.due_date else f"{o.due_date:%d.%m.%Y}"
        for o in item.occurrences.order_by("due_date")
    )
    form = ManualDatesForm(request.POST or None, initial={"dates": current})
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                services.reset_dates_to_timing(item, by=request.user)
                return _saved("Сроки снова рассчитываются по тексту.")
            if form.is_valid():
                services.set_manual_dates(item, form.cleaned_data["dates"], by=request.user)
                return _saved("Сроки пункта заданы вручную.")
        except ServiceError as error:
            form.add_error(None, error)
    return render(request, "plans/_dates_form.html", {"item": item, "plan": plan, "form": form})


# ---------------------------------------------------------------- dashboard

VIEWS = {
    "overdue": "Просрочено",
    "month": "Срок в этом месяце",
    "soon": "Ближайшие 30 дней",
}


def _window(view: str, today: dt.date) -> Q:
    if view == "month":
        last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        return Q(due_date__gte=today.replace(day=1), due_date__lte=last)
    if view == "soon":
        return Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=30))
    return Q(due_date__lt=today)


@login_required
def dashboard(request):
    if not request.user.has_perm("plans.view_dashboard"):
        raise PermissionDenied("Сводка исполнения планов доступна сотрудникам и руководителям организаций.")
    today = timezone.localdate()
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "overdue"
    visible = queries.occurrences_visible_to(request.user).open()
    # kept as text: the filter lists compare them with their options' values
    plan_id = str(parse_id(request.GET.get("plan")) or "")
    organization_id = str(parse_id(request.GET.get("organization")) or "")
    if plan_id:
        visible = visible.filter(plan_id=plan_id)
    if organization_id:
        responsible = PlanItem.responsible_organizations.through.objects.filter(organization_id=organization_id)
        visible = visible.filter(
            Q(plan__organization_id=organization_id) | Q(item_id__in=responsible.values("planitem_id"))
        )
    selected = visible.filter(_window(view, today))
    windows = {name: _window(name, today) for name in VIEWS}
    if plan_id or organization_id:
        # one plan's or one organization's occurrences: few enough to count directly
        figures = _direct_figures(visible, selected, windows, view, today)
    else:
        figures = queries.due_figures(request.user, windows, view, _horizon(today))
    counts = figures.counts
    # Page through bare ids, then read the 50 rows with what they show: joining before the sort would join every
    # matching row.
    paginator = Paginator(selected.order_by("due_date", "id").values_list("pk", flat=True), 50)
    paginator.count = counts[view]  # counted above already; saves a scan of the same rows
    page = paginator.get_page(request.GET.get("page"))
    rows = queries.with_row_data(Occurrence.objects.filter(pk__in=list(page))).order_by("due_date", "id")
    page.object_list = list(rows)
    context = {
        "view": view,
        "views": VIEWS,
        "counts": counts,
        "page": page,
        "by_plan": figures.by_plan,
        "by_organization": figures.by_organization,
        "today": today,
        # the chosen plan and those with most items here; others come from dashboard_plans as the user types
        "plans": queries.plans_to_filter_by(
            request.user, ids=[p["plan_id"] for p in figures.by_plan] + ([int(plan_id)] if plan_id else [])
        ),
        "plan_id": plan_id,
        "organization_id": organization_id,
        "recordable": _recordable(request.user, page),
    }
    return render(request, "plans/dashboard.html", context)


@login_required
@require_GET
def dashboard_plans(request):
    """The plans the dashboard's filter offers for the words typed, as JSON for its list (Tom Select)."""
    if not request.user.has_perm("plans.view_dashboard"):
        raise PermissionDenied("Сводка исполнения планов доступна сотрудникам и руководителям организаций.")
    plans = queries.plans_to_filter_by(request.user, request.GET.get("q", ""))
    return JsonResponse({"results": [{"value": str(pk), "text": title} for pk, title in plans]})


def _horizon(today: dt.date) -> dt.date:
    """Every window ends within a month from today: later dates need not be read at all."""
    return today + dt.timedelta(days=31)


def _direct_figures(visible, selected, windows: dict[str, Q], view: str, today: dt.date) -> queries.DueFigures:
    """The windows' totals and the plans with most items in the chosen one from one grouped scan of the
    occurrences, and the responsible organizations from another: for a filtered dashboard, whose rows are few."""
    rows = list(
        visible.filter(due_date__lte=_horizon(today))
        .values("plan_id", "plan__title")
        .annotate(**{name: Count("pk", filter=window) for name, window in windows.items()})
        .order_by()
    )
    counts = {name: sum(row[name] for row in rows) for name in windows}
    top = sorted((row for row in rows if row[view]), key=lambda row: (-row[view], row["plan__title"]))[: queries.TOP]
    by_organization = (
        selected.filter(item__responsible_organizations__isnull=False)
        .values(
            responsible_id=F("item__responsible_organizations"),
            short_name=F("item__responsible_organizations__short_name"),
        )
        .annotate(open_count=Count("pk"))
        .order_by("-open_count", "short_name")[: queries.TOP]
    )
    by_plan = [{"plan_id": r["plan_id"], "plan__title": r["plan__title"], "open_count": r[view]} for r in top]
    return queries.DueFigures(counts, by_plan, list(by_organization))


def _recordable(user, page) -> set[int]:
    """Occurrence ids on the page the user may mark."""
    occurrences = list(page)
    items = queries.items_user_may_record(user, [(o.item_id, o.plan) for o in occurrences])
    return {o.pk for o in occurrences if o.item_id in items}
