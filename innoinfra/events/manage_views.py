"""Organizer pages: my events, create and edit, state changes, participants with attendance and approval,
the participants' Excel table. Staff of the event's territory and the organizing school's administrator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.permissions import check_perm
from innoinfra.core.xlsx import build_workbook, xlsx_response

from . import queries, services
from .enums import EventState, RegistrationState
from .forms import AttendanceForm, CancelEventForm, EventForm, RegistrationChoiceForm
from .views import visible_event

PAGE_SIZE = 25



@login_required
@require_GET
def my_events(request):
    check_perm(request, "events.manage_events")
    page = Paginator(queries.events_for_organizer(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/manage_list.html", {"page": page, "now": timezone.now()})


def _save(request, form, event=None):
    data = dict(form.cleaned_data)
    items = data.pop("plan_items")
    try:
        if event is None:
            return services.create_event(by=request.user, plan_items=items, **data)
        return services.update_event(event, by=request.user, plan_items=items, **data)
    except ServiceError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    check_perm(request, "events.add_event")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = _save(request, form)
        if event is not None:
            messages.success(request, "Мероприятие создано как черновик. Проверьте его и опубликуйте.")
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "title": "Новое мероприятие"})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    if event.state in (EventState.HELD, EventState.CANCELLED):
        messages.error(request, "Проведённое или отменённое мероприятие не редактируется.")
        return redirect(event)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        # the ModelForm wrote the values onto `event`; the service re-reads the row and saves them checked
        saved = _save(request, form, event)
        if saved is not None:
            messages.success(request, "Сведения о мероприятии сохранены.")
            return redirect(saved)
    context = {"form": form, "event": event, "title": "Сведения о мероприятии"}
    return render(request, "events/event_form.html", context)


@login_required
@require_POST
def event_state(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    target = request.POST.get("state", "")
    actions = {
        EventState.PUBLISHED: (services.publish_event, "Мероприятие опубликовано: регистрация открыта."),
        EventState.HELD: (services.mark_held, "Мероприятие отмечено проведённым."),
    }
    try:
        if target == EventState.CANCELLED:
            form = CancelEventForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.cancel_event(event, by=request.user, reason=reason)
            done = "Мероприятие отменено, зарегистрированным участникам отправлены письма."
        elif target in actions:
            action, done = actions[target]
            action(event, by=request.user)
        else:
            raise ServiceError("Неизвестное действие.")
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(event)


@login_required
@require_GET
def participants(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.view_registrations", event)
    context = {
        "event": event,
        "registrations": list(queries.participants(event)),
        "counts": queries.counts(event),
        "states": RegistrationState,
        "can_mark": event.state in (EventState.PUBLISHED, EventState.HELD) and event.starts_at <= timezone.now(),
    }
    return render(request, "events/participants.html", context)


@login_required
@require_POST
def attendance(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    form = AttendanceForm(request.POST, event=event)
    try:
        if not form.is_valid():
            raise ServiceError("Список присутствующих не распознан: обновите страницу и отметьте снова.")
        present_ids = [registration.pk for registration in form.cleaned_data["attended"]]
        present = services.mark_attendance(event, attended=present_ids, by=request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Присутствие отмечено: {present}.")
    return redirect("events:participants", pk=event.pk)


@login_required
@require_POST
def registration_action(request, pk):
    """Approve a pending registration or cancel one (the organizer declines or removes a participant)."""
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    form = RegistrationChoiceForm(request.POST, event=event)
    action = request.POST.get("action", "")
    try:
        if not form.is_valid() or action not in ("approve", "cancel"):
            raise ServiceError("Регистрация не найдена: обновите страницу.")
        registration = form.cleaned_data["registration"]
        if action == "approve":
            services.approve_registration(registration, by=request.user)
        else:
            services.cancel_registration(registration, by=request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "Участие подтверждено." if action == "approve" else "Регистрация отменена."
        messages.success(request, f"{registration.full_name}: {done.lower()}")
    return redirect("events:participants", pk=event.pk)


HEADERS = ["№", "ФИО", "Организация", "Должность", "Электронная почта", "Телефон", "Состояние", "Зарегистрирован(а)"]


@login_required
@require_GET
def participants_xlsx(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.view_registrations", event)
    rows = (
        [n, r.full_name, r.organization_name, r.position, r.email, r.phone, r.get_state_display(), r.created_at]
        for n, r in enumerate(queries.participants(event), start=1)
    )
    return xlsx_response(f"participants-{event.pk}.xlsx", build_workbook("Участники", HEADERS, rows))
