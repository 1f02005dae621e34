"""Mentoring through the API, with the pages' visibility: mentors are public, requests and pairs belong to their
sides and to the staff of their territory; a school's head files requests of her school."""

from __future__ import annotations

import pytest

from innoinfra.mentoring.models import MentoringRequest
from tests.api.clients import api, ids, persona
from tests.factories import OrganizationFactory

from .factories import direction, make_offer, make_pair, make_request

pytestmark = pytest.mark.django_db

AMURSKY_SIDE = {"methodist", "authority", "orgadmin", "admin_user"}


@pytest.fixture
def world(school, amursky, vyselki):
    gymnasium = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    offer = make_offer(organization=gymnasium, directions=[direction("Проектная деятельность")])
    paused = make_offer(organization=OrganizationFactory(municipality=amursky), accepting=False)
    open_request = make_request(school)
    pair = make_pair(make_request(school, topic="Цифровая среда"), offer)
    far = make_request(OrganizationFactory(municipality=vyselki), topic="Запрос Выселок")
    return {"offer": offer, "paused": paused, "open": open_request, "pair": pair, "far": far}


@pytest.mark.parametrize(
    "role", ["methodist", "authority", "other_methodist", "expert", "orgadmin", "teacher", "admin_user", None]
)
def test_requests_and_pairs_are_seen_by_their_sides_and_territory(role, request, world):
    client = api(persona(request, role))
    requests = ids(client.get("/api/v1/mentoring-requests/")) if role else None
    pairs = ids(client.get("/api/v1/mentoring-pairs/")) if role else None
    amursky = {world["open"].pk, world["pair"].request_id}
    if role is None:
        assert client.get("/api/v1/mentoring-requests/").json()["results"] == []
        assert client.get("/api/v1/mentoring-pairs/").json()["results"] == []
    elif role == "admin_user":
        assert requests == amursky | {world["far"].pk} and pairs == {world["pair"].pk}
    elif role == "other_methodist":
        assert requests == {world["far"].pk} and pairs == set()
    elif role in AMURSKY_SIDE:
        assert requests == amursky and pairs == {world["pair"].pk}
    else:
        assert requests == set() and pairs == set()


def test_a_request_reads_with_its_labels_and_filters(methodist, world):
    client = api(methodist)
    row = client.get(f"/api/v1/mentoring-requests/{world['open'].pk}/").json()
    assert row["state_label"] == "Ждёт наставника" and row["organization_name"] == "МБОУ СОШ № 1 г. Амурска"
    assert ids(client.get("/api/v1/mentoring-requests/", {"state": "matched"})) == {world["pair"].request_id}
    assert client.get(f"/api/v1/mentoring-requests/{world['far'].pk}/").status_code == 404
    pair = client.get(f"/api/v1/mentoring-pairs/{world['pair'].pk}/").json()
    assert pair["mentor_name"] == "МБОУ Гимназия № 8" and pair["state_label"] == "Действует"


def test_accepting_mentors_are_public(world):
    client = api()
    assert ids(client.get("/api/v1/mentoring-offers/")) == {world["offer"].pk}
    row = client.get(f"/api/v1/mentoring-offers/{world['offer'].pk}/").json()
    assert row["free_places"] == 1 and row["mentor_kind"] == "organization"
    assert client.get(f"/api/v1/mentoring-offers/{world['paused'].pk}/").status_code == 404
    assert client.get("/api/v1/mentoring-offers/", {"direction": "много"}).status_code == 400


def test_a_head_files_a_request_for_her_school_only(orgadmin, school, amursky):
    projects = direction("Проектная деятельность")
    client = api(orgadmin)
    response = client.post(
        "/api/v1/mentoring-requests/",
        {"organization": school.pk, "topic": "Проекты", "needs": "Помощь с оцениванием", "directions": [projects.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = MentoringRequest.objects.get()
    assert response.json()["state"] == "open" and created.municipality == amursky and created.created_by == orgadmin
    other = OrganizationFactory(municipality=amursky)
    response = client.post(
        "/api/v1/mentoring-requests/", {"organization": other.pk, "topic": "Т", "needs": "П"}, format="json"
    )
    assert response.status_code == 403 and MentoringRequest.objects.count() == 1


@pytest.mark.parametrize("role", ["teacher", "expert", None])
def test_others_file_nothing(role, request, school):
    response = api(persona(request, role)).post(
        "/api/v1/mentoring-requests/", {"organization": school.pk, "topic": "Т", "needs": "П"}, format="json"
    )
    assert response.status_code in (401, 403) and not MentoringRequest.objects.exists()


def test_the_api_does_not_write_offers_or_pairs(methodist, world):
    client = api(methodist)
    assert client.post("/api/v1/mentoring-offers/", {"topics": "x"}).status_code in (403, 405)
    assert client.delete(f"/api/v1/mentoring-pairs/{world['pair'].pk}/").status_code in (403, 405)
