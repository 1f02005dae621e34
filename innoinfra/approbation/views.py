"""Approbation pages. Thin: each action is a service; a refused action shows the detail page again with the
Russian message and 409 (the state did not allow it) or 400 (the form was wrong), nothing changed."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import document_filename, docx_response, file_response
from innoinfra.core.errors import ServiceError, error_html
from innoinfra.core.lists import list_response
from innoinfra.core.permissions import check_perm
from innoinfra.registry.models import Site

from . import documents, queries, services
from .enums import ApprobationState
from .forms import ApprobationFilterForm, ApprobationForm, ConclusionForm, ResultForm, StageForm
from .models import Approbation

PAGE_SIZE = 25


def _visible(request, pk) -> Approbation:
    """Someone who may not read it learns nothing of it: 404, as for a missing one."""
    approbation = get_object_or_404(Approbation.objects.for_list(), pk=pk)
    if not request.user.has_perm("approbation.view_approbation", approbation):
        raise Http404
    return approbation


@login_required
def approbation_list(request):
    check_perm(request, "approbation.list_approbations")
    form = ApprobationFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    approbations = queries.filter_approbations(queries.visible_to(request.user), params)
    page = Paginator(approbations, PAGE_SIZE).get_page(request.GET.get("page"))
    return list_response(request, "approbation/approbation_list.html", {"form": form, "page": page})


def _detail(request, approbation, *, stage_form=None, result_form=None, status=200):
    can_change = request.user.has_perm("approbation.change_approbation", approbation)
    context = {
        "approbation": approbation,
        "stages": approbation.stages.all(),
        "results": approbation.results.select_related("created_by"),
        "can_change": can_change,
        "stage_form": stage_form or StageForm(),
        "result_form": result_form or ResultForm(indicators=approbation.indicator_list),
    }
    return render(request, "approbation/approbation_detail.html", context, status=status)


@login_required
def approbation_detail(request, pk):
    return _detail(request, _visible(request, pk))


def _refused(request, approbation, error: ServiceError, **forms):
    """An action the state does not allow: the page again with the message, 409."""
    messages.error(request, error_html(error))
    return _detail(request, approbation, status=409, **forms)


@login_required
@require_http_methods(["GET", "POST"])
def approbation_create(request, site_pk):
    site = get_object_or_404(Site.objects.select_related("lead_organization", "kind"), pk=site_pk)
    check_perm(request, "approbation.add_approbation", site)
    form = ApprobationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            approbation = services.create_approbation(site=site, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Апробация внесена.")
            return redirect(approbation)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "site": site, "title": "Новая апробация"}
    return render(request, "approbation/approbation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def approbation_edit(request, pk):
    approbation = _visible(request, pk)
    check_perm(request, "approbation.change_approbation", approbation)
    if approbation.state == ApprobationState.FINISHED:
        return _refused(request, approbation, ServiceError("Завершённая апробация не изменяется."))
    form = ApprobationForm(request.POST or None, request.FILES or None, instance=approbation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROGRAMME_FIELDS}
        try:
            services.update_approbation(
                approbation, by=request.user, programme_file=form.cleaned_data.get("programme_file"), **data
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Программа апробации сохранена.")
            return redirect(approbation)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "site": approbation.site, "approbation": approbation, "title": "Программа апробации"}
    return render(request, "approbation/approbation_form.html", context, status=status)


@login_required
@require_POST
def stage_add(request, pk):
    approbation = _visible(request, pk)
    check_perm(request, "approbation.change_approbation", approbation)
    form = StageForm(request.POST)
    if not form.is_valid():
        return _detail(request, approbation, stage_form=form, status=400)
    try:
        services.add_stage(approbation, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        return _refused(request, approbation, error, stage_form=form)
    messages.success(request, "Этап добавлен в программу.")
    return redirect(approbation)


@login_required
@require_POST
def result_add(request, pk):
    approbation = _visible(request, pk)
    check_perm(request, "approbation.change_approbation", approbation)
    form = ResultForm(request.POST, indicators=approbation.indicator_list)
    if not form.is_valid():
        return _detail(request, approbation, result_form=form, status=400)
    try:
        services.add_result(approbation, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        return _refused(request, approbation, error, result_form=form)
    messages.success(request, "Результат мониторинга внесён.")
    return redirect(f"{approbation.get_absolute_url()}#results")


@login_required
@require_POST
def approbation_start(request, pk):
    approbation = _visible(request, pk)
    check_perm(request, "approbation.change_approbation", approbation)
    try:
        services.start(approbation, by=request.user)
    except ServiceError as error:
        return _refused(request, approbation, error)
    messages.success(request, "Апробация начата: вносите результаты мониторинга.")
    return redirect(approbation)


@login_required
@require_http_methods(["GET", "POST"])
def approbation_conclude(request, pk):
    approbation = _visible(request, pk)
    check_perm(request, "approbation.change_approbation", approbation)
    if approbation.state != ApprobationState.IN_PROGRESS:
        error = ServiceError(
            f"Нельзя завершить апробацию: она в состоянии «{ApprobationState(approbation.state).label}»."
        )
        return _refused(request, approbation, error)
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conclude(approbation, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Апробация завершена, заключение сохранено.")
            return redirect(approbation)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "approbation/conclusion_form.html", {"form": form, "approbation": approbation}, status=status
    )


@login_required
def programme_file(request, pk):
    approbation = _visible(request, pk)
    if not approbation.programme_file:
        raise Http404
    suffix = PurePath(approbation.programme_file.name).suffix
    filename = document_filename(f"Программа апробации {approbation.product_title}", suffix)
    return file_response(approbation.programme_file, filename=filename)


@login_required
def conclusion_docx(request, pk):
    approbation = _visible(request, pk)
    if approbation.state != ApprobationState.FINISHED:
        messages.info(request, "Заключения ещё нет: оно составляется при завершении апробации.")
        return redirect(approbation)
    filename = document_filename(f"Заключение по итогам апробации {approbation.product_title}", ".docx")
    return docx_response(filename, documents.conclusion_docx(approbation))
