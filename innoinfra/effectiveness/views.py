"""Scores of effectiveness for a year, and the criteria with their editions (staff)."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.accounts.rules import is_installation_admin
from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.dates import academic_year_label, academic_year_since
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import build_workbook, xlsx_response

from . import scoring, services
from .forms import CriteriaSetForm, CriterionForm, ScoresFilterForm
from .models import CriteriaSet, Criterion


def _scores_context(request) -> dict:
    check_perm(request, "effectiveness.view_scores")
    municipalities = municipalities_managed_by(request.user)
    form = ScoresFilterForm(request.GET or None, municipalities=municipalities)
    params = form.cleaned_data if form.is_valid() else {}
    year, rows = scoring.scores_asked(municipalities, params)
    # organizations of territories with different criteria are compared only within the same set
    groups = [
        (criteria_set, list(members))
        for criteria_set, members in groupby(
            sorted(rows, key=lambda r: r.criteria_set.pk), key=lambda r: r.criteria_set
        )
    ]
    for _criteria_set, members in groups:
        members.sort(key=lambda row: (-row.total, row.organization))
    return {"form": form, "year": year, "year_label": academic_year_label(year), "groups": groups}


@login_required
@require_GET
def scores(request):
    return render(request, "effectiveness/scores.html", _scores_context(request))


@login_required
@require_GET
def scores_xlsx(request):
    context = _scores_context(request)
    sheets_rows = []
    headers = ["№", "Организация"]
    for criteria_set, members in context["groups"]:
        criteria = list(criteria_set.criteria.all())
        headers = ["№", "Организация", *(c.title for c in criteria), "Итог, %"]
        for n, row in enumerate(members, start=1):
            values = ["нет данных" if r.value is None else round(r.value, 2) for r in row.results]
            sheets_rows.append([n, row.organization, *values, row.total])
    title = f"Эффективность {context['year']}-{context['year'] + 1}"
    return xlsx_response(f"effectiveness-{context['year']}.xlsx", build_workbook(title, headers, sheets_rows))


@login_required
@require_GET
def criteria_sets(request):
    check_perm(request, "effectiveness.view_scores")
    sets = (
        scoring.sets_visible_to(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "-first_year")
    )
    return render(request, "effectiveness/sets.html", {"sets": sets, "current_year": services.current_year()})


@login_required
@require_http_methods(["GET", "POST"])
def criteria_set_create(request):
    check_perm(request, "effectiveness.add_criteriaset")
    may_be_common = is_installation_admin(request.user)
    form = CriteriaSetForm(
        request.POST or None, municipalities=municipalities_managed_by(request.user), may_be_common=may_be_common
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_set(by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Набор критериев создан. Добавьте в него критерии.")
            return redirect("effectiveness:set", pk=created.pk)
    return render(request, "effectiveness/set_form.html", {"form": form})


def _set(request, pk) -> CriteriaSet:
    check_perm(request, "effectiveness.view_scores")
    criteria_set = get_object_or_404(scoring.sets_visible_to(request.user).select_related("municipality"), pk=pk)
    return criteria_set


@login_required
@require_http_methods(["GET", "POST"])
def criteria_set_detail(request, pk):
    criteria_set = _set(request, pk)
    may_change = request.user.has_perm("effectiveness.change_criteriaset", criteria_set)
    editable = may_change and services.is_editable(criteria_set)
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        check_perm(request, "effectiveness.change_criteriaset", criteria_set)
        if form.is_valid():
            try:
                services.save_criterion(criteria_set, by=request.user, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Критерий «{form.cleaned_data['title']}» добавлен.")
                return redirect("effectiveness:set", pk=criteria_set.pk)
    context = {
        "criteria_set": criteria_set,
        "criteria": list(criteria_set.criteria.all()),
        "form": form,
        "may_change": may_change,
        "editable": editable,
        "codes": sorted(services.known_codes()),
        "since": academic_year_since(criteria_set.first_year),
        "current_since": academic_year_since(services.current_year()),
    }
    return render(request, "effectiveness/set_detail.html", context)


@login_required
@require_POST
def criterion_edit(request, pk, criterion_pk):
    criteria_set = _set(request, pk)
    check_perm(request, "effectiveness.change_criteriaset", criteria_set)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, criteria_set=criteria_set)
    form = CriterionForm(request.POST)

    def save():
        if not form.is_valid():
            raise ServiceError("Заполните наименование, формулу и целевое значение.")
        return services.save_criterion(criteria_set, criterion, by=request.user, **form.cleaned_data)

    report(request, save, lambda saved: f"Критерий «{saved.title}» сохранён.")
    return redirect("effectiveness:set", pk=criteria_set.pk)


@login_required
@require_POST
def criterion_delete(request, pk, criterion_pk):
    criteria_set = _set(request, pk)
    check_perm(request, "effectiveness.change_criteriaset", criteria_set)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, criteria_set=criteria_set)
    report(
        request, lambda: services.delete_criterion(criterion, by=request.user), f"Критерий «{criterion.title}» удалён."
    )
    return redirect("effectiveness:set", pk=criteria_set.pk)


@login_required
@require_POST
def new_edition(request, pk):
    criteria_set = _set(request, pk)
    check_perm(request, "effectiveness.change_criteriaset", criteria_set)
    try:
        edition = services.new_edition(criteria_set, by=request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("effectiveness:set", pk=criteria_set.pk)
    messages.success(request, f"Создана редакция критериев {academic_year_since(edition.first_year)}.")
    return redirect("effectiveness:set", pk=edition.pk)
