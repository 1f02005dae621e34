"""Reporting pages: campaigns and their progress for the staff, the form builder, the organization's fill page,
the report with its remarks and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.downloads import docx_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report as outcome
from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import xlsx_response

from . import documents, queries, services
from .enums import CampaignState, ItemKind, ReportState
from .facts import FACTS
from .forms import AgendaForm, AnswersForm, CampaignForm, DecisionForm, ItemForm, ReportFilterForm
from .models import Answer, Campaign, FormItem, Report

PAGE_SIZE = 50


# ---------------------------------------------------------------- lists


@login_required
def index(request):
    """Staff see the campaigns they run; an organization's administrator sees its reports."""
    today = timezone.localdate()
    can_run = request.user.has_perm("reports.add_campaign")
    context = {
        "campaigns": list(queries.campaigns_for_list(request.user, today)) if can_run else None,
        "own_reports": list(queries.own_reports(request.user, today)[:20]),
        "can_add": can_run,
    }
    return render(request, "reports/index.html", context)


@login_required
def mine(request):
    today = timezone.localdate()
    reports = queries.own_reports(request.user, today)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/mine.html", {"page": page, "today": today})


# ---------------------------------------------------------------- campaigns


def _campaign_form_page(request, campaign: Campaign | None):
    municipalities = municipalities_managed_by(request.user).select_related("region").order_by("name")
    form = CampaignForm(
        request.POST or None,
        instance=campaign,
        municipalities=municipalities,
        campaigns=queries.campaigns_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if campaign is None:
                saved = services.create_campaign(by=request.user, **data)
            else:
                site_kinds = data.pop("site_kinds", None)
                saved = services.update_campaign(campaign, by=request.user, site_kinds=site_kinds, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if campaign is None:
                return redirect("reports:form_builder", saved.pk)
            return redirect(saved)
    status = 400 if form.is_bound and form.errors else 200
    title = "Новая отчётная кампания" if campaign is None else "Изменить кампанию"
    return render(
        request, "reports/campaign_form.html", {"form": form, "campaign": campaign, "title": title}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    check_perm(request, "reports.add_campaign")
    return _campaign_form_page(request, None)


def _get_campaign(pk) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("municipality", "region", "form"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = _get_campaign(pk)
    check_perm(request, "reports.change_campaign", campaign)
    return _campaign_form_page(request, campaign)


@login_required
def campaign_detail(request, pk):
    campaign = _get_campaign(pk)
    check_perm(request, "reports.view_campaign", campaign)
    today = timezone.localdate()
    form = ReportFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    params.pop("campaign", None)
    all_rows = queries.progress(campaign, request.user, today)
    rows = list(queries.filter_reports(all_rows, params, today))
    summary = {state: 0 for state in ReportState.values}
    late = 0
    for state, is_late in all_rows.values_list("state", "late"):
        summary[state] += 1
        late += is_late
    context = {
        "campaign": campaign,
        "form": form,
        "rows": rows,
        "summary": [(ReportState(state).label, state, n) for state, n in summary.items()],
        "total": sum(summary.values()),
        "late": late,
        "item_count": FormItem.objects.filter(form_id=campaign.form_id).count(),
        "can_change": request.user.has_perm("reports.change_campaign", campaign),
        "site_kinds": list(campaign.site_kinds.all()),
    }
    return render(request, "reports/campaign_detail.html", context)


@login_required
@require_POST
def campaign_state(request, pk):
    campaign = _get_campaign(pk)
    check_perm(request, "reports.change_campaign", campaign)
    state = request.POST.get("state", "")
    if state not in CampaignState.values:
        messages.error(request, "Неизвестное состояние кампании.")
        return redirect(campaign)

    def success(result):
        if state == CampaignState.OPEN and getattr(result, "reports_created", 0):
            return f"Сбор отчётов начат: создано отчётов — {result.reports_created}."
        return "Сбор отчётов возобновлён." if state == CampaignState.OPEN else "Кампания завершена."

    outcome(request, lambda: services.change_campaign_state(campaign, state, by=request.user), success)
    return redirect(campaign)


@login_required
def campaign_xlsx(request, pk):
    campaign = _get_campaign(pk)
    check_perm(request, "reports.view_campaign", campaign)
    rows = queries.progress(campaign, request.user, timezone.localdate())
    content = documents.campaign_workbook(campaign, list(rows))
    return xlsx_response(f"campaign-{campaign.pk}.xlsx", content)


# ---------------------------------------------------------------- the form builder


def _builder_page(request, campaign: Campaign, *, form=None, status=200):
    context = {
        "campaign": campaign,
        "items": queries.items_of(campaign),
        "form": form or ItemForm(initial={"kind": ItemKind.INDICATOR}),
        "editable": campaign.is_draft,
        "facts": FACTS,
    }
    return render(request, "reports/form_builder.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def form_builder(request, pk):
    campaign = _get_campaign(pk)
    check_perm(request, "reports.change_campaign", campaign)
    if request.method == "GET":
        return _builder_page(request, campaign)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_item(campaign.form, **form.service_fields())
        except ServiceError as error:
            form.add_error(None, error)
        else:
            return redirect("reports:form_builder", campaign.pk)
    return _builder_page(request, campaign, form=form, status=400)


def _get_item(pk) -> tuple[FormItem, Campaign]:
    item = get_object_or_404(FormItem.objects.select_related("form"), pk=pk)
    campaign = Campaign.objects.filter(form_id=item.form_id).select_related("municipality", "form").first()
    if campaign is None:
        raise Http404("Пункт формы не найден.")
    return item, campaign


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item, campaign = _get_item(pk)
    check_perm(request, "reports.change_campaign", campaign)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(FormItem.objects.get(pk=item.pk), **form.service_fields())
        except ServiceError as error:
            form.add_error(None, error)
        else:
            return redirect("reports:form_builder", campaign.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "reports/item_form.html", {"form": form, "item": item, "campaign": campaign}, status=status)


@login_required
@require_POST
def item_delete(request, pk):
    item, campaign = _get_item(pk)
    check_perm(request, "reports.change_campaign", campaign)
    outcome(request, lambda: services.delete_item(item), "Пункт удалён из формы.")
    return redirect("reports:form_builder", campaign.pk)


@login_required
@require_POST
def item_move(request, pk):
    item, campaign = _get_item(pk)
    check_perm(request, "reports.change_campaign", campaign)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        services.move_item(item, direction)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("reports:form_builder", args=[campaign.pk]) + f"#item-{item.pk}")


# ---------------------------------------------------------------- reports


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
    form = AnswersForm(request.POST or None, request.FILES or None, items=items, answers=answers)
    if request.method == "POST" and request.headers.get("X-Autosave") == "1":
        return _autosave(request, report, form)
    if request.method == "POST" and form.is_valid():
        values, files = form.values_and_files()
        submitting = request.POST.get("action") == "submit"
        try:
            if submitting:
                services.submit(report, by=request.user, values=values, files=files)
            else:
                services.save_draft(report, by=request.user, values=values, files=files)
        except ServiceError as error:
            form.add_service_errors(error)
        else:
            if submitting:
                messages.success(request, "Отчёт представлен куратору.")
                return redirect(report)
            messages.success(request, "Черновик сохранён.")
            return redirect("reports:report_fill", report.pk)
    status = 400 if form.is_bound and form.errors else 200
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
        services.save_draft(report, by=request.user, values=values)
    except ServiceError as error:
        return JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=400)
    return JsonResponse({"saved": True, "message": f"Черновик сохранён автоматически в {timezone.localtime():%H:%M}."})


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
    url = request.build_absolute_uri(report.get_absolute_url())
    return docx_response(f"report-{report.pk}.docx", documents.report_docx(report, _rows(report), url))


@login_required
def answer_file(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("report"), pk=pk)
    if not answer.file or not request.user.has_perm("reports.view_report", answer.report):
        raise Http404("Файл не найден.")
    name = answer.file.name.rsplit("/", 1)[-1]
    return FileResponse(answer.file.open("rb"), as_attachment=True, filename=name)
