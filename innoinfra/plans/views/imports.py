"""Import of a plan from Word or Excel: upload, a preview of what was understood, then saving."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from innoinfra.core.errors import ServiceError
from innoinfra.core.permissions import check_perm

from .. import queries, services
from ..enums import PeriodKind, PlanKind
from ..forms import ImportConfirmForm, ImportForm, owner_choices
from ..parsed import ParsedPlan

SESSION_KEY = "plan_import"


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    from ..word_import import read_plan_upload

    check_perm(request, "plans.add_plan")
    owners = owner_choices(*queries.owner_options(request.user))
    form = ImportForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_plan_upload(upload)
        except ServiceError as error:
            form.add_error("file", error)
        else:
            request.session[SESSION_KEY] = {
                "parsed": parsed.as_dict(),
                "kind": form.cleaned_data["kind"],
                "owner": form.cleaned_data["owner"],
                "filename": upload.name,
            }
            return redirect("plans:import_preview")
    return render(request, "plans/import.html", {"form": form}, status=400 if form.errors else 200)


def _initial_period(parsed: ParsedPlan) -> dict:
    approved_on = dt.date.fromisoformat(parsed.order_date) if parsed.order_date else None
    kind, start, end = services.infer_period(parsed.title or "", approved_on=approved_on, today=timezone.localdate())
    first_year = start.year if kind != PeriodKind.ACADEMIC_YEAR else services.academic_year_of(start)
    exact = kind == PeriodKind.YEARS and start.month != 1
    return {
        "period_kind": kind,
        "first_year": first_year,
        "last_year": end.year if kind == PeriodKind.YEARS else None,
        "period_start": start if exact else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_preview(request):
    check_perm(request, "plans.add_plan")
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, "Загрузите файл плана, чтобы увидеть, как он будет разобран.")
        return redirect("plans:import")
    parsed = ParsedPlan.from_dict(pending["parsed"])
    initial = {"title": parsed.title or pending["filename"], **_initial_period(parsed)}
    form = ImportConfirmForm(request.POST or None, initial=initial, initial_year=initial["first_year"])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            owner = services.resolve_owner(pending["owner"])
            if not request.user.has_perm("plans.change_plan", _unsaved_plan(owner)):
                raise ServiceError("Вести план этого владельца вы не можете: выберите свою организацию или территорию.")
            plan = services.create_plan_from_parsed(
                parsed,
                owner=owner,
                kind=pending["kind"],
                user=request.user,
                title=data["title"],
                period=(data["period_kind"], data["period_start"], data["period_end"]),
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            del request.session[SESSION_KEY]
            messages.success(
                request,
                f"План импортирован: разделов — {len(parsed.sections)}, мероприятий — {parsed.item_count}. "
                "Проверьте пункты, сроки которых не распознаны.",
            )
            return redirect(plan)
    context = {
        "parsed": parsed,
        "form": form,
        "filename": pending["filename"],
        "kind_label": PlanKind(pending["kind"]).label,
    }
    return render(request, "plans/import_preview.html", context)


def _unsaved_plan(owner):
    from ..models import Plan

    return Plan(**owner.as_fields())
