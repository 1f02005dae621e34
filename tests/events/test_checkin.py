"""Attendance by QR code: the participant's page shows a code of the check-in link; the organizer opens it on
their phone and checks the participant in. Nobody else may; the code is not the participant's own key."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.events import checkin
from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event

from ..conftest import ROLE_FIXTURES
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}  # the event is the school's, in Amursky


def started(event, ago=dt.timedelta(minutes=10)):
    """Move the event so that it began `ago` (it still lasts two hours)."""
    start = timezone.now() - ago
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    event.refresh_from_db()
    return event


def present_soon(school):
    """A confirmed participant of an event that began ten minutes ago (registered before it began)."""
    (registration,) = sign_up(make_event(school), 1)
    started(registration.event)
    return registration


def url_of(registration):
    return f"/events/checkin/{checkin.checkin_code(registration)}/"


def test_the_participant_page_shows_the_qr_code_of_the_checkin_link(client, school):
    (registration,) = sign_up(make_event(school), 1)
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "QR-код для отметки присутствия" in page and "<svg" in page
    # the code carries the check-in link, not the participant's key to their page
    assert checkin.checkin_code(registration) != registration.token
    assert registration.token not in checkin.checkin_code(registration)


def test_no_qr_code_for_the_waiting_list(client, school):
    _seated, waiting = sign_up(make_event(school, capacity=1), 2)
    assert "QR-код" not in client.get(waiting.get_absolute_url()).content.decode()


def test_the_confirmation_letter_carries_the_checkin_link(school, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = sign_up(make_event(school), 1)
    assert f"/events/checkin/{checkin.checkin_code(registration)}/" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_the_organizers_open_the_checkin_page(role, school, client_for, request):
    registration = present_soon(school)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    response = client.get(url_of(registration))
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=/events/checkin/")
    elif role in ORGANIZERS:
        assert response.status_code == 200
        page = response.content.decode()
        assert registration.full_name in page and "Отметить присутствие" in page
    else:
        assert response.status_code == 403
    client.post(url_of(registration))
    registration.refresh_from_db()
    assert (registration.state == RS.ATTENDED) == (role in ORGANIZERS)


def test_the_organizer_checks_the_participant_in_with_one_button(client_for, orgadmin, school):
    registration = present_soon(school)
    client = client_for(orgadmin)
    response = client.post(url_of(registration), follow=True)
    page = response.content.decode()
    assert "Участникова Мария 1: присутствие отмечено." in page
    assert "Присутствие отмечено" in page and "Отметить присутствие</button>" not in page
    registration.refresh_from_db()
    assert registration.state == RS.ATTENDED and registration.attended_at is not None
    first = registration.attended_at
    client.post(url_of(registration))  # a second scan changes nothing
    registration.refresh_from_db()
    assert registration.attended_at == first


def test_a_wrong_or_forged_code_is_not_found(client_for, methodist, school):
    registration = present_soon(school)
    client = client_for(methodist)
    assert client.get("/events/checkin/wrong-token/").status_code == 404
    assert client.get(f"/events/checkin/{registration.pk}-{'0' * 24}/").status_code == 404
    assert client.get(f"/events/checkin/{registration.token}/").status_code == 404


def test_too_early_the_button_is_not_offered_and_a_post_is_refused(client_for, methodist, school):
    (registration,) = sign_up(make_event(school, starts_in=dt.timedelta(hours=3)), 1)
    client = client_for(methodist)
    page = client.get(url_of(registration)).content.decode()
    assert "Отметка присутствия открывается за час до начала мероприятия." in page
    page = client.post(url_of(registration), follow=True).content.decode()
    assert "открывается за час до начала" in page
    registration.refresh_from_db()
    assert registration.state == RS.CONFIRMED and registration.attended_at is None


def test_a_cancelled_registration_is_not_checked_in(client_for, methodist, school):
    registration = present_soon(school)
    registration.state = RS.CANCELLED
    registration.save()
    client = client_for(methodist)
    assert "Отметить нельзя" in client.get(url_of(registration)).content.decode()
    page = client.post(url_of(registration), follow=True).content.decode()
    assert "Отметить нельзя: регистрация в состоянии «Отменена»." in page
    registration.refresh_from_db()
    assert registration.state == RS.CANCELLED
