"""Pages of collegial bodies: the list, a body with its members and meetings, and the meetings list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.models import Membership
from innoinfra.accounts.queries import users_for
from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import list_response
from innoinfra.core.permissions import check_perm
from innoinfra.plans.models import Plan
from innoinfra.reference.models import Body

from .. import queries, services
from ..forms import BodyForm, EndMemberForm, MeetingFilterForm, MemberForm

PAGE_SIZE = 25


def visible_body(request, pk) -> Body:
    body = get_object_or_404(Body.objects.select_related("municipality", "organization"), pk=pk)
    if not request.user.has_perm("council.view_body", body):
        raise Http404("Орган не найден.")
    return body


def error_text(error: ServiceError) -> str:
    return " ".join(error.messages)


@login_required
def body_list(request):
    bodies = queries.bodies_for_list(request.user)
    return render(request, "council/body_list.html", {"bodies": bodies})


@login_required
def body_detail(request, pk):
    body = visible_body(request, pk)
    current, past = queries.current_and_past_members(body)
    plans = [
        plan
        for plan in Plan.objects.filter(body=body).select_related("order").order_by("-period_start")
        if request.user.has_perm("plans.view_plan", plan)
    ]
    can_manage = request.user.has_perm("council.manage_members", body)
    context = {
        "body": body,
        "members": current,
        "past_members": past,
        "meetings": queries.meetings_of_body(body)[:50],
        "plans": plans,
        "can_manage": can_manage,
        "can_add_meeting": request.user.has_perm("council.add_meeting", body),
        "member_form": MemberForm(people=_people(request)) if can_manage else None,
        "today": timezone.localdate(),
    }
    return render(request, "council/body_detail.html", context)


def _people(request):
    return (
        users_for(request.user)
        .filter(is_active=True)
        .select_related("organization")
        .order_by("last_name", "first_name", "username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request):
    check_perm(request, "council.add_body")
    form = BodyForm(request.POST or None, municipalities=municipalities_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        body = services.create_body(**form.cleaned_data)
        messages.success(request, "Коллегиальный орган создан. Включите в него членов.")
        return redirect(body)
    return render(request, "council/body_form.html", {"form": form, "title": "Новый коллегиальный орган"})


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request, pk):
    body = visible_body(request, pk)
    check_perm(request, "council.change_body", body)
    form = BodyForm(request.POST or None, instance=body, municipalities=municipalities_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        services.update_body(body, **form.cleaned_data)
        messages.success(request, "Сведения об органе сохранены.")
        return redirect(body)
    return render(request, "council/body_form.html", {"form": form, "body": body, "title": "Сведения об органе"})


@login_required
@require_POST
def member_add(request, pk):
    body = visible_body(request, pk)
    check_perm(request, "council.manage_members", body)
    form = MemberForm(request.POST, people=_people(request))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(body)
    data = form.cleaned_data
    try:
        services.add_member(
            body,
            user=data["user"],
            position=data["position"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            by=request.user,
        )
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"{data['user']} включён(а) в состав органа.")
    return redirect(body)


@login_required
@require_POST
def member_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body", "user"), pk=pk, body__isnull=False)
    body = visible_body(request, membership.body_id)
    check_perm(request, "council.manage_members", body)
    form = EndMemberForm(request.POST)
    last_day = form.cleaned_data["last_day"] if form.is_valid() else None
    try:
        services.end_member(membership, by=request.user, last_day=last_day)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"Полномочия: {membership.user} — завершены.")
    return redirect(body)


@login_required
def meeting_list(request):
    bodies = queries.bodies_for(request.user).order_by("name")
    form = MeetingFilterForm(request.GET or None, bodies=bodies)
    meetings = queries.with_list_data(queries.meetings_for(request.user)).order_by("-date", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("body"):
            meetings = meetings.filter(body=data["body"])
        if data.get("year"):
            meetings = meetings.filter(year=data["year"])
        if data.get("state"):
            meetings = meetings.filter(state=data["state"])
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return list_response(request, "council/meeting_list.html", {"form": form, "page": page})
