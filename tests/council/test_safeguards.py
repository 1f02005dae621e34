"""Irreversible steps of a meeting: it is held only when every question has a decision or is explicitly postponed, its
confirmation page says what will happen, and once the protocol is signed its records are locked.

Лариса (`methodist`) runs the Amursky council, Людмила (`chair`) chairs it, Олег (`expert`) is a member."""

import pytest
from django.urls import reverse

from innoinfra.core.errors import ServiceError
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.council.models import AgendaItem, Decision, Meeting

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(meeting, application):
    """Four questions: one decided, three not."""
    items = [add_item(meeting, kind=AgendaKind.APPLICATION, application=application)]
    items += [add_item(meeting, kind=AgendaKind.OTHER, title=f"Разное {n}") for n in (2, 3, 4)]
    decide(items[0], Outcome.RECOMMEND)
    return items


def test_a_meeting_with_undecided_questions_is_not_held_and_the_message_lists_them(meeting, agenda, methodist):
    with pytest.raises(ServiceError) as refusal:
        services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    message = refusal.value.message
    assert "не записаны решения по вопросам повестки (3 из 4)" in message
    assert "2. Разное 2; 3. Разное 3; 4. Разное 4" in message and "Отложить рассмотрение" in message
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED


def test_postponed_questions_let_the_meeting_be_held(meeting, agenda, methodist):
    for item in agenda[1:]:
        decision = decide(item, Outcome.POSTPONE)
        assert decision.text == "Отложить рассмотрение вопроса до следующего заседания." and not decision.needs_order
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.HELD


def test_the_held_button_answers_409_with_the_undecided_questions_and_changes_nothing(
    meeting, agenda, chair, client_for
):
    client = client_for(chair)
    url = reverse("council:meeting_state", args=[meeting.pk])
    confirm = client.get(url, {"state": "held"}).content.decode()
    assert "Заседание проведено: что произойдёт" in confirm and "Отменить его или вернуть в запланированные" in confirm
    assert "Не записаны решения по 3 вопросам повестки" in confirm and "Подтвердить" not in confirm
    response = client.post(url, {"state": "held"})
    assert response.status_code == 409
    assert "не записаны решения по вопросам повестки (3 из 4)" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED
    assert Decision.objects.filter(agenda_item__meeting=meeting).count() == 1


def test_the_confirmation_of_cancelling_says_what_happens_and_cancel_keeps_the_meeting(meeting, chair, client_for):
    client = client_for(chair)
    url = reverse("council:meeting_state", args=[meeting.pk])
    page = client.get(url, {"state": "cancelled"}).content.decode()
    assert "Отменить заседание: что произойдёт" in page and "Подтвердить: отменить заседание" in page
    assert f'href="{meeting.get_absolute_url()}">Отмена' in page
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{url}?state=held"' in meeting_page  # the button leads to the confirmation, it acts on nothing


@pytest.fixture
def signed(meeting, agenda, methodist):
    for item in agenda[1:]:
        decide(item, Outcome.NOTE)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    services.sign_protocol(meeting, by=methodist)
    return meeting


def test_a_signed_protocol_locks_decisions_agenda_and_attendance(signed, agenda, methodist):
    locked = "Протокол заседания подписан"
    with pytest.raises(ServiceError, match=locked):
        decide(agenda[1], Outcome.POSTPONE)
    with pytest.raises(ServiceError, match=locked):
        services.add_agenda_item(signed, kind=AgendaKind.OTHER, title="Ещё вопрос")
    with pytest.raises(ServiceError, match=locked):
        services.update_agenda_item(agenda[1], title="Другой вопрос")
    with pytest.raises(ServiceError, match=locked):
        services.set_attendance(signed, present=[])
    with pytest.raises(ServiceError, match=locked):
        services.update_meeting(signed, by=methodist, place="Другое место")
    with pytest.raises(ServiceError, match="уже подписан"):
        services.sign_protocol(signed, by=methodist)
    assert Decision.objects.get(agenda_item=agenda[1]).outcome == Outcome.NOTE
    assert AgendaItem.objects.filter(meeting=signed).count() == 4


def test_a_stale_copy_of_the_meeting_is_locked_too(signed, methodist):
    stale = Meeting.objects.get(pk=signed.pk)
    stale.protocol_signed_at = None  # read before the signature
    with pytest.raises(ServiceError, match="Протокол заседания подписан"):
        services.add_agenda_item(stale, kind=AgendaKind.OTHER, title="Ещё вопрос")


def test_the_protocol_of_a_planned_meeting_is_not_signed(meeting, methodist, chair, client_for):
    with pytest.raises(ServiceError, match="проведённого заседания"):
        services.sign_protocol(meeting, by=methodist)
    response = client_for(chair).post(reverse("council:protocol_sign", args=[meeting.pk]))
    assert response.status_code == 409 and Meeting.objects.get(pk=meeting.pk).protocol_signed_at is None


def test_after_signing_the_page_hides_edit_buttons_and_edits_are_refused(meeting, agenda, methodist, chair, client_for):
    for item in agenda[1:]:
        decide(item, Outcome.NOTE)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    client = client_for(chair)
    before = client.get(meeting.get_absolute_url()).content.decode()
    assert "Исправить решение" in before and "Протокол подписан…" in before
    confirm = client.get(reverse("council:protocol_sign", args=[meeting.pk])).content.decode()
    assert "больше не будут меняться" in confirm and "Решения по 4 вопросам повестки" in confirm
    assert client.post(reverse("council:protocol_sign", args=[meeting.pk])).status_code == 302
    after = client.get(meeting.get_absolute_url()).content.decode()
    assert "Исправить решение" not in after and "Добавить вопрос" not in after and "Сохранить отметки" not in after
    assert "Протокол подписан" in after
    refused = client.post(
        reverse("council:decision", args=[agenda[1].pk]), {"outcome": "postpone", "mode": "consensus"}
    )
    assert refused.status_code == 403
    assert Decision.objects.get(agenda_item=agenda[1]).outcome == Outcome.NOTE
