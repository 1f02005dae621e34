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
    """The period the document names (as the importer read it), else the one its title suggests."""
    approved_on = services.DocumentApproval.read_from(parsed).order_date
    kind, start, end = services.parsed_period(parsed) or services.infer_period(
        parsed.title or "", approved_on=approved_on, today=timezone.localdate()
    )
    first_year = start.year if kind != PeriodKind.ACADEMIC_YEAR else services.academic_year_of(start)
    standard = services.period_bounds(kind, first_year, end.year)
    return {
        "period_kind": kind,
        "first_year": first_year,
        "last_year": end.year if kind == PeriodKind.YEARS else None,
        "period_start": start if start != standard[0] else None,
        "period_end": end if end != standard[1] else None,
    }


def _initial_document(parsed: ParsedPlan) -> dict:
    approval = services.DocumentApproval.read_from(parsed)
    return {
        "approved_by": approval.approved_by or "",
        "order_number": approval.order_number or "",
        "order_date": approval.order_date,
        "responsible_people": "\n".join(approval.responsible_people),
    }


def _initial_bounds(initial: dict) -> tuple[dt.date, dt.date]:
    start, end = services.period_bounds(initial["period_kind"], initial["first_year"], initial["last_year"])
    return initial["period_start"] or start, initial["period_end"] or end


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_preview(request):
    check_perm(request, "plans.add_plan")
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, "Загрузите файл плана, чтобы увидеть, как он будет разобран.")
        return redirect("plans:import")
    parsed = ParsedPlan.from_dict(pending["parsed"])
    initial = {"title": parsed.title or pending["filename"], **_initial_period(parsed), **_initial_document(parsed)}
    # Which timings are not understood does not depend on the period (only the dates do), so the initial period
    # decides the list of date fields.
    unknown = services.unknown_timings(parsed, *_initial_bounds(initial))
    form = ImportConfirmForm(request.POST or None, initial=initial, initial_year=initial["first_year"], unknown=unknown)
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
                approval=services.DocumentApproval(
                    approved_by=data["approved_by"],
                    order_number=data["order_number"],
                    order_date=data["order_date"],
                    responsible_people=form.responsible_list(),
                ),
                due_dates=form.due_dates(),
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            del request.session[SESSION_KEY]
            left = len(unknown) - len(form.due_dates())
            messages.success(
                request,
                f"План импортирован: разделов — {len(parsed.sections)}, мероприятий — {parsed.item_count}."
                + (f" Сроки не распознаны и не заданы у пунктов: {left}; укажите их в плане." if left > 0 else ""),
            )
            return redirect(plan)
    unknown_keys = set(unknown)
    sections = [
        {
            "title": section.title,
            "rows": [
                {"item": item, "unknown": (section_index, item_index) in unknown_keys}
                for item_index, item in enumerate(section.items)
            ],
        }
        for section_index, section in enumerate(parsed.sections)
    ]
    unknown_rows = [{"item": parsed.sections[key[0]].items[key[1]], "field": form.due_field(key)} for key in unknown]
    context = {
        "parsed": parsed,
        "form": form,
        "sections": sections,
        "unknown_rows": unknown_rows,
        "approval_date": _initial_document(parsed)["order_date"],
        "filename": pending["filename"],
        "kind_label": PlanKind(pending["kind"]).label,
    }
    return render(request, "plans/import_preview.html", context, status=400 if form.errors else 200)


def _unsaved_plan(owner):
    from ..models import Plan

    return Plan(**owner.as_fields())
