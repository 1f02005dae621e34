"""Pages of the people who take part: a school's head registering staff, the head's list of their staff at events,
and a teacher's own events with their certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from innoinfra.core.errors import ServiceError
from innoinfra.core.once import Repeated, once
from innoinfra.core.permissions import check_perm

from .. import queries, services
from ..courses import queries as course_queries
from ..enums import EventState, RegistrationState
from ..forms import ColleagueFormSet, GroupRegistrationForm
from .public import visible_event

PAGE_SIZE = 30
PREFIX = "staff"


def _people(user, form, formset) -> list[services.Colleague]:
    people = [
        services.Colleague(row["full_name"], row["email"], row["position"])
        for row in (row_form.cleaned_data for row_form in formset.forms)
        if row.get("full_name") or row.get("email")
    ]
    if form.cleaned_data["include_self"]:
        people.insert(0, services.Colleague(user.full_name or user.username, user.email, user.position))
    return people


def _summary(registrations) -> str:
    states = {}
    for registration in registrations:
        states[registration.state] = states.get(registration.state, 0) + 1
    parts = [f"{RegistrationState(state).label.lower()} — {count}" for state, count in states.items()]
    # «состояние — число» needs no agreement of a numeral with its noun
    return f"Регистрация сотрудников принята: {'; '.join(parts)}. Каждому отправлено письмо с личной ссылкой."


@login_required
@require_http_methods(["GET", "POST"])
def group_register(request, pk):
    """One form for several colleagues: each gets their own registration, letter and link."""
    event = visible_event(request, pk)
    check_perm(request, "events.register_staff")
    form = GroupRegistrationForm(request.POST or None, user=request.user)
    formset = ColleagueFormSet(request.POST or None, prefix=PREFIX)
    open_now = event.state == EventState.PUBLISHED and timezone.now() < event.registration_closes_at
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            registered = once(
                request,
                lambda: services.register_staff(
                    event=event,
                    organization=form.cleaned_data["organization"],
                    people=_people(request.user, form, formset),
                    consent=form.cleaned_data["consent"],
                    by=request.user,
                ),
                purpose="events.register_staff",
                fallback_url=reverse("events:staff"),
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if isinstance(registered, Repeated):
                return redirect(registered.url)
            messages.success(request, _summary(registered))
            return redirect("events:staff")
    context = {
        "event": event,
        "form": form,
        "formset": formset,
        "open_now": open_now,
        "seats_taken": services.seats_taken(event),
        "max_group": services.MAX_GROUP,
    }
    status = 400 if request.method == "POST" and (form.errors or formset.total_error_count()) else 200
    return render(request, "events/group_register.html", context, status=status)


@login_required
@require_GET
def staff_registrations(request):
    """«Сотрудники на мероприятиях»: whom the head's school sent, their attendance and certificates."""
    check_perm(request, "events.register_staff")
    page = Paginator(queries.staff_registrations(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/staff_registrations.html", {"page": page})


@login_required
@require_GET
def mine(request):
    """«Мои мероприятия и сертификаты»: the user's registrations (from any account or by their address) and their
    certificates; anyone logged in."""
    context = {
        "registrations": list(queries.my_registrations(request.user)[:200]),
        "other_certificates": list(queries.my_other_certificates(request.user)[:200]),
        "training_certificates": list(course_queries.mine(request.user)[:200]),
        "now": timezone.now(),
        "can_register_staff": request.user.has_perm("events.register_staff"),
    }
    return render(request, "events/mine.html", context)
