"""Campaigns for the staff: the reporting start page, a campaign created and changed, its progress, opened and
closed, its progress as a workbook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.downloads import document_filename
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report as outcome
from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import xlsx_response

from .. import documents, queries, services
from ..enums import CampaignState, ReportState
from ..forms import CampaignForm, ReportFilterForm
from ..models import Campaign, FormItem


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


def get_campaign(pk) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("municipality", "region", "form"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = get_campaign(pk)
    check_perm(request, "reports.change_campaign", campaign)
    return _campaign_form_page(request, campaign)


@login_required
def campaign_detail(request, pk):
    campaign = get_campaign(pk)
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
    campaign = get_campaign(pk)
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
    campaign = get_campaign(pk)
    check_perm(request, "reports.view_campaign", campaign)
    rows = queries.progress(campaign, request.user, timezone.localdate())
    content = documents.campaign_workbook(campaign, list(rows))
    return xlsx_response(document_filename(f"Отчёты — {campaign.title}", ".xlsx"), content)
