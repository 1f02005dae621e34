"""Registering for an event: seats, the waiting list, deadlines, duplicates, approval, consent."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.enums import EventState
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Registration

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


def test_it_confirms_while_seats_last_then_puts_people_on_the_waiting_list(school):
    event = make_event(school, capacity=2)
    first, second, third = sign_up(event, 3)
    assert [r.state for r in (first, second, third)] == [RS.CONFIRMED, RS.CONFIRMED, RS.WAITING]
    assert services.seats_taken(event) == 2


def test_an_unlimited_event_confirms_everybody(school):
    event = make_event(school, capacity=None)
    assert {r.state for r in sign_up(event, 5)} == {RS.CONFIRMED}


def test_it_mails_the_participant_their_own_link_after_commit(school, django_capture_on_commit_callbacks):
    event = make_event(school, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = sign_up(event, 1)
    (letter,) = mail.outbox
    assert letter.to == ["person1@example.org"]
    assert letter.subject == "Регистрация на мероприятие «Семинар «Первые шаги к инновациям»»"
    assert "Здравствуйте, Участникова Мария 1!" in letter.body
    assert "ваше участие подтверждено" in letter.body
    assert f"/events/r/{registration.token}/" in letter.body


def test_a_logged_in_teacher_is_linked_and_notified_in_the_system(school, teacher):
    event = make_event(school)
    registration = services.register(
        event=event, user=teacher, full_name="Петров Пётр", email="PETR@Example.org ", consent=True
    )
    assert registration.user == teacher and registration.email == "petr@example.org"
    assert teacher.notifications.get().title.startswith("Регистрация на мероприятие")


def test_cancelling_moves_the_first_waiting_person_up_and_tells_them(school, django_capture_on_commit_callbacks):
    event = make_event(school, capacity=1)
    seated, first_waiting, second_waiting = sign_up(event, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seated)
    states = dict(Registration.objects.values_list("pk", "state"))
    assert states == {seated.pk: RS.CANCELLED, first_waiting.pk: RS.CONFIRMED, second_waiting.pk: RS.WAITING}
    (letter,) = mail.outbox
    assert letter.to == ["person2@example.org"]
    assert "переведены из листа ожидания" in letter.body


def test_cancelling_a_waiting_place_moves_nobody(school):
    event = make_event(school, capacity=1)
    seated, waiting = sign_up(event, 2)
    services.cancel_registration(waiting)
    seated.refresh_from_db()
    assert seated.state == RS.CONFIRMED


def test_the_user_cancels_their_own_registration(school, teacher):
    event = make_event(school)
    services.register(event=event, user=teacher, full_name="Петров Пётр", email="petr@example.org", consent=True)
    assert services.cancel_registration_of_user(event, teacher).state == RS.CANCELLED
    with pytest.raises(ServiceError, match="Вы не зарегистрированы на это мероприятие"):
        services.cancel_registration_of_user(event, teacher)


def test_it_rejects_a_second_cancellation(school):
    (registration,) = sign_up(make_event(school), 1)
    services.cancel_registration(registration)
    with pytest.raises(ServiceError, match="Регистрация уже отменена"):
        services.cancel_registration(registration)


def test_it_rejects_registration_after_the_deadline(school):
    deadline = timezone.now() + dt.timedelta(days=1)
    event = make_event(school, deadline=deadline)
    with pytest.raises(ServiceError, match="Регистрация на это мероприятие закончилась"):
        sign_up(event, 1, now=deadline + dt.timedelta(minutes=1))
    assert not Registration.objects.exists()


def test_without_a_deadline_registration_closes_at_the_start(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="закончилась"):
        sign_up(event, 1, now=event.starts_at)


@pytest.mark.parametrize(
    ("state", "phrase"),
    [(EventState.DRAFT, "ещё не опубликовано"), (EventState.CANCELLED, "отменено"), (EventState.HELD, "уже проведено")],
)
def test_it_rejects_registration_for_an_event_not_open(school, state, phrase):
    event = make_event(school, published=False)
    if state != EventState.DRAFT:
        event.state = state
        event.save()
    with pytest.raises(ServiceError, match=f"Регистрация закрыта: мероприятие {phrase}."):
        sign_up(event, 1)
    assert not Registration.objects.exists()


def test_it_rejects_the_same_email_twice_but_allows_it_after_a_cancellation(school):
    event = make_event(school)
    (first,) = sign_up(event, 1)
    with pytest.raises(ServiceError, match="Участник с этим адресом электронной почты уже зарегистрирован"):
        services.register(event=event, full_name="Другое Имя", email="Person1@example.org", consent=True)
    services.cancel_registration(first)
    (again,) = sign_up(event, 1)
    assert again.state == RS.CONFIRMED


def test_it_requires_consent(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="согласие на обработку персональных данных"):
        services.register(event=event, full_name="Иванова Анна", email="anna@example.org", consent=False)
    assert not Registration.objects.exists()


def test_with_approval_people_wait_for_the_organizer_who_seats_them_while_seats_last(school):
    event = make_event(school, capacity=1, requires_approval=True)
    first, second = sign_up(event, 2)
    assert first.state == second.state == RS.PENDING
    assert services.approve_registration(first).state == RS.CONFIRMED
    assert services.approve_registration(second).state == RS.WAITING
    with pytest.raises(ServiceError, match="Подтвердить можно только регистрацию, ожидающую подтверждения"):
        services.approve_registration(first)
