"""Pages of courses: the programme by modules with the ДПП file, the final assessment with the issue of
удостоверения, the register of удостоверения with its Excel export, and an удостоверение as PDF. Organizers are
those who may change the event (rules: events.change_event); the register, staff and organizations' admins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import document_filename, file_response, pdf_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import build_workbook, xlsx_response

from ..enums import RegistrationState
from ..views.public import visible_event
from . import queries, services
from . import render as course_render
from .forms import AssessmentResultsForm, IssueForm, ModuleForm, ProgrammeFileForm, RegisterFilterForm
from .models import TrainingCertificate

PAGE_SIZE = 50


def _course(request, pk):
    """The course, for one who may change it (others: 404 if they may not see it, else 403); not a course: 404."""
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    if not event.is_course:
        raise Http404("Это не курс повышения квалификации.")
    return event


@login_required
@require_http_methods(["GET", "POST"])
def course(request, pk):
    """The programme by modules (hours by kind, total against the stated volume) and the ДПП file."""
    event = _course(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    module_form = ModuleForm(request.POST if action == "module" else None)
    file_form = ProgrammeFileForm(
        request.POST if action == "file" else None, request.FILES if action == "file" else None
    )
    status = 200
    if action == "module" and module_form.is_valid():
        try:
            module = services.add_module(event, by=request.user, **module_form.cleaned_data)
        except ServiceError as error:
            module_form.add_error(None, error)
        else:
            messages.success(request, f"В программу добавлен модуль «{module.title}».")
            return redirect("events:course", pk=event.pk)
    elif action == "file" and file_form.is_valid():
        done = "Файл программы сохранён."
        if report(request, lambda: services.set_programme_file(event, file=file_form.cleaned_data["programme_file"],
                                                                 by=request.user), done):  # fmt: skip
            return redirect("events:course", pk=event.pk)
    if action and (module_form.errors or file_form.errors):
        status = 400
    modules = list(event.course_modules.all())
    context = {
        "event": event,
        "modules": modules,
        "totals": services.ProgrammeHours.of(event, modules),
        "module_form": module_form,
        "file_form": file_form,
        "active": "course",
    }
    return render(request, "events/courses/course.html", context, status=status)


@login_required
@require_POST
def module_delete(request, pk, module_pk):
    event = _course(request, pk)
    module = get_object_or_404(event.course_modules, pk=module_pk)
    report(request, lambda: services.delete_module(module, by=request.user), f"Модуль «{module.title}» удалён.")
    return redirect("events:course", pk=event.pk)


@require_GET
def programme_file(request, pk):
    """The ДПП file: public information about a course, to whoever sees the course."""
    event = visible_event(request, pk)
    return file_response(event.programme_file, filename=event.programme_download_name)


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request, pk):
    """Results of the final assessment of those present, and the issue of удостоверения to those who passed."""
    event = _course(request, pk)
    present = (
        event.registrations.filter(state=RegistrationState.ATTENDED)
        .select_related("training_certificate")
        .order_by("full_name", "id")
    )
    form = AssessmentResultsForm(request.POST or None, registrations=present)
    if request.method == "POST":
        ok = form.is_valid() and report(
            request,
            lambda: services.record_assessments(event, results=form.results(), by=request.user),
            "Результаты итоговой аттестации сохранены.",
        )
        if ok or not form.errors:
            return redirect("events:course_assessment", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "issue_form": IssueForm(),
        "eligible": services.eligible(event).count(),
        "active": "assessment",
    }
    return render(request, "events/courses/assessment.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def issue(request, pk):
    event = _course(request, pk)
    form = IssueForm(request.POST)

    def act():
        if not form.is_valid():
            raise ServiceError("Дата выдачи не распознана.")
        return services.issue_training_certificates(event, issued_on=form.cleaned_data["issued_on"], by=request.user)

    report(request, act, lambda issued: services.issued_phrase(len(issued)))
    return redirect("events:course_assessment", pk=event.pk)


REGISTER_HEADERS = [
    "Регистрационный номер",
    "Дата выдачи",
    "ФИО",
    "Организация",
    "Должность",
    "Программа",
    "Объём, ч",
    "Организатор",
]


def _register(request):
    check_perm(request, "events.view_training_register")
    form = RegisterFilterForm(request.GET or None, courses=queries.courses_for_register(request.user))
    params = form.cleaned_data if form.is_valid() else {}
    return form, queries.filtered(queries.register_for(request.user), params)


@login_required
@require_GET
def register(request):
    """The register of удостоверения о повышении квалификации, with filters and the Excel export."""
    form, certificates = _register(request)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "events/courses/register.html", context)


@login_required
@require_GET
def register_xlsx(request):
    _form, certificates = _register(request)
    rows = (
        [c.number, c.issued_on, c.full_name, c.organization_name, c.position, c.programme_title, c.hours,
         c.event.organizer.short_name]
        for c in certificates.order_by("year", "sequence")
    )  # fmt: skip
    workbook = build_workbook("Удостоверения", REGISTER_HEADERS, rows)
    return xlsx_response(document_filename("Реестр удостоверений о повышении квалификации", ".xlsx"), workbook)


@login_required
@require_GET
def certificate_pdf(request, pk):
    certificate = get_object_or_404(
        TrainingCertificate.objects.select_related("event__organizer", "event__municipality", "registration"), pk=pk
    )
    if not request.user.has_perm("events.view_trainingcertificate", certificate):
        raise Http404("Удостоверение не найдено.")
    return pdf_response(f"udostoverenie-{certificate.number}.pdf", course_render.certificate_pdf(certificate))
