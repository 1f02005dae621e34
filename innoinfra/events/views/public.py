"""Public event pages: the list, the month, the ICS feed, an event with its registration form, and the
participant's own page opened by the link from their letter."""

from __future__ import annotations

import datetime as dt

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.ics import ics_response
from innoinfra.core.lists import list_response
from innoinfra.core.months import month_from, month_weeks, navigation, weeks_of
from innoinfra.core.once import Repeated, once
from innoinfra.core.outcomes import report
from innoinfra.core.site_url import absolute_url, site_origin
from innoinfra.core.timezones import activate_zone

from .. import calendar_feed, checkin, queries, services
from ..courses import services as course_services
from ..enums import EventState, RegistrationState
from ..forms import EventFilterForm, FeedbackForm, RegistrationForm, organizer_label
from ..models import Event, Material, Registration

PAGE_SIZE = 20


def visible_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organizer", "municipality", "site__kind"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404("Мероприятие не найдено.")
    # a page about one event shows (and its forms take) times in the zone of the event's municipality
    activate_zone(event.municipality.time_zone)
    return event


@require_GET
def event_list(request):
    form = EventFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    page = Paginator(queries.public_events(params), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "now": timezone.now(),
        "past": params.get("past"),
        "ics_url": calendar_feed.feed_url(params),
    }
    return list_response(request, "events/event_list.html", context)


@require_GET
def month(request):
    today = timezone.localdate()
    first = month_from(request.GET.get("month"), today)
    weeks = weeks_of(first)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    shown = queries.calendar_events(start, end)
    weeks = month_weeks(first, today, shown, day_of=lambda event: timezone.localtime(event.starts_at).date())
    for day in (day for week in weeks for day in week if day.entries):
        day.more = day.entries[0].day_total - len(day.entries)
    return render(request, "events/month.html", {**navigation(first, today), "weeks": weeks})


@require_GET
def organizer_options(request):
    """The organizer filter's autocomplete: organizers of public events matching the typed text, as JSON."""
    text = request.GET.get("q", "").strip()
    found = queries.organizer_options(text) if len(text) >= 2 else []
    return JsonResponse({"results": [{"value": org.pk, "text": organizer_label(org)} for org in found]})


