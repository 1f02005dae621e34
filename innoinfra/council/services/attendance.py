"""Attendance: the list of members and invited people, who was present, and the quorum."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from innoinfra.core.errors import ServiceError

from .. import queries
from ..enums import VotingMode
from ..models import Attendee, Decision, Meeting, Vote
from ._common import check_editable


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
    check_editable(meeting)
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
    check_editable(meeting)
    present = set(present)
    attendees = Attendee.objects.filter(meeting=meeting)
    voted = sorted(
        set(
            Vote.objects.filter(attendee__meeting=meeting)
            .exclude(attendee_id__in=present)
            .values_list("attendee__name", flat=True)
        )
    )
    if voted:
        raise ServiceError(
            f"Голосовали поимённо и не могут быть отмечены отсутствующими: {', '.join(voted)}. Сначала исправьте "
            "поимённое голосование."
        )
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
    check_editable(meeting)
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Укажите фамилию, имя и отчество приглашённого.")
    return Attendee.objects.create(meeting=meeting, name=name, position=position.strip(), is_member=False, present=True)


@transaction.atomic
def remove_attendee(attendee: Attendee) -> None:
    check_editable(attendee.meeting)
    if attendee.is_member:
        raise ServiceError("Члена органа нельзя убрать из списка: отметьте, что он отсутствовал.")
    attendee.delete()
