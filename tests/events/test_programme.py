"""The programme: the organizer adds, edits and removes its parts within the event's dates; the event page
shows it by day."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.enums import EventState
from innoinfra.events.models import Event, Session

from ..conftest import ROLE_FIXTURES
from .factories import make_event

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}


def local(value):
    return f"{timezone.localtime(value):%Y-%m-%dT%H:%M}"


def two_day_school(school):
    """«Осенняя школа»: two days, 10:00 the first to 16:00 the second."""
    return make_event(school, title="Осенняя школа творческих педагогов", hours=30)


def test_the_event_page_shows_the_programme_by_day(client, school):
    event = two_day_school(school)
    start = event.starts_at
    services.add_session(event, starts_at=start + dt.timedelta(days=1), title="Защита проектов")
    services.add_session(
        event,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        title="Открытие школы",
        speakers="Сиденкова Н. Е., начальник управления\n\nКривошеева Л. В., методист",
        place="Актовый зал",
    )
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert page.count('data-testid="programme-day"') == 2
    assert page.index("Открытие школы") < page.index("Защита проектов")
    assert "Сиденкова Н. Е., начальник управления<br>Кривошеева Л. В., методист" in page
    first = timezone.localtime(start)
    assert f"{first:%H:%M}–{first + dt.timedelta(hours=1):%H:%M}" in page
    assert "Изменить:" not in page  # the visitor's timetable has no buttons


def test_a_session_outside_the_event_or_ending_before_it_starts_is_refused(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="в сроки мероприятия"):
        services.add_session(event, starts_at=event.starts_at - dt.timedelta(hours=1), title="Рано")
    with pytest.raises(ServiceError, match="в сроки мероприятия"):
        services.add_session(event, starts_at=event.starts_at, ends_at=event.ends_at + dt.timedelta(minutes=1), title="Долго")
    with pytest.raises(ServiceError, match="Окончание не может быть раньше начала"):
        services.add_session(event, starts_at=event.ends_at, ends_at=event.starts_at, title="Наоборот")
    with pytest.raises(ServiceError, match="Укажите тему"):
        services.add_session(event, starts_at=event.starts_at, title="   ")
    assert not Session.objects.exists()


def test_the_programme_of_a_held_event_does_not_change(school):
    event = make_event(school)
    session = services.add_session(event, starts_at=event.starts_at, title="Доклад")
    Event.objects.filter(pk=event.pk).update(state=EventState.HELD)
    with pytest.raises(ServiceError, match="не меняется"):
        services.update_session(session, starts_at=event.starts_at, title="Другой")
    with pytest.raises(ServiceError, match="не меняется"):
        services.delete_session(session)
    session.refresh_from_db()
    assert session.title == "Доклад"


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_the_organizers_edit_the_programme(role, school, client_for, request):
    event = make_event(school)
    session = services.add_session(event, starts_at=event.starts_at, title="Доклад")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    responses = [
        client.get(f"/events/{event.pk}/programme/"),
        client.get(f"/events/{event.pk}/programme/{session.pk}/"),
        client.post(f"/events/{event.pk}/programme/", {"starts_at": local(event.starts_at), "title": "Новый"}),
        client.post(f"/events/{event.pk}/programme/{session.pk}/delete/"),
    ]
    if role == "anonymous":
        assert all(r.status_code == 302 and r.url.startswith("/accounts/login/") for r in responses)
    elif role in ORGANIZERS:
        assert [r.status_code for r in responses] == [200, 200, 302, 302]
    else:
        assert {r.status_code for r in responses} == {403}
    titles = set(Session.objects.values_list("title", flat=True))
    assert titles == ({"Новый"} if role in ORGANIZERS else {"Доклад"})


def test_the_organizer_adds_edits_and_removes_a_part(client_for, methodist, school):
    event = make_event(school)
    client = client_for(methodist)
    page = client.get(f"/events/{event.pk}/programme/").content.decode()
    assert "Программа пока пуста" in page and local(event.starts_at) in page  # the first part starts with the event
    response = client.post(
        f"/events/{event.pk}/programme/",
        {
            "starts_at": local(event.starts_at),
            "ends_at": local(event.starts_at + dt.timedelta(minutes=45)),
            "title": "Инновационная площадка: с чего начать",
            "speakers": "Кривошеева Л. В.",
            "place": "каб. 12",
        },
        follow=True,
    )
    assert "В программу добавлено: «Инновационная площадка: с чего начать»." in response.content.decode()
    session = Session.objects.get()
    # the next part is offered where this one ends
    assert local(session.ends_at) in response.content.decode()
    client.post(
        f"/events/{event.pk}/programme/{session.pk}/",
        {"starts_at": local(event.starts_at), "title": "С чего начать", "place": "каб. 14"},
    )
    session.refresh_from_db()
    assert (session.title, session.place, session.ends_at) == ("С чего начать", "каб. 14", None)
    client.post(f"/events/{event.pk}/programme/{session.pk}/delete/")
    assert not Session.objects.exists()


def test_a_refused_part_keeps_the_form_with_the_reason(client_for, methodist, school):
    event = make_event(school)
    response = client_for(methodist).post(
        f"/events/{event.pk}/programme/",
        {"starts_at": local(event.starts_at - dt.timedelta(days=1)), "title": "Накануне"},
    )
    assert response.status_code == 200 and "в сроки мероприятия" in response.content.decode()
    assert not Session.objects.exists()


def test_another_events_session_is_not_found(client_for, methodist, school):
    event, other = make_event(school), make_event(school, title="Другое")
    session = services.add_session(other, starts_at=other.starts_at, title="Чужой доклад")
    client = client_for(methodist)
    assert client.get(f"/events/{event.pk}/programme/{session.pk}/").status_code == 404
    assert client.post(f"/events/{event.pk}/programme/{session.pk}/delete/").status_code == 404
    assert Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("url", ["/events/{pk}/", "/events/{pk}/programme/"])
def test_the_programme_runs_no_query_per_session(url, client_for, methodist, school, assert_constant_queries):
    event = two_day_school(school)
    count = iter(range(100))

    def grow(n):
        for _ in range(n):
            i = next(count)
            services.add_session(event, starts_at=event.starts_at + dt.timedelta(hours=i), title=f"Часть {i}")

    client = client_for(methodist)
    client.get(url.format(pk=event.pk))  # the first page of a fresh database stores the installation's settings
    assert_constant_queries(client, url.format(pk=event.pk), grow, maximum=13)
