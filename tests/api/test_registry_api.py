import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from innoinfra.registry.models import Order, Site

from ..factories import OrderFactory, OrganizationFactory, kind, make_site

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_it_lists_sites_paginated_with_filters(school, vyselki):
    make_site(organization=school, theme="Функциональная грамотность в проектах")
    make_site(kind_abbr="МАП", organization=OrganizationFactory(municipality=vyselki), theme="Апробация учебника")
    response = api().get("/api/v1/sites/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and len(body["results"]) == 2
    response = api().get("/api/v1/sites/", {"kind": kind("МАП").pk})
    assert [s["theme"] for s in response.json()["results"]] == ["Апробация учебника"]
    response = api().get("/api/v1/sites/", {"q": "грамотности", "municipality": school.municipality_id})
    assert [s["theme"] for s in response.json()["results"]] == ["Функциональная грамотность в проектах"]
    assert response.json()["results"][0]["state_label"] == "Действует"


def test_it_rejects_a_bad_filter_with_a_message(school):
    response = api().get("/api/v1/sites/", {"year": "когда-то"})
    assert response.status_code == 400
    assert "year" in response.json()


def test_site_list_query_count_does_not_grow(school, django_assert_max_num_queries):
    for i in range(3):
        make_site(organization=OrganizationFactory(municipality=school.municipality), theme=f"Тема {i}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        api().get("/api/v1/sites/")
    Site.objects.filter(pk__in=list(Site.objects.values_list("pk", flat=True)[:2])).delete()
    with CaptureQueriesContext(connection) as one:
        api().get("/api/v1/sites/")
    assert len(one) == len(three)


@pytest.mark.parametrize("resource", ["organizations", "site-kinds", "orders", "municipalities", "regions",
                                      "directions", "subsystems"])
def test_every_resource_is_public_to_read(resource, school):
    OrderFactory(municipality=school.municipality)
    response = api().get(f"/api/v1/{resource}/")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_token_auth_by_username_and_e_mail(methodist):
    response = APIClient().post("/api/v1/auth/token/", {"username": "larisa", "password": "demo"})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=methodist).key
    response = APIClient().post("/api/v1/auth/token/", {"username": methodist.email, "password": "demo"})
    assert response.status_code == 200


def test_token_auth_refuses_a_wrong_password_in_russian(methodist):
    response = APIClient().post("/api/v1/auth/token/", {"username": "larisa", "password": "nope"})
    assert response.status_code == 400
    assert "учетными данными" in str(response.json()) or "учётными данными" in str(response.json())


def test_methodist_creates_a_site_with_a_token(methodist, school):
    order = OrderFactory(municipality=school.municipality)
    token = Token.objects.create(user=methodist)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/v1/sites/", {"kind": kind("МИП").pk, "theme": "Школа проектов",
                                               "lead_organization": school.pk, "order": order.pk,
                                               "start_date": "2025-09-01"}, format="json")
    assert response.status_code == 201, response.json()
    site = Site.objects.get(theme="Школа проектов")
    assert response.json()["id"] == site.pk
    assert site.history.first().history_user == methodist


def test_a_service_refusal_is_a_400_with_its_message(methodist, school):
    order = OrderFactory(municipality=school.municipality)
    other = OrganizationFactory(municipality=school.municipality)
    response = api(methodist).post("/api/v1/sites/", {"kind": kind("МИП").pk, "theme": "Тема",
                                                      "lead_organization": school.pk, "order": order.pk,
                                                      "participants": [other.pk]}, format="json")
    assert response.status_code == 400
    assert "одну организацию" in response.json()["detail"]
    assert not Site.objects.exists()


@pytest.mark.parametrize("persona", ["other_methodist", "expert", "orgadmin", "teacher"])
def test_other_roles_cannot_write(persona, request, school):
    user = request.getfixturevalue(persona)
    site = make_site(organization=school)
    order = OrderFactory(municipality=school.municipality)
    created = api(user).post("/api/v1/sites/", {"kind": kind("МИП").pk, "theme": "Чужая", "lead_organization":
                                                school.pk, "order": order.pk}, format="json")
    assert created.status_code == 403
    changed = api(user).patch(f"/api/v1/sites/{site.pk}/", {"theme": "Иначе"}, format="json")
    assert changed.status_code == 403
    site.refresh_from_db()
    assert site.theme != "Иначе"
    assert Site.objects.count() == 1


def test_anonymous_cannot_write(school):
    response = APIClient().post("/api/v1/orders/", {"number": "1", "date": "2025-01-01", "title": "x"})
    assert response.status_code in (401, 403)
    assert not Order.objects.filter(number="1").exists()


def test_change_state_needs_an_order(methodist, school):
    site = make_site(organization=school)
    response = api(methodist).post(f"/api/v1/sites/{site.pk}/change-state/", {"state": "completed"}, format="json")
    assert response.status_code == 400
    assert "приказом" in response.json()["detail"]
    order = OrderFactory(municipality=school.municipality)
    response = api(methodist).post(f"/api/v1/sites/{site.pk}/change-state/",
                                   {"state": "completed", "order": order.pk, "date": "2027-06-30"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "completed"
    assert site.state_changes.first().date == dt.date(2027, 6, 30)


def test_methodist_cannot_create_an_order_elsewhere(methodist, vyselki):
    response = api(methodist).post("/api/v1/orders/", {"number": "5", "date": "2025-01-01", "title": "О статусе",
                                                       "municipality": vyselki.pk}, format="json")
    assert response.status_code == 403
    assert not Order.objects.exists()


def test_schema_and_docs_are_served_locally():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/sites/" in schema.json()["paths"]
    docs = APIClient().get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    # a CDN would appear in a URL («//cdn.jsdelivr.net/…»); random tokens on the page may contain the letters «cdn»
    assert "//cdn" not in html.lower() and "unpkg.com" not in html.lower()


def test_methodist_adds_organizations_only_to_her_own_territory(methodist, amursky, vyselki):
    payload = {"full_name": "МБОУ СОШ № 9 г. Амурска", "short_name": "СОШ № 9", "type": "school"}
    own = api(methodist).post("/api/v1/organizations/", {**payload, "municipality": amursky.pk}, format="json")
    assert own.status_code == 201, own.json()
    assert own.json()["municipality_name"] == amursky.name
    other = api(methodist).post("/api/v1/organizations/", {**payload, "municipality": vyselki.pk}, format="json")
    assert other.status_code == 403
    assert "муниципалитет" in other.json()["detail"]
    moved = api(methodist).patch(f"/api/v1/organizations/{own.json()['id']}/", {"municipality": vyselki.pk},
                                 format="json")
    assert moved.status_code == 403


def test_an_organization_changed_through_the_api_names_its_author_in_the_history(methodist, school):
    response = api(methodist).patch(f"/api/v1/organizations/{school.pk}/", {"phone": "8 (42142) 2-22-22"},
                                    format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "8 (42142) 2-22-22"
    school.refresh_from_db()
    assert school.phone == "8 (42142) 2-22-22"
    assert school.history.first().history_user == methodist
