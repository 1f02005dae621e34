"""The participants page is paged and filtered by state; attendance marked on one page leaves the others alone."""

import datetime as dt
import re

import pytest

from innoinfra.events import services
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event, Registration
from innoinfra.events.views import manage

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(school, monkeypatch):
    """An event that began an hour ago with five confirmed participants, two to a page."""
    monkeypatch.setattr(manage, "PARTICIPANTS_PAGE", 2)
    event = make_event(school, starts_in=dt.timedelta(days=3))
    people = sign_up(event, 5)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - dt.timedelta(days=3, hours=1), ends_at=event.ends_at - dt.timedelta(days=3)
    )
    event.refresh_from_db()
    return event, people


def _rows(html):
    """(number, name) of each row of the table."""
    return re.findall(r'<tr data-testid="participant-row">\s*<td>(\d+)</td>\s*<td>(Участникова Мария \d+)', html)


def test_the_list_is_paged_and_numbered_through(client_for, methodist, started):
    event, _people = started
    client = client_for(methodist)
    first = client.get(f"/events/{event.pk}/participants/").content.decode()
    assert _rows(first) == [("1", "Участникова Мария 1"), ("2", "Участникова Мария 2")]
    assert "Страница 1 из 3" in first
    last = client.get(f"/events/{event.pk}/participants/?page=3").content.decode()
    assert _rows(last) == [("5", "Участникова Мария 5")]


def test_a_state_tab_lists_only_that_state(client_for, methodist, started):
    event, people = started
    services.cancel_registration(people[1], by=methodist)
    client = client_for(methodist)
    page = client.get(f"/events/{event.pk}/participants/").content.decode()
    assert "Отменена: 1" in page and "Участие подтверждено: 4" in page
    cancelled = client.get(f"/events/{event.pk}/participants/?state=cancelled").content.decode()
    assert _rows(cancelled) == [("1", "Участникова Мария 2")]
    assert 'aria-current="page">Отменена: 1' in cancelled
    nobody = client.get(f"/events/{event.pk}/participants/?state=waiting").content.decode()
    assert _rows(nobody) == [] and "Регистраций в этом состоянии нет." in nobody
    # an unknown state is ignored, not an error
    assert len(_rows(client.get(f"/events/{event.pk}/participants/?state=<b>").content.decode())) == 2


def test_marking_one_page_keeps_the_marks_of_the_others(client_for, methodist, started):
    event, people = started
    client = client_for(methodist)
    first_page = {"attended": [people[0].pk], "shown": [people[0].pk, people[1].pk], "page": "1"}
    client.post(f"/events/{event.pk}/attendance/", first_page)
    response = client.post(
        f"/events/{event.pk}/attendance/",
        {"attended": [people[2].pk], "shown": [people[2].pk, people[3].pk], "page": "2"},
    )
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/participants/?page=2"
    states = dict(Registration.objects.filter(event=event).values_list("pk", "state"))
    assert [states[p.pk] for p in people] == [RS.ATTENDED, RS.CONFIRMED, RS.ATTENDED, RS.CONFIRMED, RS.CONFIRMED]


def test_a_box_ticked_off_the_page_is_refused_and_nothing_changes(client_for, methodist, started):
    event, people = started
    response = client_for(methodist).post(
        f"/events/{event.pk}/attendance/",
        {"attended": [people[0].pk, people[4].pk], "shown": [people[0].pk, people[1].pk], "page": "1"},
        follow=True,
    )
    assert "Список присутствующих не совпадает со страницей" in response.content.decode()
    assert not Registration.objects.filter(event=event, state=RS.ATTENDED).exists()


def test_a_form_without_its_page_number_marks_the_whole_list_as_before(client_for, methodist, started):
    event, people = started
    services.mark_attendance(event, attended=[p.pk for p in people])
    client_for(methodist).post(f"/events/{event.pk}/attendance/", {"attended": [people[0].pk]})
    assert list(Registration.objects.filter(event=event, state=RS.ATTENDED).values_list("pk", flat=True)) == [
        people[0].pk
    ]


def test_the_page_reads_the_same_queries_for_few_and_many_participants(
    client_for, methodist, school, monkeypatch, assert_constant_queries
):
    monkeypatch.setattr(manage, "PARTICIPANTS_PAGE", 3)
    event = make_event(school, capacity=None)
    sign_up(event, 3)
    counter = iter(range(3, 100))

    def grow(n):
        for _ in range(n * 4):
            sign_up(event, 1, start=next(counter))

    client = client_for(methodist)
    client.get(f"/events/{event.pk}/participants/")
    assert_constant_queries(client, f"/events/{event.pk}/participants/?page=2", grow)


def test_saving_a_page_without_seated_participants_changes_nobody(client_for, methodist, started):
    event, people = started
    services.mark_attendance(event, attended=[people[0].pk])
    response = client_for(methodist).post(
        f"/events/{event.pk}/attendance/?state=waiting", {"page": "1", "state": "waiting"}, follow=True
    )
    assert "Присутствие отмечено: 0." in response.content.decode()
    assert Registration.objects.get(pk=people[0].pk).state == RS.ATTENDED
