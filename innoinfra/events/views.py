"""Public event pages: the list, the month, the ICS feed, an event with its registration form, and the
participant's own page opened by the link from their letter."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.ics import ics_response
from innoinfra.core.lists import list_response
from innoinfra.core.months import month_from, month_weeks, navigation, weeks_of

from . import calendar_feed, queries, services
from .enums import EventState
from .forms import EventFilterForm, RegistrationForm
from .models import Event, Registration

PAGE_SIZE = 20


def visible_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organizer", "municipality", "site__kind"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404("Мероприятие не найдено.")
    return event


@require_GET
def event_list(request):
    form = EventFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    page = Paginator(queries.public_events(params), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "now": timezone.now(), "past": params.get("past")}
    return list_response(request, "events/event_list.html", context)


@require_GET
def month(request):
    today = timezone.localdate()
    first = month_from(request.GET.get("month"), today)
    weeks = weeks_of(first)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    shown = (
        queries.with_seats(Event.objects.filter(state__in=queries.PUBLIC_LIST_STATES))
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "id")
    )
    context = {
        **navigation(first, today),
        "weeks": month_weeks(first, today, shown, day_of=lambda event: timezone.localtime(event.starts_at).date()),
    }
    return render(request, "events/month.html", context)


@require_GET
def ics(request):
    body = calendar_feed.build_calendar(calendar_feed.feed_events(), base_url=request.build_absolute_uri("/"))
    response = ics_response(body, "events.ics")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    """The event; a POST is a registration (anonymous visitors may register)."""
    event = visible_event(request, pk)
    mine = services.registration_of_user(event, request.user)
    form = RegistrationForm(request.POST or None, initial=RegistrationForm.initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(event=event, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Регистрация принята: {registration.get_state_display().lower()}.")
            return redirect(registration)
    now = timezone.now()
    context = {
        "event": event,
        "form": form,
        "mine": mine,
        "seats_taken": services.seats_taken(event),
        "registration_open": event.state == EventState.PUBLISHED and now < event.registration_closes_at,
        "can_change": request.user.has_perm("events.change_event", event),
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_POST
def unregister(request, pk):
    event = visible_event(request, pk)
    try:
        services.cancel_registration_of_user(event, request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Ваша регистрация отменена.")
    return redirect(event)


def _registration(token: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event__organizer"), token=token)


@require_GET
def participant(request, token):
    registration = _registration(token)
    return render(request, "events/participant.html", {"registration": registration, "event": registration.event})


@require_POST
def participant_cancel(request, token):
    registration = _registration(token)
    try:
        services.cancel_registration(registration)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Ваша регистрация отменена.")
    return redirect(registration)
