"""Business actions of collegial bodies: bodies and members, meetings, attendance, agenda, decisions.
(Entering the order that carries decisions out is `orders.issue_order`.)

Each runs in a transaction and refuses what the procedure forbids with a ServiceError in Russian; callers check
permissions first (views ask the `rules` perms). A decision on an application moves the application in the same
transaction, so the protocol and the call never disagree, and a failure anywhere changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from innoinfra.accounts import services as account_services
from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.core.dates import numeric_date
from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Body
from innoinfra.registry.enums import SiteState
from innoinfra.review import services as review_services

from . import queries
from .enums import (
    MEETING_TRANSITIONS,
    ORDER_OUTCOMES,
    OUTCOMES_BY_KIND,
    AgendaKind,
    MeetingState,
    Outcome,
    VotingMode,
)
from .models import AgendaItem, Attendee, Decision, Meeting

# A body has one chair and one secretary at a time.
SINGLE_POSITIONS = frozenset({BodyPosition.CHAIR, BodyPosition.SECRETARY})
NUMBERING_ATTEMPTS = 3

# ---------------------------------------------------------------- bodies and members

BODY_FIELDS = ("name", "short_name", "kind", "municipality")


def _check_body(body: Body) -> None:
    body.name = " ".join(body.name.split())
    if not body.name:
        raise ServiceError("Укажите наименование органа.")
    if body.municipality_id is None and body.organization_id is None:
        raise ServiceError("Укажите муниципалитет, к которому относится орган.")


@transaction.atomic
def create_body(**fields) -> Body:
    body = Body(**{name: value for name, value in fields.items() if name in BODY_FIELDS})
    _check_body(body)
    body.save()
    return body


@transaction.atomic
def update_body(body: Body, **fields) -> Body:
    for name, value in fields.items():
        if name in BODY_FIELDS:
            setattr(body, name, value)
    _check_body(body)
    body.save()
    return body


def _terms_overlap(a_start, a_end, b_start, b_end) -> bool:
    starts_in_time = a_start is None or b_end is None or a_start <= b_end
    ends_in_time = b_start is None or a_end is None or b_start <= a_end
    return starts_in_time and ends_in_time


@transaction.atomic
def add_member(
    body: Body, *, user, position: str, by, start_date: dt.date | None = None, end_date: dt.date | None = None
) -> Membership:
    """Include a person in the body for a term; the grant is recorded in the membership history."""
    if position in SINGLE_POSITIONS:
        holders = Membership.objects.filter(body=body, body_position=position).select_related("user")
        for holder in holders:
            if _terms_overlap(holder.start_date, holder.end_date, start_date, end_date):
                label = BodyPosition(position).label.lower()
                raise ServiceError(
                    f"У органа уже есть {label}: {holder.user}. Завершите его полномочия или укажите срок, "
                    "который с ними не пересекается."
                )
    return account_services.add_membership(
        user=user,
        role=Role.EXPERT,
        by=by,
        body=body,
        body_position=position,
        start_date=start_date,
        end_date=end_date,
    )


def end_member(membership: Membership, *, by, last_day: dt.date | None = None) -> Membership:
    """End a member's term (by default yesterday); the record stays in the body's history."""
    if membership.body_id is None:
        raise ServiceError("Это не членство в коллегиальном органе.")
    return account_services.end_membership(membership, by=by, last_day=last_day)


def officers_on(body: Body, day: dt.date):
    """The body's chair and secretary on the day (None where the position is vacant)."""
    chair = secretary = None
    for membership in queries.members_on(body, day).order_by("start_date", "id"):
        if membership.body_position == BodyPosition.CHAIR:
            chair = membership.user
        elif membership.body_position == BodyPosition.SECRETARY:
            secretary = membership.user
    return chair, secretary


# ---------------------------------------------------------------- meetings

MEETING_FIELDS = ("date", "start_time", "place", "online_link", "chair", "secretary")


