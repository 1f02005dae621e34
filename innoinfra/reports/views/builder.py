"""The form builder: the items of a campaign's form added, changed, deleted and moved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report as outcome
from innoinfra.core.permissions import check_perm

from .. import queries, services
from ..enums import ItemKind
from ..facts import FACTS
from ..forms import ItemForm
from ..models import Campaign, FormItem
from .campaigns import get_campaign


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
    campaign = get_campaign(pk)
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
