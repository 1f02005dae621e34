"""Publishing, cancelling and marking an event held; attendance; the plan item it carries out."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.enums import EventState
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.plans.enums import OccurrenceStatus

from ..plans.factories import make_plan
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


def test_publishing_opens_the_event(school):
    event = make_event(school, published=False)
    assert event.state == EventState.DRAFT and event.municipality == school.municipality
    services.publish_event(event)
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED and event.published_at is not None


@pytest.mark.parametrize(
    ("start", "action", "message"),
    [
        (EventState.PUBLISHED, services.publish_event, "«Опубликовано» нельзя перевести в состояние «Опубликовано»"),
        (EventState.CANCELLED, services.publish_event, "«Отменено» нельзя перевести в состояние «Опубликовано»"),
        (EventState.CANCELLED, services.cancel_event, "«Отменено» нельзя перевести в состояние «Отменено»"),
        (EventState.HELD, services.cancel_event, "«Проведено» нельзя перевести в состояние «Отменено»"),
        (EventState.DRAFT, services.mark_held, "«Черновик» нельзя перевести в состояние «Проведено»"),
    ],
)
def test_it_refuses_illegal_transitions_and_changes_nothing(school, start, action, message):
    event = make_event(school, published=False, starts_in=-dt.timedelta(hours=1))
    event.state = start
    event.save()
    before = event.history.count()
    with pytest.raises(ServiceError, match=message):
        action(event)
    event.refresh_from_db()
    assert event.state == start and event.history.count() == before


def test_it_refuses_to_mark_held_before_the_start(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="Мероприятие ещё не началось"):
        services.mark_held(event)
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED


def test_cancelling_tells_everyone_registered(school, django_capture_on_commit_callbacks):
    event = make_event(school, capacity=1)
    _seated, _waiting, gone = sign_up(event, 3)
    services.cancel_registration(gone)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, reason="Болезнь ведущего")
    assert sorted(m.to[0] for m in mail.outbox) == ["person1@example.org", "person2@example.org"]
    assert "Причина: Болезнь ведущего" in mail.outbox[0].body


def test_attendance_is_marked_by_list_after_the_start(school):
    event = make_event(school, capacity=5)
    a, b, c = sign_up(event, 3)
    with pytest.raises(ServiceError, match="присутствие отмечается после его начала"):
        services.mark_attendance(event, attended=[a.pk])
    later = event.starts_at + dt.timedelta(minutes=30)
    assert services.mark_attendance(event, attended=[a.pk, b.pk], now=later) == 2
    assert services.mark_attendance(event, attended=[a.pk], now=later) == 1
    states = {r.pk: r.state for r in event.registrations.all()}
    assert states == {a.pk: RS.ATTENDED, b.pk: RS.CONFIRMED, c.pk: RS.CONFIRMED}


def test_attendance_refuses_people_without_a_seat(school):
    event = make_event(school, capacity=1)
    _seated, waiting = sign_up(event, 2)
    with pytest.raises(ServiceError, match="только у участников с подтверждённой регистрацией"):
        services.mark_attendance(event, attended=[waiting.pk], now=event.ends_at)
    waiting.refresh_from_db()
    assert waiting.state == RS.WAITING


def test_held_event_marks_its_plan_item_done_with_a_link(school, amursky):
    today = timezone.localdate()
    first_year = today.year if today.month >= 9 else today.year - 1
    plan = make_plan(
        amursky,
        items=[("Семинары для молодых педагогов «Первые шаги к инновациям»", "в течение года")],
        approved=True,
        period=(dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)),
    )
    item = plan.items.get()
    event = make_event(school, starts_in=-dt.timedelta(hours=3), published=False, plan_items=[item])
    event.state = EventState.PUBLISHED
    event.save()
    services.mark_held(event)
    occurrence = item.occurrences.get()
    assert occurrence.status == OccurrenceStatus.DONE
    assert occurrence.completed_on == timezone.localtime(event.starts_at).date()
    assert occurrence.comment.startswith("Проведено мероприятие «Семинар «Первые шаги к инновациям»»")
    assert occurrence.evidence.get().url.endswith(f"/events/{event.pk}/")


def test_it_refuses_an_end_before_the_start(school):
    with pytest.raises(ServiceError, match="Окончание мероприятия не может быть раньше его начала"):
        make_event(school, hours=-1)


def test_it_needs_a_place_or_a_link(school):
    with pytest.raises(ServiceError, match="Укажите место проведения или ссылку для подключения"):
        make_event(school, place="")