def _next_number(body: Body, year: int) -> int:
    last = Meeting.objects.filter(body=body, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _check_officers(body: Body, day: dt.date, chair, secretary) -> None:
    members = set(queries.members_on(body, day).values_list("user_id", flat=True))
    for person, label in ((chair, "Председательствующий"), (secretary, "Секретарь")):
        if person is not None and person.pk not in members:
            raise ServiceError(f"{label} должен быть членом органа на дату заседания; {person} им не является.")


def _save_numbered(meeting: Meeting) -> Meeting:
    """Give the meeting the next protocol number of its year and save it.

    The body row is locked while the number is chosen (PostgreSQL; SQLite serialises writers anyway), and the
    unique constraint catches anything that still collides: then the number is chosen again."""
    for attempt in range(NUMBERING_ATTEMPTS):
        try:
            with transaction.atomic():
                Body.objects.select_for_update().only("pk").get(pk=meeting.body_id)
                meeting.year = meeting.date.year
                meeting.number = _next_number(meeting.body, meeting.year)
                meeting.save()
                return meeting
        except IntegrityError:
            if attempt == NUMBERING_ATTEMPTS - 1:
                raise ServiceError("Не удалось присвоить номер протокола: попробуйте ещё раз.") from None
    raise AssertionError("unreachable")


@transaction.atomic
def create_meeting(*, body: Body, date: dt.date, by, chair=None, secretary=None, **fields) -> Meeting:
    """Plan a meeting: the next protocol number of the year, officers by default from the body's positions, and
    the attendance list from the members whose term contains the date."""
    default_chair, default_secretary = officers_on(body, date)
    chair = chair or default_chair
    secretary = secretary or default_secretary
    _check_officers(body, date, chair, secretary)
    meeting = Meeting(body=body, date=date, chair=chair, secretary=secretary, created_by=by, **fields)
    _save_numbered(meeting)
    sync_attendees(meeting)
    return meeting


def _check_editable(meeting: Meeting) -> None:
    if not meeting.is_editable:
        raise ServiceError("Заседание отменено: его сведения не меняются. Верните его в запланированные.")


@transaction.atomic
def update_meeting(meeting: Meeting, *, by, **fields) -> Meeting:
    """Change the date, place or officers (left empty: those holding the positions); a move to another year takes
    the next number of that year."""
    _check_editable(meeting)
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
    if meeting.date.year != meeting.year:
        _save_numbered(meeting)
    else:
        meeting.save()
    return meeting


@transaction.atomic
def change_meeting_state(meeting: Meeting, new_state: str, *, by) -> Meeting:
    old_state = meeting.state
    if new_state not in MEETING_TRANSITIONS.get(old_state, ()):
        label = MeetingState(new_state).label if new_state in MeetingState.values else new_state
        raise ServiceError(f"Нельзя перевести заседание из состояния «{MeetingState(old_state).label}» в «{label}».")
    if new_state == MeetingState.HELD:
        if meeting.date > timezone.localdate():
            raise ServiceError("Заседание ещё не наступило: отметить его проведённым можно в день заседания или позже.")
        if not quorum(meeting).reached:
            raise ServiceError("Нет кворума: заседание не правомочно. Отметьте присутствующих или отмените заседание.")
    if new_state == MeetingState.CANCELLED and Decision.objects.filter(agenda_item__meeting=meeting).exists():
        raise ServiceError("На заседании уже приняты решения: отменить его нельзя.")
    # Conditional on the state the caller saw: of two people acting at once, the second gets a message.
    if not Meeting.objects.filter(pk=meeting.pk, state=old_state).update(state=new_state):
        raise ServiceError("Состояние заседания только что изменил другой пользователь. Обновите страницу.")
    meeting.state = new_state
    return meeting


# ---------------------------------------------------------------- attendance


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int

    @property
    def needed(self) -> int:
        """More than half of the members."""
        return self.members // 2 + 1

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.needed


def quorum_of(attendees: Iterable[Attendee]) -> Quorum:
    members = [a for a in attendees if a.is_member]
    return Quorum(members=len(members), present=sum(1 for a in members if a.present))


def quorum(meeting: Meeting) -> Quorum:
    return quorum_of(Attendee.objects.filter(meeting=meeting).only("is_member", "present"))


def _describe(user) -> str:
    organization = user.organization.short_name if user.organization_id else ""
    if organization and organization in user.position:  # «Учитель МБОУ СОШ № 5» names its school already
        organization = ""
    return ", ".join(part for part in (user.position, organization) if part)


@transaction.atomic
def sync_attendees(meeting: Meeting) -> int:
    """Add the members whose term contains the meeting's date and who are not listed yet; returns how many."""
    _check_editable(meeting)
    listed = set(Attendee.objects.filter(meeting=meeting, user__isnull=False).values_list("user_id", flat=True))
    new, seen = [], set(listed)
    for membership in queries.members_on(meeting.body, meeting.date).order_by("user__last_name", "id"):
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        user = membership.user
        new.append(
            Attendee(
                meeting=meeting,
                user=user,
                name=user.full_name or user.username,
                position=_describe(user),
                is_member=True,
                present=True,
            )
        )
    Attendee.objects.bulk_create(new)
    return len(new)


def _largest_vote(meeting: Meeting) -> int:
    decisions = Decision.objects.filter(agenda_item__meeting=meeting, mode=VotingMode.VOTES)
    return max((d.votes_for + d.votes_against + d.votes_abstained for d in decisions), default=0)


@transaction.atomic
def set_attendance(
    meeting: Meeting, *, present: Iterable[int], invited_name: str = "", invited_position: str = ""
) -> Quorum:
    """Mark who was present (attendee ids); everyone else listed was absent. An `invited_name` is listed as an
    invited person in the same transaction (the attendance card saves both at once)."""
    _check_editable(meeting)
    present = set(present)
    attendees = Attendee.objects.filter(meeting=meeting)
    attendees.filter(pk__in=present).update(present=True)
    attendees.exclude(pk__in=present).update(present=False)
    if invited_name.strip():
        invite(meeting, name=invited_name, position=invited_position)  # present, not counted for the quorum
    result = quorum(meeting)
    if _largest_vote(meeting) > result.present:
        raise ServiceError(
            f"По одному из решений голосовали {_largest_vote(meeting)} членов, а присутствующих отмечено "
            f"{result.present}. Исправьте отметки или число голосов."
        )
    return result


@transaction.atomic
def invite(meeting: Meeting, *, name: str, position: str = "") -> Attendee:
    """An invited person (a speaker, an applicant at a hearing): listed, not counted for the quorum."""
    _check_editable(meeting)
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Укажите фамилию, имя и отчество приглашённого.")
    return Attendee.objects.create(meeting=meeting, name=name, position=position.strip(), is_member=False, present=True)


@transaction.atomic
def remove_attendee(attendee: Attendee) -> None:
    _check_editable(attendee.meeting)
    if attendee.is_member:
        raise ServiceError("Члена органа нельзя убрать из списка: отметьте, что он отсутствовал.")
    attendee.delete()


# ---------------------------------------------------------------- agenda

AGENDA_FIELDS = ("kind", "title", "application", "site", "invited", "heard", "spoke")


def default_title(kind: str, application=None, site=None) -> str:
    if kind == AgendaKind.APPLICATION and application is not None:
        status = f"«{application.site_kind.name}» " if application.site_kind_id else ""
        return (
            f"О присвоении статуса {status}{application.lead_organization.short_name} "
            f"(заявка {application.label}, тема «{application.theme}»)"
        )
    if kind == AgendaKind.SITE and site is not None:
        return (
            f"Об итогах деятельности площадки «{site.kind.name}» {site.lead_organization.short_name} "
            f"(тема «{site.theme}»)"
        )
    return ""


def _check_item(meeting: Meeting, item: AgendaItem) -> None:
    municipality_id = queries.municipality_id_of(meeting.body)
    if item.kind == AgendaKind.APPLICATION:
        if item.application is None:
            raise ServiceError("Выберите заявку, которую рассматривает совет.")
        call = item.application.call
        if call.municipality_id != municipality_id or (call.body_id and call.body_id != meeting.body_id):
            raise ServiceError("Эта заявка подана в конкурс другой территории или другого совета.")
        item.site = None
    elif item.kind == AgendaKind.SITE:
        if item.site is None:
            raise ServiceError("Выберите площадку, которую заслушивает совет.")
        if item.site.lead_organization.municipality_id != municipality_id:
            raise ServiceError("Эта площадка относится к другой территории.")
        item.application = None
    else:
        item.application = item.site = None
    item.title = (item.title or "").strip() or default_title(item.kind, item.application, item.site)
    if not item.title:
        raise ServiceError("Сформулируйте вопрос повестки.")


@transaction.atomic
def add_agenda_item(meeting: Meeting, *, kind: str, title: str = "", **fields) -> AgendaItem:
    _check_editable(meeting)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    item = AgendaItem(meeting=meeting, kind=kind, title=title, position=(last or 0) + 1, **fields)
    _check_item(meeting, item)
    item.save()
    return item


@transaction.atomic
def update_agenda_item(item: AgendaItem, **fields) -> AgendaItem:
    meeting = item.meeting
    _check_editable(meeting)
    decision = Decision.objects.filter(agenda_item=item).first()
    for name in ("kind", "application", "site"):
        if decision and name in fields and fields[name] != getattr(item, name):
            raise ServiceError("По вопросу уже принято решение: заявку или площадку в нём заменить нельзя.")
    for name, value in fields.items():
        if name not in AGENDA_FIELDS:
            raise ServiceError(f"Поле «{name}» вопроса повестки так не меняется.")
        setattr(item, name, value)
    _check_item(meeting, item)
    item.save()
    return item


@transaction.atomic
def delete_agenda_item(item: AgendaItem) -> None:
    _check_editable(item.meeting)
    if Decision.objects.filter(agenda_item=item).exists():
        raise ServiceError("По вопросу уже принято решение: удалить его из повестки нельзя.")
    item.delete()


# ---------------------------------------------------------------- decisions


def default_decision_text(item: AgendaItem, outcome: str, **params) -> str:
    application, site = item.application, item.site
    if application is not None:
        status = f"«{application.site_kind.name}»" if application.site_kind_id else ""
        organization = application.lead_organization.short_name
        if outcome == Outcome.RECOMMEND:
            return f"Рекомендовать присвоить {organization} статус {status} по теме «{application.theme}»."
        if outcome == Outcome.NOT_RECOMMEND:
            return f"Не рекомендовать присвоение {organization} статуса {status}."
    if site is not None:
        label = f"площадки «{site.kind.name}» {site.lead_organization.short_name}"
        if outcome == Outcome.CONTINUE:
            return f"Признать работу {label} удовлетворительной; продолжить работу в статусе."
        if outcome == Outcome.CHANGE_THEME:
            return f"Рекомендовать изменить тему {label} на «{params.get('new_theme', '')}»."
        if outcome == Outcome.EXTEND:
            return f"Рекомендовать продлить срок статуса {label} до {numeric_date(params.get('new_end_date'))}."
        if outcome == Outcome.TERMINATE:
            return f"Рекомендовать прекратить статус {label} досрочно."
    return "Принять информацию к сведению."


def _check_votes(mode: str, votes: tuple[int, int, int], present: int, outcome: str) -> tuple[int, int, int]:
    if mode == VotingMode.CONSENSUS:
        return present, 0, 0
    if any(v < 0 for v in votes):
        raise ServiceError("Число голосов не может быть отрицательным.")
    total = sum(votes)
    if total == 0:
        raise ServiceError("Укажите, сколько членов голосовали «за», «против» и «воздержались».")
    if total > present:
        raise ServiceError(f"Голосов ({total}) больше, чем присутствующих членов органа ({present}).")
    votes_for, against, abstained = votes
    if outcome != Outcome.NOTE and votes_for <= against + abstained:
        raise ServiceError(
            "Решение не набрало большинства голосов присутствующих и не принято. "
            "Запишите итог «Принять к сведению / иное» с текстом о том, что решение не принято."
        )
    return votes


def _site_parameters(item: AgendaItem, outcome: str, new_theme: str, new_end_date, final_state: str):
    site = item.site
    if outcome in ORDER_OUTCOMES and not site.is_current:
        raise ServiceError("Площадка уже не действует: решения о ней больше не принимаются.")
    new_theme = " ".join((new_theme or "").split()) if outcome == Outcome.CHANGE_THEME else ""
    if outcome == Outcome.CHANGE_THEME and (not new_theme or new_theme == site.theme):
        raise ServiceError("Укажите новую тему площадки (она должна отличаться от прежней).")
    new_end_date = new_end_date if outcome == Outcome.EXTEND else None
    if outcome == Outcome.EXTEND:
        if new_end_date is None:
            raise ServiceError("Укажите, до какой даты продлевается статус.")
        if site.end_date and new_end_date <= site.end_date:
            raise ServiceError(f"Новый срок должен быть позже нынешнего ({numeric_date(site.end_date)}).")
    if outcome == Outcome.TERMINATE:
        final_state = final_state or SiteState.REVOKED
        if final_state not in (SiteState.REVOKED, SiteState.COMPLETED):
            raise ServiceError("Укажите, прекращается статус или работа площадки завершается.")
    else:
        final_state = ""
    return new_theme, new_end_date, final_state


@transaction.atomic
def record_decision(
    item: AgendaItem,
    *,
    outcome: str,
    text: str = "",
    mode: str = VotingMode.VOTES,
    votes_for: int = 0,
    votes_against: int = 0,
    votes_abstained: int = 0,
    new_theme: str = "",
    new_end_date: dt.date | None = None,
    final_state: str = "",
    by=None,
) -> Decision:
    """Record (or correct) the decision on an agenda item.

    A quorum must be present and the vote must fit the members present. On an application item the outcome
    «recommend» / «do not recommend» moves the application in the same transaction; once it has moved, the
    outcome stays (the text and votes may still be corrected). A decision carried out by an order is final."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_editable(meeting)
    if meeting.date > timezone.localdate():
        raise ServiceError("Заседание ещё не состоялось: решения записываются в день заседания или позже.")
    if outcome not in OUTCOMES_BY_KIND[item.kind]:
        raise ServiceError(f"Итог «{Outcome(outcome).label}» не подходит для вопроса этого вида.")
    attendance = quorum(meeting)
    if not attendance.reached:
        raise ServiceError(
            f"Нет кворума: присутствуют {attendance.present} из {attendance.members} членов, нужно не менее "
            f"{attendance.needed}. Решения не принимаются."
        )
    votes = _check_votes(mode, (votes_for, votes_against, votes_abstained), attendance.present, outcome)
    if item.kind == AgendaKind.SITE:
        new_theme, new_end_date, final_state = _site_parameters(item, outcome, new_theme, new_end_date, final_state)
    else:
        new_theme, new_end_date, final_state = "", None, ""
    decision = Decision.objects.select_for_update().filter(agenda_item=item).first()
    previous = decision.outcome if decision else None
    if decision and decision.order_id:
        raise ServiceError("Решение уже исполнено приказом: изменить его нельзя.")
    moves_application = item.application_id and outcome in (Outcome.RECOMMEND, Outcome.NOT_RECOMMEND)
    if item.application_id and previous in (Outcome.RECOMMEND, Outcome.NOT_RECOMMEND) and outcome != previous:
        raise ServiceError("Итог по заявке уже передан в конкурс: изменить его нельзя, можно исправить текст.")
    decision = decision or Decision(agenda_item=item)
    decision.outcome = outcome
    decision.mode = mode
    decision.votes_for, decision.votes_against, decision.votes_abstained = votes
    decision.new_theme, decision.new_end_date, decision.final_state = new_theme, new_end_date, final_state
    decision.text = (text or "").strip() or default_decision_text(
        item, outcome, new_theme=new_theme, new_end_date=new_end_date
    )
    decision.save()
    if moves_application and outcome != previous:
        review_services.record_council_decision(
            item.application,
            recommended=outcome == Outcome.RECOMMEND,
            by=by,
            comment=f"Решение: {meeting.body}, протокол от {numeric_date(meeting.date)} № {meeting.number}",
        )
    return decision
