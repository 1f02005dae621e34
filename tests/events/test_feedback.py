"""Feedback after the event: once per registration, by participants only, while the organizer keeps the form
open; the organizer reads the summary."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.enums import EventState
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event, Feedback

from ..conftest import ROLE_FIXTURES
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}


def ended(event):
    start = timezone.now() - dt.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    event.refresh_from_db()
    return event


def after_the_event(school, n=1, **kwargs):
    registrations = sign_up(make_event(school, **kwargs), n)
    ended(registrations[0].event)
    for registration in registrations:
        registration.refresh_from_db()
    return registrations


def test_a_participant_leaves_feedback_once_from_their_page(client, school):
    (registration,) = after_the_event(school)
    url = registration.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Как прошло мероприятие?" in page
    assert "QR-код" not in page  # the event is over: no code for the door any more
    data = {"rating": "5", "useful": "Примеры проектов", "suggestions": "Больше практики"}
    page = client.post(f"{url}feedback/", data, follow=True).content.decode()
    assert "Спасибо! Ваш отзыв передан организатору." in page and "Ваша оценка: 5 из 5." in page
    assert "Как прошло мероприятие?" not in page
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.useful, feedback.suggestions) == (5, "Примеры проектов", "Больше практики")
    page = client.post(f"{url}feedback/", {"rating": "1"}, follow=True).content.decode()
    assert "Вы уже оставили отзыв." in page
    assert Feedback.objects.get().rating == 5


def test_a_rating_is_required(client, school):
    (registration,) = after_the_event(school)
    response = client.post(f"{registration.get_absolute_url()}feedback/", {"useful": "всё"})
    assert response.status_code == 400 and "Поставьте оценку от 1 до 5." in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("before", "после окончания мероприятия"),
        ("closed", "закрыл анкету"),
        ("waiting", "Отзыв оставляют участники"),
        ("cancelled_event", "Мероприятие отменено"),
    ],
)
def test_feedback_is_refused_with_nothing_saved(school, setup, message):
    registrations = sign_up(make_event(school, capacity=1), 2)
    registration = registrations[1] if setup == "waiting" else registrations[0]
    event = registration.event
    if setup != "before":
        ended(event)
    if setup == "closed":
        services.set_feedback_open(event, is_open=False)
    if setup == "cancelled_event":
        Event.objects.filter(pk=event.pk).update(state=EventState.CANCELLED)
    registration.refresh_from_db()
    assert not services.feedback_allowed(registration)
    with pytest.raises(ServiceError, match=message):
        services.leave_feedback(registration, rating=4)
    assert not Feedback.objects.exists()


def test_attended_participants_of_a_held_event_may_answer(school):
    (registration,) = after_the_event(school)
    services.check_in(registration)
    services.mark_held(registration.event)
    registration.refresh_from_db()
    assert registration.state == RS.ATTENDED
    assert services.leave_feedback(registration, rating="3").rating == 3
    with pytest.raises(ServiceError, match="Оценка — от 1 до 5"):
        services.leave_feedback(after_the_event(school)[0], rating=6)


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_the_organizers_read_the_feedback_and_close_the_form(role, school, client_for, request):
    (registration,) = after_the_event(school)
    services.leave_feedback(registration, rating=4, useful="Конкретные примеры")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    url = f"/events/{registration.event_id}/feedback/"
    response = client.get(url)
    client.post(f"{url}open/", {"open": "0"})
    event = Event.objects.get()
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    elif role in ORGANIZERS:
        page = response.content.decode()
        assert response.status_code == 200 and "Конкретные примеры" in page and "4,0" in page
        assert registration.full_name not in page  # the answers come without names
    else:
        assert response.status_code == 403
    assert event.feedback_open == (role not in ORGANIZERS)


def test_the_summary_counts_and_averages(school):
    registrations = after_the_event(school, n=3)
    for registration, rating in zip(registrations, (5, 4, 4), strict=True):
        services.leave_feedback(registration, rating=rating)
    summary = services.feedback_summary(registrations[0].event)
    assert summary["count"] == 3 and round(summary["mean"], 2) == 4.33
    assert summary["marks"][:2] == [(5, 1, 33), (4, 2, 67)]


def test_the_feedback_page_runs_no_query_per_row(client_for, methodist, school, assert_constant_queries):
    event = make_event(school)
    count = iter(range(100))

    def grow(n):
        # registration closes at the start: people sign up while the event is ahead, then it ends
        ahead = timezone.now() + dt.timedelta(days=1)
        Event.objects.filter(pk=event.pk).update(starts_at=ahead, ends_at=ahead + dt.timedelta(hours=2))
        registrations = [sign_up(event, 1, start=next(count))[0] for _ in range(n)]
        ended(event)
        for registration in registrations:
            services.leave_feedback(registration, rating=4, useful="Полезно")

    assert_constant_queries(client_for(methodist), f"/events/{event.pk}/feedback/", grow, maximum=12)
