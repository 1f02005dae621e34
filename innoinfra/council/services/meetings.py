"""Meetings: planning one with the next protocol number of its year, changing it, and its states (planned,
held, cancelled)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Body

from .. import queries
from ..enums import MEETING_TRANSITIONS, MeetingState
from ..models import AgendaItem, Decision, Meeting
from ._common import check_editable
from .attendance import quorum, sync_attendees
from .bodies import officers_on

MEETING_FIELDS = ("date", "start_time", "place", "online_link", "chair", "secretary")


def _next_number(body: Body, year: int) -> int:
    last = Meeting.objects.filter(body=body, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _check_officers(body: Body, day: dt.date, chair, secretary) -> None:
    members = set(queries.members_on(body, day).values_list("user_id", flat=True))
    for person, label in ((chair, "Председательствующий"), (secretary, "Секретарь")):
        if person is not None and person.pk not in members:
            raise ServiceError(f"{label} должен быть членом органа на дату заседания; {person} им не является.")


def _number_as_held(meeting: Meeting) -> int:
    """The next protocol number of the meeting's year for its body. The body row is locked while it is chosen, so
    two meetings held at once get consecutive numbers (PostgreSQL; SQLite serialises writers anyway); the unique
    constraint stays the last guard. Numbers are given only to held meetings, and a held meeting stays held, so the
    protocols of a year have no gaps."""
    Body.objects.select_for_update().only("pk").get(pk=meeting.body_id)
    return _next_number(meeting.body, meeting.date.year)


@transaction.atomic
def create_meeting(*, body: Body, date: dt.date, by, chair=None, secretary=None, **fields) -> Meeting:
    """Plan a meeting: officers by default from the body's positions, and the attendance list from the members whose
    term contains the date. The protocol number comes when the meeting is held."""
    default_chair, default_secretary = officers_on(body, date)
    chair = chair or default_chair
    secretary = secretary or default_secretary
    _check_officers(body, date, chair, secretary)
    meeting = Meeting(body=body, date=date, year=date.year, chair=chair, secretary=secretary, created_by=by, **fields)
    meeting.save()
    sync_attendees(meeting)
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, by, **fields) -> Meeting:
    """Change the date, place or officers (left empty: those holding the positions). A held meeting, numbered in its
    year, is not moved to another year."""
    check_editable(meeting)
    if meeting.number and "date" in fields and fields["date"].year != meeting.year:
        raise ServiceError(
            f"Протоколу заседания уже присвоен № {meeting.number} за {meeting.year} год: перенести заседание на "
            "другой год нельзя."
        )
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения заседания так не меняются: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.chair is None or meeting.secretary is None:
        default_chair, default_secretary = officers_on(meeting.body, meeting.date)
        meeting.chair = meeting.chair or default_chair
        meeting.secretary = meeting.secretary or default_secretary
    _check_officers(meeting.body, meeting.date, meeting.chair, meeting.secretary)
    meeting.year = meeting.date.year
    meeting.save()
    return meeting


def undecided_items(meeting: Meeting) -> list[AgendaItem]:
    """Agenda items without a decision (a postponed question has one: «Отложить рассмотрение»), numbered as in the
    agenda."""
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("decision").order_by("position", "id"))
    for number, item in enumerate(items, start=1):
        item.number = number
    return [item for item in items if not hasattr(item, "decision")]


def undecided_message(items: list[AgendaItem], total: int) -> str:
    listed = "; ".join(f"{item.number}. {item.title[:150]}" for item in items)
    return (
        f"Заседание нельзя отметить проведённым: не записаны решения по вопросам повестки ({len(items)} из {total}): "
        f"{listed}. Запишите по каждому решение или отложите его рассмотрение (итог «Отложить рассмотрение»)."
    )


@transaction.atomic
def change_meeting_state(meeting: Meeting, new_state: str, *, by) -> Meeting:
    """Move the meeting along its states. It is held only on its date or later, with a quorum, and with a decision
    (or a postponement) on every question; any refusal changes nothing."""
    old_state = meeting.state
    if new_state not in MEETING_TRANSITIONS.get(old_state, ()):
        label = MeetingState(new_state).label if new_state in MeetingState.values else new_state
        raise ServiceError(f"Нельзя перевести заседание из состояния «{MeetingState(old_state).label}» в «{label}».")
    if new_state == MeetingState.HELD:
        if meeting.date > timezone.localdate():
            raise ServiceError("Заседание ещё не наступило: отметить его проведённым можно в день заседания или позже.")
        if not quorum(meeting).reached:
            raise ServiceError("Нет кворума: заседание не правомочно. Отметьте присутствующих или отмените заседание.")
        # The meeting row is locked first, so no question is added while the agenda is checked.
        Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
        undecided = undecided_items(meeting)
        if undecided:
            total = AgendaItem.objects.filter(meeting=meeting).count()
            raise ServiceError(undecided_message(undecided, total))
    if new_state == MeetingState.CANCELLED and Decision.objects.filter(agenda_item__meeting=meeting).exists():
        raise ServiceError("На заседании уже приняты решения: отменить его нельзя.")
    changes = {"state": new_state}
    if new_state == MeetingState.HELD:
        changes.update(year=meeting.date.year, number=_number_as_held(meeting))
    try:
        with transaction.atomic():
            # Conditional on the state the caller saw: of two people acting at once, the second gets a message.
            changed = Meeting.objects.filter(pk=meeting.pk, state=old_state).update(**changes)
    except IntegrityError:
        raise ServiceError("Не удалось присвоить номер протокола: попробуйте ещё раз.") from None
    if not changed:
        raise ServiceError("Состояние заседания только что изменил другой пользователь. Обновите страницу.")
    for name, value in changes.items():
        setattr(meeting, name, value)
    return meeting


@transaction.atomic
def sign_protocol(meeting: Meeting, *, by) -> Meeting:
    """Record that the protocol of a held meeting is signed: from then on its decisions, agenda and attendance are
    locked (check_editable refuses). Orders carrying the decisions out are still entered. Cannot be undone."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.protocol_signed_at is not None:
        raise ServiceError("Протокол этого заседания уже подписан.")
    if locked.state != MeetingState.HELD:
        raise ServiceError("Подписать можно протокол проведённого заседания: сначала отметьте заседание проведённым.")
    undecided = undecided_items(locked)
    if undecided:
        raise ServiceError(undecided_message(undecided, AgendaItem.objects.filter(meeting=locked).count()))
    locked.protocol_signed_at = timezone.now()
    locked.protocol_signed_by = by
    locked.save(update_fields=["protocol_signed_at", "protocol_signed_by"])
    meeting.protocol_signed_at, meeting.protocol_signed_by = locked.protocol_signed_at, by
    return meeting
