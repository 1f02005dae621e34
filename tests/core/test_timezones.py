"""Municipal time zones: the pages of an Amursk event show Amursk time and name the zone; a user of Amursk sees
Amursk time everywhere; forms take the time in that zone; the ICS feed carries TZID with its VTIMEZONE."""

import datetime as dt
import zoneinfo

import pytest

from innoinfra.core.timezones import utc_offset, zone_caption
from innoinfra.events.models import Event
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
VLADIVOSTOK = zoneinfo.ZoneInfo("Asia/Vladivostok")


@pytest.fixture
def amursk_event(school, amursky):
    amursky.time_zone = "Asia/Vladivostok"
    amursky.save()
    event = make_event(school)
    start = dt.datetime(2031, 3, 12, 10, 0, tzinfo=VLADIVOSTOK)  # 03:00 in Moscow
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    event.refresh_from_db()
    return event


def test_a_new_municipality_takes_the_installations_zone(amursky):
    assert amursky.time_zone == "Europe/Moscow"


def test_the_zone_is_named_with_its_offset():
    assert zone_caption("Asia/Vladivostok") == "владивостокское (хабаровское) время, UTC+10"
    assert utc_offset("Europe/Moscow") == "UTC+3"
    assert zone_caption("no/such-zone").startswith("московское время")


def test_the_event_page_shows_the_time_of_the_events_municipality(client, amursk_event):
    page = client.get(f"/events/{amursk_event.pk}/").content.decode()
    assert "12 марта 2031 г., 10:00–12:00" in page
    assert "владивостокское (хабаровское) время, UTC+10" in page


def test_a_user_of_amursk_sees_the_list_in_amursk_time(client_for, teacher, amursk_event, client):
    assert "10:00" in client_for(teacher).get("/events/").content.decode()
    assert "03:00" in client.get("/events/").content.decode()  # a visitor: the installation's zone


def test_the_organizer_enters_times_in_the_events_zone(client_for, orgadmin, amursk_event):
    form = client_for(orgadmin).get(f"/events/{amursk_event.pk}/edit/").content.decode()
    assert 'value="2031-03-12T10:00"' in form


def test_the_feed_carries_tzid_and_its_vtimezone(client, amursk_event, settings):
    settings.ICS_WINDOW_FUTURE_DAYS = 20 * 366  # the event is years ahead, past the feed's default window
    body = client.get("/events/calendar.ics").getvalue().decode()
    assert "DTSTART;TZID=Asia/Vladivostok:20310312T100000" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:Asia/Vladivostok" in body


def test_staff_set_a_municipalitys_zone_in_the_catalogue(client_for, methodist, amursky):
    url = f"/registry/catalogues/municipalities/{amursky.pk}/"
    form = {"region": amursky.region_id, "name": amursky.name, "short_name": "Амурский район"}
    response = client_for(methodist).post(url, {**form, "time_zone": "Asia/Vladivostok"})
    assert response.status_code == 302
    amursky.refresh_from_db()
    assert amursky.time_zone == "Asia/Vladivostok"
    refused = client_for(methodist).post(url, {**form, "time_zone": "Mars/Olympus"})
    assert refused.status_code in (200, 400) and "Выберите корректный вариант" in refused.content.decode()
