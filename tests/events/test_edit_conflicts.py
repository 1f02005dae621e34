"""No lost update on an event (issue 15, finding 7): Лариса (`methodist`, staff of the territory) and Ирина
(`orgadmin`, the head of the organizing school) open the same event's form; Ирина saves first, Лариса's stale save
is refused naming Ирина, and the event keeps Ирина's values."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.events.models import Event

from .factories import make_event

pytestmark = pytest.mark.django_db
CONFLICT = "Запись изменил(а) Иванова Ирина"


def _form_data(client, url) -> dict:
    """What the browser would send back: the form as the page rendered it, datetimes in the input's format."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dt.datetime):
            value = f"{timezone.localtime(value) if timezone.is_aware(value) else value:%Y-%m-%dT%H:%M}"
        if value not in (None, []):
            data[name] = value
    return data


def test_a_stale_save_of_an_event_is_refused_naming_who_saved(client_for, methodist, orgadmin, school):
    event = make_event(school, capacity=30)
    url = f"/events/{event.pk}/edit/"
    irina, larisa = client_for(orgadmin), client_for(methodist)
    irina_form, larisa_form = _form_data(irina, url), _form_data(larisa, url)
    assert irina.post(url, {**irina_form, "place": "Актовый зал", "capacity": "40"}).status_code == 302

    answer = larisa.post(url, {**larisa_form, "title": "Семинар Ларисы"})

    assert answer.status_code == 409
    page = answer.content.decode()
    assert CONFLICT in page and "обновите страницу" in page and "Семинар Ларисы" in page
    event = Event.objects.get(pk=event.pk)
    assert (event.title, event.place, event.capacity) == ("Семинар «Первые шаги к инновациям»", "Актовый зал", 40)


def test_a_fresh_save_after_the_refusal_goes_through_and_moves_the_version(client_for, methodist, orgadmin, school):
    event = make_event(school)
    url = f"/events/{event.pk}/edit/"
    irina, larisa = client_for(orgadmin), client_for(methodist)
    larisa_form = _form_data(larisa, url)
    assert irina.post(url, {**_form_data(irina, url), "place": "Актовый зал"}).status_code == 302
    assert larisa.post(url, {**larisa_form, "title": "Семинар Ларисы"}).status_code == 409

    assert larisa.post(url, {**_form_data(larisa, url), "title": "Семинар Ларисы"}).status_code == 302

    event = Event.objects.get(pk=event.pk)
    assert (event.title, event.place, event.version) == ("Семинар Ларисы", "Актовый зал", 3)


def test_a_form_without_its_version_is_not_saved(client_for, methodist, school):
    event = make_event(school)
    url = f"/events/{event.pk}/edit/"
    client = client_for(methodist)
    data = _form_data(client, url)
    del data["version"]

    answer = client.post(url, {**data, "title": "Без версии"})

    assert answer.status_code == 200
    assert "Форма устарела или повреждена" in answer.content.decode()
    assert Event.objects.get(pk=event.pk).title != "Без версии"
