"""Call pages: the public list and page of a call, and the methodist's settings, timetable and applications."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm

from .. import queries, services
from ..enums import ApplicationState, StageKind
from ..forms import CallDocumentForm, CallForm, OutboxForm, StageFormSet
from ..models import Application, Assignment, Call, CallDocument, CallStage, Criterion
from ..notices import applicant_people


def visible_call(request, pk) -> Call:
    call = get_object_or_404(
        Call.objects.select_related("municipality", "rubric", "body").prefetch_related("stages"), pk=pk
    )
    if not request.user.has_perm("review.view_call", call):
        raise Http404("Конкурс не найден.")
    return call


def managed_call(request, pk) -> Call:
    call = visible_call(request, pk)
    check_perm(request, "review.change_call", call)
    return call


def call_list(request):
    today = timezone.localdate()
    calls = list(queries.calls_for_list(request.user))
    for call in calls:
        call.current_stage = call.stage_on(today)
        call.accepting = bool(call.current_stage and call.current_stage.allows_submission)
    context = {
        "open_calls": [c for c in calls if c.is_published and c.accepting],
        "other_calls": [c for c in calls if not (c.is_published and c.accepting)],
        "my_applications": queries.applications_of_applicant(request.user).order_by("-created_at")[:5]
        if request.user.is_authenticated
        else [],
    }
    return render(request, "review/call_list.html", context)


def call_detail(request, pk):
    call = visible_call(request, pk)
    today = timezone.localdate()
    context = {
        "call": call,
        "stage": call.stage_on(today),
        "today": today,
        "criteria": Criterion.objects.filter(rubric_id=call.rubric_id).order_by("position", "id"),
        "documents": call.documents.all(),
        "site_kinds": call.site_kinds.all(),
        "document_form": CallDocumentForm(),
        "may_apply": request.user.has_perm("review.apply", call) and services.submission_open(call, today),
        "may_manage": request.user.has_perm("review.change_call", call),
        "may_rank": request.user.has_perm("review.view_ranking", call),
        "mine": queries.applications_of_applicant(request.user).filter(call=call),
        "deadline": max((s.ends_on for s in call.stages.all() if s.allows_submission), default=None),
    }
    if context["may_manage"]:
        counts = Counter(call.applications.values_list("state", flat=True))
        context["state_counts"] = [(ApplicationState(s).label, n) for s, n in counts.items()]
    return render(request, "review/call_detail.html", context)


def document_download(request, pk):
    """A document of a call, for whoever may see the call (a draft call's documents stay with its staff)."""
    document = get_object_or_404(CallDocument.objects.select_related("call"), pk=pk)
    if not document.file or not request.user.has_perm("review.view_call", document.call):
        raise Http404("Файл не найден.")
    return file_response(document.file, filename=document.download_name)


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    check_perm(request, "review.add_call")
    form = CallForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            call = services.create_call(
                title=data.pop("title"),
                municipality=data.pop("municipality"),
                rubric=data.pop("rubric"),
                by=request.user,
                **data,
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Конкурс создан. Проверьте этапы и их сроки, затем опубликуйте его.")
            return redirect("review:call_stages", call.pk)
    return render(request, "review/call_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    call = managed_call(request, pk)
    form = CallForm(request.POST or None, instance=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Настройки конкурса сохранены.")
            return redirect(call)
    return render(request, "review/call_form.html", {"form": form, "call": call}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def call_stages(request, pk):
    call = managed_call(request, pk)
    formset = StageFormSet(request.POST or None, queryset=CallStage.objects.filter(call=call))
    if request.method == "POST" and formset.is_valid():
        try:
            services.set_stages(call, formset.rows())
        except ServiceError as error:
            formset.forms[0].add_error(None, error)
        else:
            messages.success(request, "Этапы конкурса сохранены.")
            return redirect(call)
    return render(
        request,
        "review/call_stages.html",
        {"call": call, "formset": formset, "kinds": StageKind},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def call_copy(request, pk):
    call = managed_call(request, pk)
    copy = services.copy_call(call, by=request.user)
    messages.success(request, "Создана копия конкурса на следующий год. Проверьте сроки этапов и опубликуйте её.")
    return redirect("review:call_edit", copy.pk)


@login_required
@require_POST
def call_publish(request, pk):
    call = managed_call(request, pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(call, publish)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Конкурс опубликован." if publish else "Конкурс снят с публикации.")
    return redirect(call)


@login_required
@require_POST
def call_release(request, pk):
    call = managed_call(request, pk)
    try:
        count = services.release_decisions(call, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Решения объявлены заявителям: заявок — {count}.")
    return redirect(call)


def applications_with_experts(call: Call):
    assignments = Assignment.objects.select_related("expert", "review").order_by("assigned_at", "id")
    return (
        Application.objects.filter(call=call)
        .exclude(state=ApplicationState.DRAFT)
        .select_related("lead_organization", "site_kind")
        .prefetch_related(Prefetch("assignments", queryset=assignments), "partners")
        .order_by("number")
    )


@login_required
def call_applications(request, pk):
    call = managed_call(request, pk)
    applications = applications_with_experts(call)
    state = request.GET.get("state")
    if state in ApplicationState.values:
        applications = applications.filter(state=state)
    return render(
        request,
        "review/call_applications.html",
        {"call": call, "applications": applications, "states": ApplicationState.choices, "state": state},
    )


@login_required
@require_POST
def auto_assign(request, pk):
    call = managed_call(request, pk)
    try:
        created = services.auto_assign(call, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Назначено экспертов: {len(created)}. Назначения можно изменить вручную.")
    return redirect("review:call_applications", call.pk)


def outbox_recipients(call: Call, data: dict) -> list[tuple[object, Application]]:
    """(person, application) pairs matching every filter at once."""
    applications = call.applications.exclude(state=ApplicationState.DRAFT).select_related("lead_organization")
    if data.get("states"):
        applications = applications.filter(state__in=data["states"])
    if data.get("site_kind"):
        applications = applications.filter(site_kind=data["site_kind"])
    pairs, seen = [], set()
    for application in applications.order_by("number"):
        for person in applicant_people(application):
            if person.pk not in seen:
                seen.add(person.pk)
                pairs.append((person, application))
    return pairs


@login_required
@require_http_methods(["GET", "POST"])
def outbox(request, pk):
    """A message to applicants: the exact list of recipients is shown before anything is sent."""
    call = managed_call(request, pk)
    form = OutboxForm(request.POST or request.GET or None, call=call)
    recipients = outbox_recipients(call, form.cleaned_data) if form.is_valid() else []
    if request.method == "POST" and form.is_valid() and request.POST.get("send") == "1":
        try:
            sent = services.message_applicants(
                call, recipients=recipients, subject=form.cleaned_data["subject"], text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Сообщение отправлено: получателей — {sent}.")
            return redirect(call)
    return render(
        request,
        "review/outbox.html",
        {"call": call, "form": form, "recipients": recipients},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def document_add(request, pk):
    call = managed_call(request, pk)
    form = CallDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        report(request, lambda: services.add_document(call, **form.cleaned_data), "Документ добавлен.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(call)


@login_required
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(CallDocument.objects.select_related("call"), pk=pk)
    call = managed_call(request, document.call_id)
    report(request, lambda: services.remove_document(document), "Документ удалён.")
    return redirect(call)