@require_GET
def ics(request):
    form = EventFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # a subscription with a mistyped filter should not quietly deliver every event of the region
        return HttpResponseBadRequest("Неверные параметры календаря: проверьте ссылку.", content_type="text/plain")
    params = form.cleaned_data if form.is_bound else {}
    chunks = calendar_feed.stream_feed(
        calendar_feed.feed_events(params),
        base_url=site_origin(request),
        name=calendar_feed.calendar_name(params),
    )
    response = ics_response(chunks, "events.ics")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    """The event; a POST is a registration (anonymous visitors may register)."""
    event = visible_event(request, pk)
    mine = services.registration_of_user(event, request.user)
    form = RegistrationForm(request.POST or None, event=event, initial=RegistrationForm.initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            registration = once(
                request,
                lambda: _register(request, event, form.service_data()),
                purpose="events.register",
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if isinstance(registration, Repeated):
                return redirect(registration.url)
            messages.success(request, f"Регистрация принята: {registration.get_state_display().lower()}.")
            return redirect(registration)
    now = timezone.now()
    context = {
        "co_organizers": list(event.co_organizers.order_by("short_name")),
        "event": event,
        "form": form,
        "mine": mine,
        "seats_taken": services.seats_taken(event),
        "registration_open": event.state == EventState.PUBLISHED and now < event.registration_closes_at,
        "can_change": request.user.has_perm("events.change_event", event),
        "can_register_staff": request.user.has_perm("events.register_staff"),
        "programme": services.by_day(event.sessions.all()),
        "materials": _materials(event, private=services.sees_private_materials(event, user=request.user)),
    }
    if event.is_course:
        modules = list(event.course_modules.all())
        context.update(modules=modules, totals=course_services.ProgrammeHours.of(event, modules))
    return render(request, "events/event_detail.html", context)


def _register(request, event: Event, data: dict) -> Registration:
    """A colleague registered by a logged-in head is the colleague's registration, not the head's."""
    user = request.user
    if services.registers_someone_else(user, full_name=data["full_name"], email=data["email"]):
        return services.register(event=event, registered_by=user, **data)
    return services.register(event=event, user=user, **data)


def _materials(event: Event, *, private: bool) -> list[Material]:
    materials = event.materials.all()
    return list(materials if private else materials.filter(participants_only=False))


@login_required
@require_POST
def unregister(request, pk):
    event = visible_event(request, pk)
    report(request, lambda: services.cancel_registration_of_user(event, request.user), "Ваша регистрация отменена.")
    return redirect(event)


def _registration(token: str) -> Registration:
    rows = Registration.objects.select_related("event__organizer", "event__municipality")
    found = get_object_or_404(rows, token=token)
    activate_zone(found.event.municipality.time_zone)
    return found


def qr_svg(url: str) -> str:
    """A QR code as inline SVG: nothing to store or serve, and it stays sharp on a phone's screen or on paper.
    segno draws the modules only (no text of the URL goes into the markup), so it is safe to mark safe."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, border=2))


def _participant_page(request, registration: Registration, feedback_form=None, status=200):
    event = registration.event
    checkin_url = ""
    # the code is for the door: shown to a seated participant until the event ends
    seated = registration.state == RegistrationState.CONFIRMED
    if seated and event.state == EventState.PUBLISHED and timezone.now() < event.ends_at:
        checkin_url = absolute_url(
            reverse("events:checkin", args=[checkin.checkin_code(registration)]), request=request
        )
    if feedback_form is None and services.feedback_allowed(registration):
        feedback_form = FeedbackForm()
    context = {
        "registration": registration,
        "event": event,
        "checkin_qr": qr_svg(checkin_url) if checkin_url else "",
        "materials": _materials(event, private=services.sees_private_materials(event, registration=registration)),
        "feedback": getattr(registration, "feedback", None),
        "feedback_form": feedback_form,
        "certificates": registration.certificates.filter(revoked_at__isnull=True).order_by("kind", "pk"),
    }
    return render(request, "events/participant.html", context, status=status)


@require_GET
def participant(request, token):
    return _participant_page(request, _registration(token))


@require_POST
def participant_feedback(request, token):
    """The short form after the event; a refused or invalid answer shows the page again with the reason."""
    registration = _registration(token)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        done = "Спасибо! Ваш отзыв передан организатору."
        report(request, lambda: services.leave_feedback(registration, **form.cleaned_data), done)
        return redirect(registration)
    return _participant_page(request, registration, feedback_form=form, status=400)


def _download(material: Material):
    if material.url:
        return redirect(material.url)
    return file_response(material.file, filename=services.material_download_name(material))


@require_GET
def material(request, pk, material_pk):
    """A material of the event: a public one to whoever sees the event, one «только для участников» to the
    registered participants (logged in) and the organizers. Others learn nothing of it: 404."""
    event = visible_event(request, pk)
    found = get_object_or_404(event.materials, pk=material_pk)
    if found.participants_only and not services.sees_private_materials(event, user=request.user):
        raise Http404("Материал не найден.")
    return _download(found)


@require_GET
def participant_material(request, token, pk):
    """A material opened from the participant's own page: the link's token stands for the account."""
    registration = _registration(token)
    found = get_object_or_404(Material, pk=pk, event_id=registration.event_id)
    if found.participants_only and not services.sees_private_materials(registration.event, registration=registration):
        raise Http404("Материал не найден.")
    return _download(found)


@require_POST
def participant_cancel(request, token):
    registration = _registration(token)
    report(request, lambda: services.cancel_registration(registration), "Ваша регистрация отменена.")
    return redirect(registration)
