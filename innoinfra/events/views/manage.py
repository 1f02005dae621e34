"""Organizer pages: my events, create and edit, state changes, participants with attendance and approval,
the participants' Excel table, the programme, the materials, the feedback summary and the check-in page the
participant's QR code opens. Staff of the event's territory and the organizing school's administrator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import document_filename
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.versioning import form_status
from innoinfra.core.xlsx import build_workbook, xlsx_response

from .. import queries, services
from ..checkin import registration_by_checkin_code
from ..enums import EventState, RegistrationState
from ..forms import AttendanceForm, CancelEventForm, EventForm, MaterialForm, RegistrationChoiceForm, SessionForm
from ..models import Feedback
from .public import visible_event

PAGE_SIZE = 25
# the participants page: a hall's worth of rows at once, which attendance is marked on
PARTICIPANTS_PAGE = 100


@login_required
@require_GET
def my_events(request):
    check_perm(request, "events.manage_events")
    page = Paginator(queries.events_for_organizer(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/manage_list.html", {"page": page, "now": timezone.now()})


def _save(request, form, event=None):
    data = form.service_data()
    items = data.pop("plan_items")
    try:
        if event is None:
            return services.create_event(by=request.user, plan_items=items, **data)
        return services.update_event(event, by=request.user, plan_items=items, **data)
    except ServiceError as error:
        form.refuse(error)  # a stale save (VersionConflict) is marked on the form for the 409
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
    return render(request, "events/event_form.html", context, status=form_status(form))


@login_required
@require_POST
def event_state(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    target = request.POST.get("state", "")
    form = CancelEventForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions = {
        EventState.PUBLISHED: (services.publish_event, "Мероприятие опубликовано: регистрация открыта."),
        EventState.HELD: (services.mark_held, "Мероприятие отмечено проведённым."),
        EventState.CANCELLED: (
            lambda event, by: services.cancel_event(event, by=by, reason=reason),
            "Мероприятие отменено, зарегистрированным участникам отправлены письма.",
        ),
    }
    if target not in actions:
        messages.error(request, "Неизвестное действие.")
        return redirect(event)
    action, done = actions[target]
    report(request, lambda: action(event, by=request.user), done)
    return redirect(event)


@login_required
@require_GET
def participants(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.view_registrations", event)
    state = request.GET.get("state")
    state = state if state in RegistrationState.values else None
    # paged: an event of a whole region gathers hundreds, and the page must not grow with them (the Excel file has all)
    page = Paginator(queries.participants(event, state=state), PARTICIPANTS_PAGE).get_page(request.GET.get("page"))
    registrations = list(page)
    labels = services.answer_labels(event, registrations)
    for registration in registrations:
        registration.answer_list = [(registration.answers or {}).get(label, "") for label in labels]
    counts = queries.counts(event)
    context = {
        "event": event,
        "page": page,
        "registrations": registrations,
        "answer_labels": labels,
        "counts": counts,
        # a tab per state that has registrations (and the one chosen, even if it has none left)
        "state_tabs": [(v, label, counts[v]) for v, label in RegistrationState.choices if counts[v] or v == state],
        "state": state,
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

    def mark():
        if not form.is_valid():
            raise ServiceError("Список присутствующих не распознан: обновите страницу и отметьте снова.")
        present = [registration.pk for registration in form.cleaned_data["attended"]]
        # the rows of the page marked (none, if the page holds no seated participant); a form without its page
        # number comes from a page of before the paging and marks the whole list, as it used to
        shown = [registration.pk for registration in form.cleaned_data["shown"]] if "page" in request.POST else None
        return services.mark_attendance(event, attended=present, among=shown, by=request.user)

    report(request, mark, lambda present: f"Присутствие отмечено: {present}.")
    # back to the page and the filter the organizer marked
    back = reverse("events:participants", args=[event.pk])
    kept = {"page": request.POST.get("page", ""), "state": request.POST.get("state", "")}
    kept = urlencode({key: value for key, value in kept.items() if value.isascii() and value.isalnum()})
    return redirect(f"{back}?{kept}" if kept else back)


@login_required
@require_POST
def registration_action(request, pk):
    """Approve a pending registration or cancel one (the organizer declines or removes a participant)."""
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    form = RegistrationChoiceForm(request.POST, event=event)
    action = request.POST.get("action", "")
    actions = {
        "approve": (services.approve_registration, "участие подтверждено."),
        "cancel": (services.cancel_registration, "регистрация отменена."),
    }

    def act():
        if not form.is_valid() or action not in actions:
            raise ServiceError("Регистрация не найдена: обновите страницу.")
        return actions[action][0](form.cleaned_data["registration"], by=request.user)

    report(request, act, lambda registration: f"{registration.full_name}: {actions[action][1]}")
    return redirect("events:participants", pk=event.pk)


HEADERS = ["№", "ФИО", "Организация", "Должность", "Электронная почта", "Телефон", "Состояние", "Зарегистрирован(а)"]


@login_required
@require_GET
def participants_xlsx(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.view_registrations", event)
    registrations = list(queries.participants(event))
    labels = services.answer_labels(event, registrations)
    rows = (
        [n, r.full_name, r.organization_name, r.position, r.email, r.phone, r.get_state_display(), r.created_at]
        + [(r.answers or {}).get(label, "") for label in labels]
        for n, r in enumerate(registrations, start=1)
    )
    workbook = build_workbook("Участники", [*HEADERS, *labels], rows)
    return xlsx_response(document_filename(f"Участники — {event.title}", ".xlsx"), workbook)


def _runs(request, pk):
    """The event, for one who may change it (others: 404 if they may not see it, else 403)."""
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    return event


# ---------------------------------------------------------------- programme


@login_required
@require_http_methods(["GET", "POST"])
def programme(request, pk):
    """The programme by day, with the form that adds a part to it."""
    event = _runs(request, pk)
    sessions = list(event.sessions.all())
    # a new part most often follows the last one: its start is offered where the last one ends
    start = (sessions[-1].ends_at or sessions[-1].starts_at) if sessions else event.starts_at
    form = SessionForm(request.POST or None, initial={"starts_at": timezone.localtime(start)})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_session(event, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"В программу добавлено: «{form.cleaned_data['title']}».")
            return redirect("events:programme", pk=event.pk)
    context = {"event": event, "days": services.by_day(sessions), "form": form, "active": "programme"}
    return render(request, "events/programme.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, session_pk):
    event = _runs(request, pk)
    session = get_object_or_404(event.sessions, pk=session_pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_of(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Часть программы сохранена.")
            return redirect("events:programme", pk=event.pk)
    return render(request, "events/session_form.html", {"event": event, "session": session, "form": form})


@login_required
@require_POST
def session_delete(request, pk, session_pk):
    event = _runs(request, pk)
    session = get_object_or_404(event.sessions, pk=session_pk)
    report(
        request, lambda: services.delete_session(session, by=request.user), f"Из программы удалено: «{session.title}»."
    )
    return redirect("events:programme", pk=event.pk)


# ---------------------------------------------------------------- materials


@login_required
@require_http_methods(["GET", "POST"])
def materials(request, pk):
    event = _runs(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_material(event, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Материал «{form.cleaned_data['title']}» добавлен.")
            return redirect("events:materials", pk=event.pk)
    context = {"event": event, "materials": list(event.materials.all()), "form": form, "active": "materials"}
    return render(request, "events/materials.html", context, status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def material_delete(request, pk, material_pk):
    event = _runs(request, pk)
    material = get_object_or_404(event.materials, pk=material_pk)
    report(request, lambda: services.delete_material(material, by=request.user), f"Материал «{material.title}» удалён.")
    return redirect("events:materials", pk=event.pk)


# ---------------------------------------------------------------- feedback


@login_required
@require_GET
def feedback(request, pk):
    """What participants said: count, mean rating, marks, and every answer with text."""
    event = visible_event(request, pk)
    check_perm(request, "events.view_registrations", event)
    # without names: the organizer reads what was said, not who said it
    comments = Feedback.objects.filter(registration__event=event).order_by("-created_at", "-id")
    context = {
        "event": event,
        "summary": services.feedback_summary(event),
        "comments": list(comments),
        "can_change": request.user.has_perm("events.change_event", event),
        "active": "feedback",
    }
    return render(request, "events/feedback.html", context)


@login_required
@require_POST
def feedback_open(request, pk):
    event = _runs(request, pk)
    is_open = request.POST.get("open") == "1"
    done = "Анкета обратной связи открыта." if is_open else "Анкета обратной связи закрыта."
    report(request, lambda: services.set_feedback_open(event, is_open=is_open, by=request.user), done)
    return redirect("events:feedback", pk=event.pk)


# ---------------------------------------------------------------- check-in by QR code


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, token):
    """The page the participant's QR code opens on the organizer's phone: who it is, and one big button.
    A code that is no registration's: 404; a registration of an event one does not run: 403."""
    registration = registration_by_checkin_code(token)
    if registration is None:
        raise Http404("Регистрация не найдена.")
    check_perm(request, "events.change_event", registration.event)
    if request.method == "POST":
        done = f"{registration.full_name}: присутствие отмечено."
        report(request, lambda: services.check_in(registration, by=request.user), done)
        return redirect("events:checkin", token=token)
    context = {
        "registration": registration,
        "event": registration.event,
        "can_check_in": services.can_check_in_now(registration),
    }
    return render(request, "events/checkin.html", context)
