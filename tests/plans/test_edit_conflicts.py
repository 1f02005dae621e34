"""No lost update on plans (issue 15, finding 7): two people edit one plan item or one plan's particulars.

- Наталья (`authority`) opens the form and saves first.
- Лариса (`methodist`) opened the same form before Наталья saved; her save is stale and must be refused, naming
  Наталья and when she saved, with nothing of Лариса's written and her text kept in the form.
"""

import pytest
from django.urls import reverse

from innoinfra.plans.models import Plan, PlanItem
from tests.api.clients import api

from .factories import make_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
CONFLICT = "Запись изменил(а) Сиденкова Наталья"


@pytest.fixture
def draft(amursky, methodist):
    return make_plan(amursky, by=methodist)


@pytest.fixture
def item(draft):
    return draft.items.order_by("position").first()


def _item_form(client, item) -> dict:
    """What the open item form will post: its fields as rendered, including the hidden version."""
    form = client.get(reverse("plans:item_edit", args=[item.pk]), **HTMX).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["section"] = item.section_id
    return {name: value for name, value in data.items() if value is not None}


def _save_item(client, item, data, **changes):
    return client.post(reverse("plans:item_edit", args=[item.pk]), {**data, **changes}, **HTMX)


# ---------------------------------------------------------------- the plan item on the page


def test_a_stale_save_of_an_item_is_refused_naming_who_saved_first(client_for, authority, methodist, item):
    natalya, larisa = client_for(authority), client_for(methodist)
    natalya_form, larisa_form = _item_form(natalya, item), _item_form(larisa, item)

    assert _save_item(natalya, item, natalya_form, activity="Семинар Натальи").status_code == 200
    answer = _save_item(larisa, item, larisa_form, activity="Семинар Ларисы")

    assert answer.status_code == 409
    page = answer.content.decode()
    assert CONFLICT in page and "обновите страницу" in page
    assert "Семинар Ларисы" in page  # her input is kept in the form she gets back
    item.refresh_from_db()
    assert item.activity == "Семинар Натальи"


def test_a_fresh_save_of_an_item_works_and_moves_the_version_on(client_for, authority, methodist, item):
    natalya, larisa = client_for(authority), client_for(methodist)
    assert _save_item(natalya, item, _item_form(natalya, item), activity="Семинар Натальи").status_code == 200
    # Лариса reloads the row after Наталья's save: her form carries the new version and goes through.
    assert _save_item(larisa, item, _item_form(larisa, item), activity="Семинар Ларисы").status_code == 200
    item.refresh_from_db()
    assert (item.activity, item.version) == ("Семинар Ларисы", 3)
    assert item.history.count() == 3  # created, Наталья's save, Лариса's save: every change is on record


def test_an_item_form_without_its_version_saves_nothing(client_for, methodist, item):
    data = _item_form(client_for(methodist), item)
    del data["version"]
    answer = _save_item(client_for(methodist), item, data, activity="Без версии")
    assert "Форма устарела" in answer.content.decode()
    item.refresh_from_db()
    assert item.activity != "Без версии" and item.version == 1


# ---------------------------------------------------------------- the plan's particulars on the page


def _plan_form(client, plan) -> dict:
    form = client.get(reverse("plans:edit", args=[plan.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value is not None}


def test_a_stale_save_of_a_plan_is_refused(client_for, authority, methodist, draft):
    natalya, larisa = client_for(authority), client_for(methodist)
    natalya_form, larisa_form = _plan_form(natalya, draft), _plan_form(larisa, draft)
    assert (
        natalya.post(reverse("plans:edit", args=[draft.pk]), {**natalya_form, "title": "План Натальи"}).status_code
        == 302
    )

    answer = larisa.post(reverse("plans:edit", args=[draft.pk]), {**larisa_form, "title": "План Ларисы"})

    assert answer.status_code == 409
    assert CONFLICT in answer.content.decode() and "План Ларисы" in answer.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("План Натальи", 2)
    fresh = _plan_form(larisa, draft)
    assert larisa.post(reverse("plans:edit", args=[draft.pk]), {**fresh, "title": "План Ларисы"}).status_code == 302
    assert Plan.objects.get(pk=draft.pk).title == "План Ларисы"


# ---------------------------------------------------------------- the API


def test_the_api_shows_the_version_and_an_etag(methodist, item, draft):
    answer = api(methodist).get(f"/api/v1/plan-items/{item.pk}/")
    assert answer.json()["version"] == 1 and answer["ETag"] == '"1"'
    answer = api(methodist).get(f"/api/v1/plans/{draft.pk}/")
    assert answer.json()["version"] == 1 and answer["ETag"] == '"1"'


def test_a_stale_version_in_the_body_gets_409_and_changes_nothing(authority, methodist, item):
    url = f"/api/v1/plan-items/{item.pk}/"
    first = api(authority).patch(url, {"activity": "Семинар Натальи", "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2 and first["ETag"] == '"2"'

    stale = api(methodist).patch(url, {"activity": "Семинар Ларисы", "version": 1}, format="json")

    assert stale.status_code == 409
    assert stale.json()["detail"].startswith(CONFLICT) and stale.json()["version"] == 2
    assert PlanItem.objects.get(pk=item.pk).activity == "Семинар Натальи"


def test_if_match_with_a_stale_etag_gets_412(authority, methodist, item):
    url = f"/api/v1/plan-items/{item.pk}/"
    etag = api(methodist).get(url)["ETag"]
    assert (
        api(authority).patch(url, {"activity": "Семинар Натальи"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    )

    stale = api(methodist).patch(url, {"activity": "Семинар Ларисы"}, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert CONFLICT in stale.json()["detail"]
    assert PlanItem.objects.get(pk=item.pk).activity == "Семинар Натальи"
    fresh = api(methodist).get(url)["ETag"]
    answer = api(methodist).patch(url, {"activity": "Семинар Ларисы"}, format="json", HTTP_IF_MATCH=fresh)
    assert answer.status_code == 200 and answer["ETag"] == '"3"'


def test_if_match_with_a_tag_never_given_out_gets_412(methodist, item):
    answer = api(methodist).patch(
        f"/api/v1/plan-items/{item.pk}/", {"activity": "Иначе"}, format="json", HTTP_IF_MATCH='"abc"'
    )
    assert answer.status_code == 412
    assert PlanItem.objects.get(pk=item.pk).activity != "Иначе"


def test_a_stale_plan_update_gets_409_or_412(authority, methodist, draft):
    url = f"/api/v1/plans/{draft.pk}/"
    assert api(authority).patch(url, {"title": "План Натальи", "version": 1}, format="json").status_code == 200
    body = api(methodist).patch(url, {"title": "План Ларисы", "version": 1}, format="json")
    header = api(methodist).patch(url, {"title": "План Ларисы"}, format="json", HTTP_IF_MATCH='"1"')
    assert (body.status_code, header.status_code) == (409, 412)
    assert CONFLICT in body.json()["detail"]
    assert Plan.objects.get(pk=draft.pk).title == "План Натальи"


def test_a_save_without_any_version_still_moves_the_version_on(methodist, item):
    """Old clients keep working (last write wins for them), but forms opened before their save are refused."""
    answer = api(methodist).patch(f"/api/v1/plan-items/{item.pk}/", {"activity": "Без версии"}, format="json")
    assert answer.status_code == 200 and answer.json()["version"] == 2
