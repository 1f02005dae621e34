"""Application pages: the applicant's form and the methodist's handling (check, remarks, experts, decisions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.versioning import form_status

from .. import queries, services
from ..enums import ACTIVE_ASSIGNMENT_STATES, APPLICATION_TRANSITIONS, ApplicationState
from ..forms import ApplicationForm, AssignForm, BlindCopyForm, ExtensionForm, FileForm, ReasonForm, RemarksForm
from ..models import Application, ApplicationFile, Assignment, Review
from ..passport import fields_of
from ..visibility import download_name, reviews_for_applicant
from .calls import visible_call

AS = ApplicationState


def visible_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related(
            "call__municipality", "call__rubric", "lead_organization", "site_kind", "order", "site"
        ).prefetch_related("call__stages", "partners"),
        pk=pk,
    )
    if not request.user.has_perm("review.view_application", application):
        raise Http404("Заявка не найдена.")
    return application


@login_required
def my_applications(request):
    applications = queries.applications_of_applicant(request.user).order_by("-created_at")
    return render(request, "review/my_applications.html", {"applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    call = visible_call(request, pk)
    check_perm(request, "review.apply", call)
    if not services.submission_open(call):
        messages.error(request, "Приём заявок на этот конкурс сейчас закрыт.")
        return redirect(call)
    form = ApplicationForm(request.POST or None, call=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.create_application(
                call=call, lead_organization=data["lead_organization"], by=request.user, **form.application_fields()
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Черновик заявки сохранён. Когда всё будет готово, подайте заявку.")
            return redirect(application)
    return render(
        request, "review/application_form.html", {"form": form, "call": call}, status=400 if form.errors else 200
    )


def application_detail(request, pk):
    application = visible_application(request, pk)
    user = request.user
    manages = user.has_perm("review.manage_application", application)
    is_applicant = user.has_perm("review.withdraw_application", application)
    state = application.state
    allowed = APPLICATION_TRANSITIONS[state]
    events = list(application.events.select_related("by"))
    context = {
        "application": application,
        "call": application.call,
        "passport": [(f, application.passport.get(f.code, "")) for f in fields_of(application.call.form_fields)],
        "files": application.files.all(),
        "events": events,
        "remarks": next((e.comment for e in reversed(events) if e.to_state == AS.RETURNED), "")
        if state == AS.RETURNED
        else "",
        "manages": manages,
        "is_applicant": is_applicant,
        "may_edit": user.has_perm("review.change_application", application),
        "may_submit": is_applicant and AS.SUBMITTED in allowed,
        "may_withdraw": is_applicant and AS.WITHDRAWN in allowed,
        "deadline": services.submission_deadline(application),
        "missing": services.missing_fields(application) if state in (AS.DRAFT, AS.RETURNED) else [],
        "remarks_form": RemarksForm(),
        "reason_form": ReasonForm(),
        "file_form": FileForm(),
    }
    if manages:
        assignments = list(application.assignments.select_related("expert", "review").order_by("assigned_at"))
        context.update(
            actions={to for to in allowed if to != AS.WITHDRAWN},
            assignments=assignments,
            active_experts=sum(1 for a in assignments if a.state in ACTIVE_ASSIGNMENT_STATES),
            assign_form=AssignForm(call=application.call),
            extension_form=ExtensionForm(),
            panel_options=[
                (e, services.conflict_reason(e, application))
                for e in application.call.panel.order_by("last_name", "first_name")
            ],
            decisions_open=services.decisions_open(application.call),
        )
    context["reviews"] = reviews_for_applicant(user, application)
    return render(request, "review/application_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = visible_application(request, pk)
    check_perm(request, "review.change_application", application)
    call = application.call
    form = ApplicationForm(request.POST or None, instance=application, call=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(application, by=request.user, **form.application_fields())
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect(application)
    return render(
        request,
        "review/application_form.html",
        {"form": form, "call": call, "application": application},
        status=form_status(form) if form.conflict else 400 if form.errors else 200,
    )


def _experts_message(application: Application) -> str:
    """What the methodist has left to do once the application is under review: it depends on the experts already
    assigned (experts may be assigned as soon as the application is submitted), not on the step itself."""
    active = queries.active_experts(application)
    needed = application.call.experts_per_application
    if active == 0:
        return f"Заявка передана на экспертизу. Назначьте экспертов (по условиям конкурса — {needed})."
    if active < needed:
        return (
            f"Заявка передана на экспертизу. Назначено экспертов: {active} из {needed} — назначьте ещё "
            f"{needed - active}."
        )
    return f"Заявка передана на экспертизу. Назначенные эксперты ({active}) уже получили уведомления о ней."


def _run_action(request, application: Application, action: str) -> str:
    """Perform one named action; returns the success message. Raises PermissionDenied/ServiceError/Http404."""
    user = request.user
    post = request.POST
    applicant_actions = {"submit", "withdraw"}
    staff_actions = {"check", "return", "review", "reject", "recommend", "not-recommend", "extend"}
    if action in applicant_actions:
        check_perm(request, "review.withdraw_application", application)
    elif action in staff_actions:
        check_perm(request, "review.manage_application", application)
    else:
        raise Http404("Неизвестное действие.")
    if action == "submit":
        services.submit(application, by=user)
        return "Заявка подана. О её рассмотрении вы получите уведомления."
    if action == "withdraw":
        services.withdraw(application, by=user, reason=post.get("reason", "").strip())
        return "Заявка отозвана."
    if action == "check":
        services.start_check(application, by=user)
        return "Начата проверка комплектности."
    if action == "return":
        services.return_for_revision(application, by=user, remarks=post.get("remarks", ""))
        return "Заявка возвращена заявителю на доработку."
    if action == "review":
        services.send_to_review(application, by=user)
        return _experts_message(application)
    if action == "reject":
        services.reject(application, by=user, comment=post.get("remarks", "").strip())
        return "Заявка отклонена."
    if action in ("recommend", "not-recommend"):
        services.recommend(
            application, recommended=action == "recommend", by=user, comment=post.get("remarks", "").strip()
        )
        return "Решение совета записано."
    form = ExtensionForm(post)
    if not form.is_valid():
        raise ServiceError("Укажите новую дату окончания приёма.")
    services.grant_extension(application, until=form.cleaned_data["until"], by=user, reason=form.cleaned_data["reason"])
    return "Срок подачи для этой заявки продлён."


@login_required
@require_POST
def application_action(request, pk, action):
    application = visible_application(request, pk)
    try:
        message = _run_action(request, application, action)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect(application)


@login_required
@require_POST
def file_add(request, pk):
    application = visible_application(request, pk)
    if not (
        request.user.has_perm("review.change_application", application)
        or request.user.has_perm("review.manage_application", application)
    ):
        check_perm(request, "review.change_application", application)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        add = lambda: services.add_file(application, by=request.user, **form.cleaned_data)  # noqa: E731
        report(request, add, "Файл добавлен.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(application)


def file_download(request, pk):
    attached = get_object_or_404(ApplicationFile.objects.select_related("application__call"), pk=pk)
    name = download_name(request.user, attached)
    if name is None:
        raise Http404("Файл не найден.")
    return file_response(attached.file, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def blind_copy(request, pk):
    """The methodist's depersonalised copy of the application for a blind call."""
    application = visible_application(request, pk)
    check_perm(request, "review.manage_application", application)
    form = BlindCopyForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_blind_copy(
                application,
                theme=form.cleaned_data["blind_theme"],
                passport=form.passport(),
                depersonalised_files=form.cleaned_data["depersonalised_files"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Обезличенная копия сохранена: эксперты увидят её вместо исходного текста.")
            return redirect(application)
    return render(
        request,
        "review/blind_copy.html",
        {"form": form, "application": application, "call": application.call},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def assign(request, pk):
    application = visible_application(request, pk)
    check_perm(request, "review.manage_application", application)
    form = AssignForm(request.POST, call=application.call)
    if not form.is_valid():
        messages.error(request, "Выберите эксперта из экспертной группы конкурса.")
        return redirect(application)
    try:
        services.assign(application, form.cleaned_data["expert"], by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Эксперт назначен и получил уведомление.")
    return redirect(application)


@login_required
@require_POST
def unassign(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("application__call"), pk=pk)
    application = assignment.application
    if not request.user.has_perm("review.view_application", application):
        raise Http404("Назначение не найдено.")
    check_perm(request, "review.manage_application", application)
    try:
        services.unassign(assignment, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Назначение снято.")
    return redirect(application)


@login_required
@require_POST
def reopen_review(request, pk):
    review = get_object_or_404(Review.objects.select_related("assignment__application__call"), pk=pk)
    application = review.assignment.application
    if not request.user.has_perm("review.view_application", application):
        raise Http404("Оценка не найдена.")
    check_perm(request, "review.manage_application", application)
    try:
        services.reopen_review(review, by=request.user, reason=request.POST.get("reason", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Оценка возвращена эксперту.")
    return redirect(application)
