"""Organizer pages, role by role: staff of the event's territory and the organizing school's administrator
run the event; a methodist of another district, an expert, a teacher and a visitor may not."""

import datetime as dt
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from innoinfra.events.enums import EventState
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event

from ..conftest import ROLE_FIXTURES
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}  # the event is the school's, in Amursky


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
@pytest.mark.parametrize("page", ["edit/", "participants/", "participants.xlsx"])
def test_only_organizers_open_the_organizer_pages(role, page, school, client_for, request):
    event = make_event(school)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(f"/events/{event.pk}/{page}")
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    elif role in ORGANIZERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_only_organizers_publish(role, school, client_for, request):
    event = make_event(school, published=False)
    client_for(request.getfixturevalue(role)).post(f"/events/{event.pk}/state/", {"state": "published"})
    event.refresh_from_db()
    assert (event.state == EventState.PUBLISHED) == (role in ORGANIZERS)


def test_the_methodist_creates_an_event_for_a_school_of_her_district(client_for, methodist, school):
    response = client_for(methodist).post(
        "/events/new/",
        {
            "title": "Мастер-класс «Функциональная грамотность»",
            "format": "master_class",
            "organizer": school.pk,
            "starts_at": "2030-04-11T10:00",
            "ends_at": "2030-04-11T12:00",
            "place": "г. Амурск, пр. Мира, 14",
            "capacity": "20",
            "audience_group": "young_teachers",
            "description": "Опыт площадки",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/"
    assert event.municipality == school.municipality and event.state == EventState.DRAFT
    assert event.audience_group == "young_teachers"
    page = client_for(methodist).get(response.url).content.decode()
    assert "11 апреля 2030 г., 10:00–12:00" in page
    assert "Молодые педагоги" in page


def test_an_organizer_of_another_district_is_not_offered(client_for, other_methodist, school):
    response = client_for(other_methodist).post(
        "/events/new/",
        {
            "title": "Чужой",
            "format": "seminar",
            "organizer": school.pk,
            "starts_at": "2030-04-11T10:00",
            "ends_at": "2030-04-11T12:00",
            "place": "где-то",
        },
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Event.objects.exists()


def test_the_school_administrator_marks_attendance_and_approves(client_for, orgadmin, school):
    event = make_event(school, capacity=5, requires_approval=True, starts_in=dt.timedelta(days=3))
    first, _second = sign_up(event, 2)
    client = client_for(orgadmin)
    client.post(f"/events/{event.pk}/registrations/", {"registration": first.pk, "action": "approve"})
    first.refresh_from_db()
    assert first.state == RS.CONFIRMED
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - dt.timedelta(days=4), ends_at=event.ends_at - dt.timedelta(days=4)
    )
    response = client.post(f"/events/{event.pk}/attendance/", {"attended": [first.pk]}, follow=True)
    assert "Присутствие отмечено: 1." in response.content.decode()
    first.refresh_from_db()
    assert first.state == RS.ATTENDED


def test_an_illegal_action_is_refused_with_a_russian_message(client_for, methodist, school):
    event = make_event(school)
    response = client_for(methodist).post(f"/events/{event.pk}/state/", {"state": "held"}, follow=True)
    assert "Мероприятие ещё не началось" in response.content.decode()


def test_the_participants_table_downloads_as_excel(client_for, methodist, school):
    event = make_event(school)
    sign_up(event, 2)
    response = client_for(methodist).get(f"/events/{event.pk}/participants.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("№", "ФИО", "Организация")
    assert [row[1] for row in rows[1:]] == ["Участникова Мария 1", "Участникова Мария 2"]
    assert rows[1][6] == "Участие подтверждено"


def test_an_end_before_the_start_is_refused_in_russian(client_for, methodist, school):
    response = client_for(methodist).post(
        "/events/new/",
        {
            "title": "Семинар",
            "format": "seminar",
            "organizer": school.pk,
            "starts_at": "2030-04-11T12:00",
            "ends_at": "2030-04-11T10:00",
            "place": "г. Амурск",
        },
    )
    assert "Окончание мероприятия не может быть раньше его начала." in response.content.decode()
    assert not Event.objects.exists()


def test_more_seats_move_the_waiting_list_up(client_for, methodist, school):
    event = make_event(school, capacity=1)
    _seated, waiting = sign_up(event, 2)
    start = event.starts_at.astimezone(timezone.get_current_timezone())
    response = client_for(methodist).post(
        f"/events/{event.pk}/edit/",
        {
            "title": event.title,
            "format": "seminar",
            "organizer": school.pk,
            "starts_at": f"{start:%Y-%m-%dT%H:%M}",
            "ends_at": f"{start + dt.timedelta(hours=2):%Y-%m-%dT%H:%M}",
            "place": event.place,
            "capacity": "2",
            "version": event.version,
        },
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == RS.CONFIRMED


def test_a_held_event_is_not_edited(client_for, methodist, school):
    event = make_event(school, starts_in=-dt.timedelta(hours=1))
    Event.objects.filter(pk=event.pk).update(state=EventState.HELD)
    response = client_for(methodist).get(f"/events/{event.pk}/edit/", follow=True)
    assert "Проведённое или отменённое мероприятие не редактируется." in response.content.decode()


def test_partners_are_named_beside_the_organizer_and_find_the_event_as_their_own(client_for, methodist, school):
    from tests.factories import OrganizationFactory

    centre = OrganizationFactory(municipality=school.municipality, short_name="МКУ РМЦ")
    response = client_for(methodist).post(
        "/events/new/",
        {
            "title": "Семинар «Как превратить идею в проект»",
            "format": "seminar",
            "organizer": school.pk,
            "co_organizers": [centre.pk, school.pk],
            "starts_at": "2030-04-11T10:00",
            "ends_at": "2030-04-11T12:00",
            "place": "г. Амурск, пр. Строителей, 23",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert list(event.co_organizers.all()) == [centre]  # the organizer is not its own partner
    page = client_for(methodist).get(f"/events/{event.pk}/").content.decode()
    assert "Организаторы" in page and "МКУ РМЦ" in page
    client_for(methodist).post(f"/events/{event.pk}/state/", {"state": "published"})
    found = client_for(None).get(f"/events/?organizer={centre.pk}").content.decode()
    assert "Как превратить идею в проект" in found
    api = client_for(None).get(f"/api/v1/events/?organizer={centre.pk}").json()
    assert [row["co_organizers"] for row in api["results"]] == [[{"id": centre.pk, "name": "МКУ РМЦ"}]]
