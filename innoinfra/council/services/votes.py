"""Roll-call (поимённое) voting: each member present votes «за», «против», «воздержался» or declares a recusal
(самоотвод) with its reason, and may state an «особое мнение». The decision's totals are counted from the votes.

The rule of adoption stays the one of `Decision.adopted`: a decision is adopted when the votes «за» outnumber the
votes «против» and «воздержались» together; members who recused do not count among those voting. A member with a
conflict of interest with the applicant of the application under decision (review.services.conflict_reason: they
work there, or declared a conflict) may only recuse."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from innoinfra.core.errors import ServiceError
from innoinfra.core.numerals import numeral
from innoinfra.review import services as review_services
from innoinfra.review.models import ConflictDeclaration

from ..enums import Outcome, VoteChoice, VotingMode
from ..models import Attendee, Decision, Meeting, Vote
from ._common import check_editable


class ProtocolSigned(ServiceError):
    """The protocol is signed: its votes no longer change (pages and the API answer 409)."""


@dataclass(frozen=True)
class Ballot:
    """What the secretary enters for one member."""

    attendee_id: int
    choice: str
    recusal_reason: str = ""
    dissent: str = ""


def voters_of(meeting: Meeting) -> list[Attendee]:
    """The members present: only they vote."""
    return list(Attendee.objects.filter(meeting=meeting, is_member=True, present=True).order_by("name", "id"))


def conflicts_of(decision: Decision, attendees: Iterable[Attendee]) -> dict[int, str]:
    """Attendee id → why they may not vote on the application under decision (a fixed number of queries)."""
    application = decision.agenda_item.application
    attendees = [a for a in attendees if a.user_id]
    if application is None or not attendees:
        return {}
    organizations = application.organization_ids()
    declared: dict[int, dict[int, str]] = {}
    rows = ConflictDeclaration.objects.filter(
        expert_id__in=[a.user_id for a in attendees], organization_id__in=organizations
    ).values_list("expert_id", "organization_id", "reason")
    for expert_id, organization_id, reason in rows:
        declared.setdefault(expert_id, {})[organization_id] = reason
    users = {
        a.user_id: a.user for a in Attendee.objects.filter(pk__in=[a.pk for a in attendees]).select_related("user")
    }
    conflicts = {}
    for attendee in attendees:
        reason = review_services.conflict_reason(
            users[attendee.user_id], application, declared.get(attendee.user_id, {})
        )
        if reason:
            conflicts[attendee.pk] = reason
    return conflicts


def totals_of(decision: Decision) -> tuple[int, int, int, int]:
    """(за, против, воздержались, самоотвод) counted from the stored votes."""
    counts = Vote.objects.filter(decision=decision).aggregate(
        **{choice: Count("id", filter=Q(choice=choice)) for choice in VoteChoice.values}
    )
    return (
        counts[VoteChoice.FOR],
        counts[VoteChoice.AGAINST],
        counts[VoteChoice.ABSTAINED],
        counts[VoteChoice.RECUSED],
    )


def _check_ballots(decision: Decision, ballots: list[Ballot], voters: list[Attendee]) -> list[Ballot]:
    by_id = {a.pk: a for a in voters}
    members = set(
        Attendee.objects.filter(meeting_id=decision.agenda_item.meeting_id, is_member=True).values_list("pk", flat=True)
    )
    seen, checked = set(), []
    conflicts = conflicts_of(decision, voters)
    for ballot in ballots:
        if ballot.attendee_id not in by_id:
            if ballot.attendee_id in members:
                raise ServiceError("Голосуют только присутствующие члены органа: этот член отмечен отсутствующим.")
            raise ServiceError("Голосуют только члены органа, включённые в список заседания.")
        if ballot.attendee_id in seen:
            raise ServiceError(f"Голос {by_id[ballot.attendee_id].name} указан дважды.")
        seen.add(ballot.attendee_id)
        name = by_id[ballot.attendee_id].name
        if ballot.choice not in VoteChoice.values:
            raise ServiceError(f"Отметьте, как голосовал(а) {name}.")
        reason = " ".join((ballot.recusal_reason or "").split())
        dissent = (ballot.dissent or "").strip()
        if ballot.choice == VoteChoice.RECUSED:
            reason = reason or conflicts.get(ballot.attendee_id, "")
            if not reason:
                raise ServiceError(f"Укажите причину самоотвода: {name}.")
            if dissent:
                raise ServiceError(f"{name} заявил(а) самоотвод и не голосует: особое мнение не записывается.")
        else:
            if ballot.attendee_id in conflicts:
                raise ServiceError(
                    f"{name}: {conflicts[ballot.attendee_id]}. По этому вопросу член органа может только заявить "
                    "самоотвод."
                )
            reason = ""
        checked.append(Ballot(ballot.attendee_id, ballot.choice, reason[:500], dissent))
    missing = [a.name for a in voters if a.pk not in seen]
    if missing:
        raise ServiceError(f"Не отмечены голоса присутствующих членов органа: {', '.join(missing)}.")
    return checked


@transaction.atomic
def record_votes(decision: Decision, *, ballots: Iterable[Ballot], by) -> Decision:
    """Record (or correct) the roll-call on a decision: one ballot for every member present. The totals of the
    decision are recounted from the stored votes under the meeting's lock, so two saves at once never add up."""
    meeting = Meeting.objects.select_for_update().get(pk=decision.agenda_item.meeting_id)
    if meeting.protocol_signed_at is not None:
        raise ProtocolSigned("Протокол заседания подписан: поимённое голосование больше не меняется.")
    check_editable(meeting)
    # only the decision's row is locked: PostgreSQL refuses FOR UPDATE over the outer join to a question that has
    # no application
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("agenda_item__application").get(pk=decision.pk)
    )
    if decision.order_id:
        raise ServiceError("Решение уже исполнено приказом: изменить голосование по нему нельзя.")
    if decision.mode == VotingMode.CONSENSUS:
        raise ServiceError(
            "Решение записано как принятое единогласно: поимённое голосование по нему не проводится. "
            "Чтобы записать голоса членов, измените порядок принятия на «Голосованием»."
        )
    voters = voters_of(meeting)
    ballots = _check_ballots(decision, list(ballots), voters)
    voting = [b for b in ballots if b.choice != VoteChoice.RECUSED]
    if not voting:
        raise ServiceError("Все присутствующие заявили самоотвод: решение не может быть принято голосованием.")
    votes_for = sum(1 for b in voting if b.choice == VoteChoice.FOR)
    against_and_abstained = len(voting) - votes_for
    if decision.outcome != Outcome.NOTE and votes_for <= against_and_abstained:
        raise ServiceError(
            f"По голосам членов решение не принято: «за» — {numeral(votes_for, 'голос,голоса,голосов')}, "
            f"«против» и «воздержались» — {against_and_abstained}. Запишите итог «Принять к сведению / иное» "
            "с текстом о том, что решение не принято, и повторите голосование."
        )
    existing = {v.attendee_id: v for v in Vote.objects.filter(decision=decision)}
    for ballot in ballots:
        vote = existing.pop(ballot.attendee_id, None) or Vote(decision=decision, attendee_id=ballot.attendee_id)
        changed = (vote.choice, vote.recusal_reason, vote.dissent) != (
            ballot.choice,
            ballot.recusal_reason,
            ballot.dissent,
        )
        if vote.pk is None or changed:  # unchanged votes keep their history clean
            vote.choice, vote.recusal_reason, vote.dissent = ballot.choice, ballot.recusal_reason, ballot.dissent
            vote.recorded_by = by
            vote.save()
    for stale in existing.values():  # votes of members since marked absent cannot remain (set_attendance refuses)
        stale.delete()
    votes_for, against, abstained, _recused = totals_of(decision)
    decision.votes_for, decision.votes_against, decision.votes_abstained = votes_for, against, abstained
    decision.save(update_fields=["votes_for", "votes_against", "votes_abstained"])
    return decision


def ballots_from(rows: Iterable[Mapping]) -> list[Ballot]:
    """Ballots from plain mappings (the API's payload)."""
    return [
        Ballot(
            attendee_id=row["attendee"],
            choice=row["choice"],
            recusal_reason=row.get("recusal_reason", ""),
            dissent=row.get("dissent", ""),
        )
        for row in rows
    ]
