"""A meeting: planning it, its page (attendance, quorum, agenda, decisions) and its state."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from innoinfra.accounts.models import User
from innoinfra.core.errors import ServiceError
from innoinfra.core.numerals import numeral
from innoinfra.core.once import Repeated, once
from innoinfra.core.permissions import check_perm
from innoinfra.review.visibility import applications_hiding_applicants, masked_decision, masked_title

from .. import queries, services
from ..enums import MEETING_TRANSITIONS, MeetingState
from ..forms import AttendanceForm, MeetingForm
from ..models import Meeting
from .bodies import error_text, visible_body


def visible_meeting(request, pk) -> Meeting:
    try:
        meeting = queries.meeting_page(pk)
    except Meeting.DoesNotExist:
        raise Http404("Заседание не найдено.") from None
    if not request.user.has_perm("council.view_meeting", meeting):
        raise Http404("Заседание не найдено.")
    return meeting


def _member_users(body):
    """Everyone with a term in the body; the service checks the term covers the meeting's date."""
    return User.objects.filter(memberships__body=body).distinct().order_by("last_name", "first_name")


def attendance_context(request, meeting: Meeting, attendees=None) -> dict:
    attendees = queries.attendees_of(meeting) if attendees is None else attendees
    return {
        "meeting": meeting,
        "attendees": attendees,
        "quorum": services.quorum_of(attendees),
        "can_change": meeting.is_editable and request.user.has_perm("council.change_meeting", meeting),
    }


def mask_hidden(request, agenda):
    """Questions on applicants of a blind call the user may not learn yet keep only their number (review.visibility)."""
    hidden = applications_hiding_applicants(request.user, (item.application for item in agenda if item.application_id))
    for item in agenda:
        item.masked = item.application_id in hidden
        if item.masked:
            item.masked_title = masked_title(item.application)
            item.masked_decision = masked_decision(item.application)
    return agenda


def item_context(request, meeting: Meeting, item) -> dict:
    mask_hidden(request, [item])
    return {
        "meeting": meeting,
        "item": item,
        "can_change": meeting.is_editable and request.user.has_perm("council.change_meeting", meeting),
        "today": timezone.localdate(),
    }


def meeting_context(request, meeting: Meeting) -> dict:
    context = attendance_context(request, meeting)
    agenda = mask_hidden(request, queries.agenda_of(meeting))
    can_issue = request.user.has_perm("council.issue_order", meeting)
    context.update(
        agenda=agenda,
        transitions=[MeetingState(state) for state in MEETING_TRANSITIONS[meeting.state]],
        can_issue=can_issue,
        # A cancelled meeting is read-only, but may be restored.
        may_change_state=request.user.has_perm("council.change_meeting", meeting),
        pending_orders=sum(
            1
            for item in agenda
            if hasattr(item, "decision") and item.decision.order_id is None and item.decision.needs_order
        ),
        today=timezone.localdate(),
    )
    return context


