"""The public pages: the list with its filters, the month, the event page with registration, the participant's
own page by the link from the letter."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Registration

from ..factories import OrganizationFactory
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_published_events_first_with_russian_dates(client, school):
    later = make_event(school, title="Встреча координаторов", starts_in=dt.timedelta(days=20))
    sooner = make_event(school, title="Занятие по проектам", starts_in=dt.timedelta(days=2), format="master_class")
    make_event(school, title="Черновик семинара", published=False)
    make_event(school, title="Прошедший вебинар", starts_in=-dt.timedelta(days=5))
    page = client.get("/events/").content.decode()
    assert page.index("Занятие по проектам") < page.index("Встреча координаторов")
    assert "Черновик семинара" not in page and "Прошедший вебинар" not in page
    start = timezone.localtime(sooner.starts_at)
    assert f"{start.day} " in page and " г., " in page
    assert later.get_absolute_url() in page
    past = client.get("/events/?past=on").content.decode()
    assert "Прошедший вебинар" in past and "Встреча координаторов" not in past


def test_the_list_filters_by_format_municipality_and_month(client, school, vyselki):
    make_event(school, title="Семинар Амурска")
    make_event(OrganizationFactory(municipality=vyselki), title="Вебинар Выселок", format="webinar")
    assert "Семинар Амурска" not in client.get("/events/?format=webinar").content.decode()
    by_place = client.get(f"/events/?municipality={vyselki.pk}").content.decode()
    assert "Вебинар Выселок" in by_place and "Семинар Амурска" not in by_place
    month = (timezone.localdate() + dt.timedelta(days=10)).strftime("%Y-%m")
    other = (timezone.localdate() + dt.timedelta(days=100)).strftime("%Y-%m")
    assert "Семинар Амурска" in client.get(f"/events/?month={month}").content.decode()
    assert "Семинар Амурска" not in client.get(f"/events/?month={other}").content.decode()


def test_the_list_runs_no_query_per_row(client, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            sign_up(make_event(school, title=f"Семинар {i}", capacity=5), 2, start=10 * i)

    assert_constant_queries(client, "/events/", grow, maximum=8)


def test_the_organizers_list_runs_no_query_per_row(client_for, methodist, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            sign_up(make_event(school, title=f"Семинар {i}", capacity=5), 2, start=10 * i)

    assert_constant_queries(client_for(methodist), "/events/mine/", grow, maximum=14)


def test_the_month_shows_the_events_of_the_month(client, school):
    event = make_event(school, title="Осенняя школа творческих педагогов", starts_in=dt.timedelta(days=1))
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page = client.get(f"/events/month/?month={month}").content.decode()
    assert "Осенняя школа творческих педагогов" in page


def test_an_anonymous_visitor_registers_and_lands_on_their_own_page(client, school):
    event = make_event(school, capacity=10)
    response = client.post(
        event.get_absolute_url(),
        {"full_name": "Смирнова Анна Петровна", "email": "anna@example.org", "position": "учитель", "consent": "on"},
        follow=True,
    )
    registration = Registration.objects.get()
    assert response.redirect_chain[-1][0] == f"/events/r/{registration.token}/"
    page = response.content.decode()
    assert "Регистрация принята: участие подтверждено." in page
    assert "Смирнова Анна Петровна" in page and registration.user is None


def test_registration_without_consent_is_refused_with_a_message(client, school):
    event = make_event(school)
    response = client.post(event.get_absolute_url(), {"full_name": "Смирнова Анна", "email": "anna@example.org"})
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных регистрация невозможна." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_duplicate_registration_is_refused_on_the_page(client, school):
    event = make_event(school)
    sign_up(event, 1)
    response = client.post(
        event.get_absolute_url(), {"full_name": "Мария", "email": "person1@example.org", "consent": "on"}
    )
    assert "уже зарегистрирован на мероприятие" in response.content.decode()


def test_the_participant_cancels_by_their_link(client, school):
    event = make_event(school, capacity=1)
    seated, waiting = sign_up(event, 2)
    response = client.post(f"/events/r/{seated.token}/cancel/", follow=True)
    assert "Ваша регистрация отменена." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == RS.CONFIRMED


def test_a_wrong_link_is_not_found(client):
    assert client.get("/events/r/nope/").status_code == 404


def test_a_logged_in_teacher_sees_their_registration_and_cancels_it(client_for, teacher, school):
    event = make_event(school)
    client = client_for(teacher)
    client.post(event.get_absolute_url(), {"full_name": "Петров Пётр", "email": "petr@example.org", "consent": "on"})
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Вы зарегистрированы" in page
    client.post(f"/events/{event.pk}/unregister/")
    assert Registration.objects.get().state == RS.CANCELLED


def test_a_draft_is_hidden_from_the_public(client, school):
    event = make_event(school, published=False)
    assert client.get(event.get_absolute_url()).status_code == 404
