"""Planning meetings: protocol numbers within the year, officers and the attendance list from the body's members,
quorum, states."""

import datetime as dt

import pytest

from innoinfra.accounts.models import Membership
from innoinfra.core.errors import ServiceError
from innoinfra.council import services
from innoinfra.council.enums import MeetingState
from innoinfra.council.models import Meeting
from tests.factories import BodyFactory

from .conftest import member

pytestmark = pytest.mark.django_db


def _held(meeting, by):
    return services.change_meeting_state(meeting, MeetingState.HELD, by=by).number


def test_protocols_are_numbered_when_held_in_sequence_within_the_year_for_each_body(council, methodist, amursky, today):
    other = BodyFactory(municipality=amursky, name="Совет по управлению инновациями")
    member(other, "other-member", "Другой", "Член")
    first = services.create_meeting(body=council, date=today, by=methodist)
    cancelled = services.create_meeting(body=council, date=today, by=methodist)
    second = services.create_meeting(body=council, date=today, by=methodist)
    elsewhere = services.create_meeting(body=other, date=today, by=methodist)
    assert [m.number for m in (first, cancelled, second, elsewhere)] == [None, None, None, None]
    assert str(first).endswith("протокол без номера")
    services.change_meeting_state(cancelled, MeetingState.CANCELLED, by=methodist)
    # Held in another order than planned: the numbers follow the holding, and the cancelled one leaves no gap.
    assert [_held(second, methodist), _held(first, methodist), _held(elsewhere, methodist)] == [1, 2, 1]
    assert Meeting.objects.get(pk=cancelled.pk).number is None
    assert Meeting.objects.get(pk=second.pk).year == today.year


def test_a_held_meeting_is_not_moved_to_another_year_a_planned_one_is(council, methodist, today):
    planned = services.create_meeting(body=council, date=today + dt.timedelta(days=10), by=methodist)
    services.update_meeting(planned, by=methodist, date=dt.date(today.year + 1, 1, 25))
    planned.refresh_from_db()
    assert (planned.year, planned.number) == (today.year + 1, None)
    held = services.create_meeting(body=council, date=today, by=methodist)
    _held(held, methodist)
    with pytest.raises(ServiceError, match="уже присвоен № 1"):
        services.update_meeting(held, by=methodist, date=dt.date(today.year - 1, 12, 20))
    assert Meeting.objects.get(pk=held.pk).year == today.year


def test_officers_and_attendance_come_from_the_members_on_the_meeting_date(council, chair, secretary, methodist, today):
    former = member(council, "former", "Бывший", "Член")
    Membership.objects.filter(user=former).update(end_date=today - dt.timedelta(days=1))
    meeting = services.create_meeting(body=council, date=today, by=methodist)
    assert (meeting.chair, meeting.secretary) == (chair, secretary)
    names = set(meeting.attendees.values_list("name", flat=True))
    assert len(names) == 5 and "Бывший Член" not in names
    assert "Загуменнова Людмила Владимировна" in names
    assert meeting.attendees.get(user=chair).position == "Заместитель начальника управления"


def test_the_chair_must_be_a_member_of_the_body(council, methodist, teacher, today):
    with pytest.raises(ServiceError, match="должен быть членом органа"):
        services.create_meeting(body=council, date=today, chair=teacher, by=methodist)


def test_quorum_is_more_than_half_of_the_members(meeting):
    members = list(meeting.attendees.order_by("id"))
    services.set_attendance(meeting, present=[a.pk for a in members[:2]])
    assert services.quorum(meeting).reached is False
    services.set_attendance(meeting, present=[a.pk for a in members[:3]])
    result = services.quorum(meeting)
    assert (result.members, result.present, result.needed, result.reached) == (5, 3, 3, True)


def test_invited_people_are_listed_but_do_not_make_the_quorum(meeting):
    members = list(meeting.attendees.order_by("id"))
    services.set_attendance(meeting, present=[a.pk for a in members[:2]])
    guest = services.invite(meeting, name="  Иванова  Ирина Сергеевна ", position="директор МБОУ СОШ № 1")
    assert guest.name == "Иванова Ирина Сергеевна" and guest.present
    assert services.quorum(meeting).reached is False
    with pytest.raises(ServiceError, match="отметьте, что он отсутствовал"):
        services.remove_attendee(members[0])
    services.remove_attendee(guest)
    assert meeting.attendees.count() == 5


def test_marks_and_an_invited_person_are_saved_together(meeting):
    members = list(meeting.attendees.order_by("id"))
    result = services.set_attendance(
        meeting, present=[a.pk for a in members[:3]], invited_name=" Иванова Ирина ", invited_position="директор"
    )
    assert (result.present, result.reached) == (3, True)
    guest = meeting.attendees.get(is_member=False)
    assert guest.name == "Иванова Ирина" and guest.position == "директор" and guest.present


def test_even_number_of_members_needs_more_than_half(council, methodist, today):
    member(council, "member6", "Шестой", "Член")
    meeting = services.create_meeting(body=council, date=today, by=methodist)
    attendees = list(meeting.attendees.order_by("id"))
    services.set_attendance(meeting, present=[a.pk for a in attendees[:3]])
    assert services.quorum(meeting).needed == 4 and not services.quorum(meeting).reached


def test_a_meeting_is_held_only_with_a_quorum_and_not_before_its_date(council, meeting, methodist, today):
    services.set_attendance(meeting, present=[])
    with pytest.raises(ServiceError, match="Нет кворума"):
        services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    services.set_attendance(meeting, present=meeting.attendees.values_list("pk", flat=True))
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.HELD
    with pytest.raises(ServiceError, match="Нельзя перевести"):
        services.change_meeting_state(meeting, MeetingState.CANCELLED, by=methodist)
    future = services.create_meeting(body=council, date=today + dt.timedelta(days=7), by=methodist)
    with pytest.raises(ServiceError, match="ещё не наступило"):
        services.change_meeting_state(future, MeetingState.HELD, by=methodist)


def test_a_cancelled_meeting_is_not_changed_until_restored(meeting, methodist):
    services.change_meeting_state(meeting, MeetingState.CANCELLED, by=methodist)
    with pytest.raises(ServiceError, match="отменено"):
        services.update_meeting(meeting, by=methodist, place="Другое место")
    with pytest.raises(ServiceError, match="отменено"):
        services.add_agenda_item(meeting, kind="other", title="Разное")
    services.change_meeting_state(meeting, MeetingState.PLANNED, by=methodist)
    services.update_meeting(meeting, by=methodist, place="Другое место")
    assert Meeting.objects.get(pk=meeting.pk).place == "Другое место"


def test_a_second_chair_is_refused_while_the_first_serves(council, methodist, teacher):
    from innoinfra.accounts.enums import BodyPosition

    with pytest.raises(ServiceError, match="уже есть председатель"):
        services.add_member(council, user=teacher, position=BodyPosition.CHAIR, by=methodist)
    membership = services.add_member(council, user=teacher, position=BodyPosition.MEMBER, by=methodist)
    assert membership.body == council and membership.role == "expert"
