"""Forms of events sent twice (a double click, a reload): one registration, one set of certificates."""

import datetime as dt

import pytest

from innoinfra.core.once import new_token
from innoinfra.events import services
from innoinfra.events.models import Certificate, Registration

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


def test_a_registration_sent_twice_is_one_and_the_second_answer_opens_it(school, client):
    event = make_event(school, capacity=5)
    assert 'name="submission_token"' in client.get(event.get_absolute_url()).content.decode()
    data = {"full_name": "Петров Пётр", "email": "petr@example.org", "consent": "on", "submission_token": new_token()}
    first = client.post(event.get_absolute_url(), data)
    second = client.post(event.get_absolute_url(), data)
    registration = Registration.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == registration.get_absolute_url()


def test_certificates_for_speakers_sent_twice_are_issued_once(school, orgadmin, client_for):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    sign_up(event, 1, now=event.starts_at - dt.timedelta(days=2))
    services.mark_held(event)
    client = client_for(orgadmin)
    url = f"/events/{event.pk}/certificates/people/"
    data = {"kind": "speaker", "text": "Петрова Анна Сергеевна\nСидоров Иван", "submission_token": new_token()}
    client.post(url, data)
    second = client.post(url, data, follow=True)
    assert Certificate.objects.filter(event=event).count() == 2
    assert "Эта форма уже была отправлена" in second.content.decode()
    page = client.get(f"/events/{event.pk}/certificates/").content.decode()
    assert page.count('name="submission_token"') == 2
