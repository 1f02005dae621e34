"""Reports: an organization's own reports, the report with its remarks and history, the fill page (with
autosave and the system's figures), acceptance and return, the council agenda, the DOCX and attached files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import document_filename, docx_response, file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report as outcome
from innoinfra.core.permissions import check_perm
from innoinfra.core.site_url import absolute_url
from innoinfra.core.versioning import CONFLICT_STATUS, VersionConflict, form_status

from .. import documents, queries, services
from ..enums import ReportState
from ..facts import FACTS
from ..forms import AgendaForm, AnswersForm, DecisionForm
from ..models import Answer, FormItem, Report

PAGE_SIZE = 50


@login_required
def mine(request):
    today = timezone.localdate()
    reports = queries.own_reports(request.user, today)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/mine.html", {"page": page, "today": today})


def _get_report(pk) -> Report:
    return get_object_or_404(
        Report.objects.select_related(
            "campaign__municipality",
            "campaign__region",
            "organization",
            "site__kind",
            "site__lead_organization",
            "municipality",
        ),
        pk=pk,
    )


def _rows(report: Report) -> list[tuple[FormItem, Answer | None]]:
    items = queries.items_of(report.campaign)
    answers = queries.answers_by_report([report]).get(report.pk, {})
    return [(item, answers.get(item.pk)) for item in items]


@login_required
def report_detail(request, pk):
    report = _get_report(pk)
    if not request.user.has_perm("reports.view_report", report):
        raise Http404("Отчёт не найден.")
    can_review = request.user.has_perm("reports.review_report", report)
    meetings = services.open_meetings_for(report) if can_review and report.state == ReportState.ACCEPTED else None
    context = {
        "report": report,
        "rows": _rows(report),
        "events": report.events.select_related("by").order_by("at", "id"),
        "can_fill": request.user.has_perm("reports.fill_report", report)
        and report.is_editable
        and report.campaign.is_open,
        "can_review": can_review and report.state == ReportState.SUBMITTED,
        "decision_form": DecisionForm(),
        "agenda_form": AgendaForm(meetings=meetings) if meetings is not None and report.site_id else None,
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_fill(request, pk):
    report = _get_report(pk)
    if not request.user.has_perm("reports.view_report", report):
        raise Http404("Отчёт не найден.")
    check_perm(request, "reports.fill_report", report)
    if not report.is_editable or not report.campaign.is_open:
        return redirect(report)
    items = queries.items_of(report.campaign)
    answers = queries.answers_by_report([report]).get(report.pk, {})
    form = AnswersForm(
        request.POST or None, request.FILES or None, items=items, answers=answers, version=report.version
    )
    if request.method == "POST" and request.headers.get("X-Autosave") == "1":
        return _autosave(request, report, form)
    if request.method == "POST" and form.is_valid():
        values, files = form.values_and_files()
        submitting = request.POST.get("action") == "submit"
        try:
            version = form.cleaned_data["version"]
            if submitting:
                services.submit(report, by=request.user, values=values, files=files, version=version)
            else:
                services.save_draft(report, by=request.user, values=values, files=files, version=version)
        except ServiceError as error:
            form.add_service_errors(error)
        else:
            if submitting:
                messages.success(request, "Отчёт представлен куратору.")
                return redirect(report)
            messages.success(request, "Черновик сохранён.")
            return redirect("reports:report_fill", report.pk)
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    context = {"report": report, "form": form, "has_facts": any(i.code in FACTS for i in items)}
    return render(request, "reports/report_fill.html", context, status=status)


def _autosave(request, report, form) -> JsonResponse:
    """The page saves the draft by itself a few seconds after a change (files go only with the buttons)."""
    if not form.is_valid():
        return JsonResponse(
            {"saved": False, "message": "Черновик не сохранён: исправьте поля с ошибками и сохраните кнопкой."},
            status=400,
        )
    values, _files = form.values_and_files()
    try:
        saved = services.save_draft(report, by=request.user, values=values, version=form.cleaned_data["version"])
    except ServiceError as error:
        # A stale version (someone saved the report meanwhile) is a 409 naming them; the page keeps the input.
        status = CONFLICT_STATUS if isinstance(error, VersionConflict) else 400
        return JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=status)
    # The page keeps editing after an autosave: it takes the new version, or its next save would be refused.
    message = f"Черновик сохранён автоматически в {timezone.localtime():%H:%M}."
    return JsonResponse({"saved": True, "message": message, "version": saved.version})


@login_required
@require_POST
def report_prefill(request, pk):
    report = _get_report(pk)
    check_perm(request, "reports.fill_report", report)
    outcome(
        request,
        lambda: services.prefill(report, by=request.user),
        lambda n: f"Показатели заполнены по данным системы: {n}. Проверьте и при необходимости исправьте.",
    )
    return redirect("reports:report_fill", report.pk)


@login_required
@require_POST
def report_accept(request, pk):
    report = _get_report(pk)
    check_perm(request, "reports.review_report", report)
    form = DecisionForm(request.POST)
    form.is_valid()
    remarks = form.cleaned_data.get("remarks", "")
    outcome(request, lambda: services.accept(report, by=request.user, remarks=remarks), "Отчёт принят.")
    return redirect(report)


@login_required
@require_POST
def report_return(request, pk):
    report = _get_report(pk)
    check_perm(request, "reports.review_report", report)
    form = DecisionForm(request.POST)
    form.is_valid()
    remarks = form.cleaned_data.get("remarks", "")
    outcome(
        request,
        lambda: services.return_report(report, by=request.user, remarks=remarks),
        "Отчёт возвращён на доработку с замечаниями.",
    )
    return redirect(report)


@login_required
@require_POST
def report_agenda(request, pk):
    report = _get_report(pk)
    check_perm(request, "reports.review_report", report)
    form = AgendaForm(request.POST, meetings=services.open_meetings_for(report))
    if not form.is_valid():
        messages.error(request, "Выберите заседание совета.")
        return redirect(report)
    meeting = form.cleaned_data["meeting"]
    outcome(
        request,
        lambda: services.put_on_agenda(report, meeting, by=request.user),
        f"Площадка включена в повестку заседания {meeting.date:%d.%m.%Y}.",
    )
    return redirect(report)


@login_required
def report_docx(request, pk):
    report = _get_report(pk)
    if not request.user.has_perm("reports.view_report", report):
        raise Http404("Отчёт не найден.")
    url = absolute_url(report.get_absolute_url(), request=request)
    title = f"Отчёт — {report.organization.short_name or report.organization} — {report.campaign.title}"
    name = document_filename(title, ".docx", fallback=f"report-{report.pk}")
    return docx_response(name, documents.report_docx(report, _rows(report), url))


@login_required
def answer_file(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("report"), pk=pk)
    if not answer.file or not request.user.has_perm("reports.view_report", answer.report):
        raise Http404("Файл не найден.")
    return file_response(answer.file, filename=answer.display)