@login_required
def meeting_detail(request, pk):
    meeting = visible_meeting(request, pk)
    return render(request, "council/meeting_detail.html", meeting_context(request, meeting))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    body = visible_body(request, pk)
    check_perm(request, "council.add_meeting", body)
    form = MeetingForm(request.POST or None, members=_member_users(body), initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = once(
                request,
                lambda: services.create_meeting(body=body, by=request.user, **form.cleaned_data),
                purpose="council.meeting_create",
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if isinstance(meeting, Repeated):
                return redirect(meeting.url)
            messages.success(
                request,
                "Заседание запланировано. Составьте повестку; номер протокола будет присвоен, когда заседание будет "
                "отмечено проведённым.",
            )
            return redirect(meeting)
    return render(request, "council/meeting_form.html", {"form": form, "body": body, "title": "Новое заседание"})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = visible_meeting(request, pk)
    check_perm(request, "council.change_meeting", meeting)
    initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
    form = MeetingForm(request.POST or None, members=_member_users(meeting.body), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Сведения о заседании сохранены.")
            return redirect(meeting)
    context = {"form": form, "body": meeting.body, "meeting": meeting, "title": "Сведения о заседании"}
    return render(request, "council/meeting_form.html", context)


# What each step does, said on its confirmation page before it is taken.
STATE_EFFECTS = {
    MeetingState.HELD: (
        "Заседание будет отмечено проведённым. Отменить его или вернуть в запланированные после этого нельзя.",
        "Решения можно будет исправлять, пока не подписан протокол; после подписания они не меняются.",
        "По решениям, которые исполняются приказом, можно будет внести приказ.",
    ),
    MeetingState.CANCELLED: (
        "Заседание будет отменено: его повестка и отметки присутствия перестанут меняться.",
        "Номер протокола останется за этим заседанием. Вернуть заседание в запланированные можно.",
    ),
    MeetingState.PLANNED: ("Заседание снова станет запланированным: его сведения можно будет менять.",),
}
STATE_BUTTONS = {
    MeetingState.HELD: "Заседание проведено",
    MeetingState.CANCELLED: "Отменить заседание",
    MeetingState.PLANNED: "Вернуть в запланированные",
}


def _state_page(request, meeting: Meeting, target: str, *, error: str = "", status: int = 200):
    allowed = [MeetingState(state) for state in MEETING_TRANSITIONS[meeting.state]]
    targets = [MeetingState(target)] if target in allowed else allowed
    steps = [(state, STATE_BUTTONS[state], STATE_EFFECTS[state]) for state in targets]
    undecided = services.undecided_items(meeting) if MeetingState.HELD in targets else []
    context = {"meeting": meeting, "steps": steps, "undecided": undecided, "error": error}
    return render(request, "council/meeting_state.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_state(request, pk):
    """GET: what the step will do (and which questions still lack a decision); POST: take it."""
    meeting = visible_meeting(request, pk)
    check_perm(request, "council.change_meeting", meeting)
    if request.method == "GET":
        return _state_page(request, meeting, request.GET.get("state", ""))
    target = request.POST.get("state", "")
    try:
        services.change_meeting_state(meeting, target, by=request.user)
    except ServiceError as error:
        meeting = visible_meeting(request, pk)
        return _state_page(request, meeting, target, error=error_text(error), status=409)
    messages.success(request, f"Заседание: «{MeetingState(target).label}».")
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def protocol_sign(request, pk):
    """«Протокол подписан»: GET says what the signature locks, POST records it."""
    meeting = visible_meeting(request, pk)
    check_perm(request, "council.change_meeting", meeting)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.sign_protocol(meeting, by=request.user)
        except ServiceError as refusal:
            error, status = error_text(refusal), 409
        else:
            messages.success(request, "Протокол отмечен подписанным: решения заседания больше не меняются.")
            return redirect(meeting)
    context = {
        "meeting": meeting,
        "undecided": services.undecided_items(meeting),
        "agenda_count": len(queries.agenda_of(meeting)),
        "error": error,
    }
    return render(request, "council/protocol_sign.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """The attendance card: marks of presence, invited people, the quorum."""
    meeting = visible_meeting(request, pk)
    notice = error = ""
    if request.method == "POST":
        check_perm(request, "council.change_meeting", meeting)
        try:
            notice = _save_attendance(request, meeting)
        except ServiceError as refusal:
            error = error_text(refusal)
        if not request.htmx:
            (messages.error if error else messages.success)(request, error or notice)
            return redirect(meeting)
    context = {**attendance_context(request, meeting), "notice": notice, "error": error}
    return render(request, "council/meeting_detail.html#attendance", context)


def _save_attendance(request, meeting: Meeting) -> str:
    """Apply the posted marks (or the «add members» / «remove» buttons); returns what was done."""
    attendees = queries.attendees_of(meeting)
    form = AttendanceForm(request.POST, attendees=attendees)
    if not form.is_valid():
        raise ServiceError("Отметки присутствия не сохранены: список изменился, обновите страницу.")
    data = form.cleaned_data
    if "sync" in request.POST:
        return f"В список добавлено членов органа: {services.sync_attendees(meeting)}."
    if "remove" in request.POST:
        attendee = next((a for a in attendees if str(a.pk) == request.POST["remove"]), None)
        if attendee is None:
            raise ServiceError("Этого человека уже нет в списке.")
        services.remove_attendee(attendee)
        return f"{attendee.name} — исключён(а) из списка."
    result = services.set_attendance(
        meeting, present=data["present"], invited_name=data["invited_name"], invited_position=data["invited_position"]
    )
    state = "кворум есть" if result.reached else "кворума нет"
    members = numeral(result.members, services.MEMBERS_GENITIVE)
    return f"Отметки сохранены: присутствуют {result.present} из {members}, {state}."
