"""Calendars of due dates: the month on a page, and the iCalendar feeds with their private links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from innoinfra.core.forms import parse_id
from innoinfra.core.ics import ics_response
from innoinfra.core.months import month_from, month_weeks, navigation, weeks_of
from innoinfra.core.permissions import check_perm
from innoinfra.core.site_url import site_origin
from innoinfra.reference.models import Organization

from .. import calendar_feed, queries
from ..models import Occurrence, OrganizationFeed, Plan, PlanItem
from .plans import visible_plan

RESET_DONE = "Создана новая ссылка на календарь. Прежняя ссылка больше не работает: подпишитесь на календарь заново."


# ---------------------------------------------------------------- iCalendar feeds


def _ics_response(name: str, occurrences, request, filename: str) -> StreamingHttpResponse:
    chunks = calendar_feed.stream_feed(name, occurrences, base_url=site_origin(request))
    response = ics_response(chunks, filename)
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def plan_ics(request, pk):
    plan = Plan.objects.filter(pk=pk).first()
    # A wrong token and a missing plan answer alike, so the link cannot be used to probe which plans exist.
    if plan is None or not calendar_feed.token_matches(plan.feed_token, request.GET.get("token")):
        raise Http404("Календарь не найден.")
    occurrences = calendar_feed.plan_feed_occurrences(plan)
    return _ics_response(calendar_feed.plan_calendar_name(plan), occurrences, request, f"plan-{plan.pk}.ics")


@require_GET
def organization_ics(request, pk):
    feed = OrganizationFeed.objects.select_related("organization").filter(organization_id=pk).first()
    if feed is None or not calendar_feed.token_matches(feed.token, request.GET.get("token")):
        raise Http404("Календарь не найден.")
    organization = feed.organization
    occurrences = calendar_feed.organization_feed_occurrences(organization)
    name = calendar_feed.organization_calendar_name(organization)
    return _ics_response(name, occurrences, request, f"organization-{organization.pk}.ics")


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def plan_ics_reset(request, pk):
    plan = visible_plan(request, pk)
    check_perm(request, "plans.change_plan", plan)
    calendar_feed.reset_plan_feed_token(plan)
    messages.success(request, RESET_DONE)
    return _back(request, plan)


@login_required
@require_POST
def organization_ics_reset(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    if not calendar_feed.may_manage_organization_feed(request.user, organization):
        raise PermissionDenied("Ссылку на календарь организации меняют её руководитель и кураторы территории.")
    calendar_feed.reset_organization_feed_token(organization)
    messages.success(request, RESET_DONE)
    return _back(request, organization)


# ---------------------------------------------------------------- the month on a page


def _selected_id(request, name: str) -> str:
    pk = parse_id(request.GET.get(name))
    return str(pk) if pk else ""


def _filter(occurrences, plan_id: str, organization_id: str):
    if plan_id:
        occurrences = occurrences.filter(plan_id=plan_id)
    if organization_id:
        responsible = Occurrence.objects.filter(item__responsible_organizations=organization_id).values("pk")
        occurrences = occurrences.filter(Q(plan__organization_id=organization_id) | Q(pk__in=responsible))
    return occurrences


def _filter_choices(visible):
    """Plans and organizations the user has due dates in, for the filter lists: two queries."""
    plans = Plan.objects.filter(pk__in=visible.values("plan_id")).order_by("title").only("pk", "title")
    responsible = PlanItem.responsible_organizations.through.objects.filter(
        planitem__occurrences__in=visible.values("pk")
    ).values("organization_id")
    organizations = (
        Organization.objects.filter(Q(pk__in=visible.values("plan__organization_id")) | Q(pk__in=responsible))
        .order_by("short_name")
        .only("pk", "short_name")
    )
    return list(plans), list(organizations)


def _subscription(request, plan_id: str, organization_id: str) -> dict:
    """The feed link of the chosen plan or organization, shown to those who may give it out."""
    if plan_id:
        plan = Plan.objects.filter(pk=plan_id).first()
        if plan and request.user.has_perm("plans.change_plan", plan):
            return {"feed_url": calendar_feed.feed_url_for_plan(request, plan), "feed_of": plan.title}
    elif organization_id:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization and calendar_feed.may_manage_organization_feed(request.user, organization):
            url = calendar_feed.feed_url_for_organization(request, organization)
            return {"feed_url": url, "feed_of": organization.short_name}
    return {}


@login_required
@require_GET
def month(request):
    today = timezone.localdate()
    first = month_from(request.GET.get("month"), today)
    plan_id, organization_id = _selected_id(request, "plan"), _selected_id(request, "organization")
    visible = queries.occurrences_visible_to(request.user)
    weeks_range = weeks_of(first)
    shown = (
        _filter(visible, plan_id, organization_id)
        .filter(due_date__gte=weeks_range[0][0], due_date__lte=weeks_range[-1][-1])
        .select_related("item", "plan")
        .order_by("due_date", "plan__title", "item__position", "id")
    )
    plans, organizations = _filter_choices(visible)
    context = {
        **navigation(first, today),
        "weeks": month_weeks(first, today, shown, day_of=lambda occurrence: occurrence.due_date),
        "today": today,
        "plans": plans,
        "organizations": organizations,
        "plan_id": plan_id,
        "organization_id": organization_id,
        **_subscription(request, plan_id, organization_id),
    }
    return render(request, "plans/calendar/month.html", context)
