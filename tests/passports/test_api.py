"""Site passports through the API: anyone reads (contacts only staff and editors); the editors change them with
ETag / If-Match, as on the page."""

import pytest
from rest_framework.test import APIClient

from innoinfra.passports import services
from innoinfra.passports.models import SitePassport
from tests.factories import make_site

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def site(school):
    school.phone = "8-914-000-00-00"
    school.save()
    return make_site(organization=school)


def test_anyone_reads_a_passport_not_yet_written(site):
    response = api().get(f"/api/v1/site-passports/{site.pk}/")
    body = response.json()
    assert response.status_code == 200 and response["ETag"] == '"1"'
    assert (body["saved"], body["theme"], body["contacts"]) == (False, site.theme, None)
    assert api().get("/api/v1/site-passports/999999/").status_code == 404


def test_staff_read_the_contacts(site, methodist):
    assert api(methodist).get(f"/api/v1/site-passports/{site.pk}/").json()["contacts"] == "Тел. 8-914-000-00-00"


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), ("teacher", 403), ("expert", 403), ("other_methodist", 403), ("orgadmin", 200), ("methodist", 200)],
)  # fmt: skip
def test_who_may_write(request, site, role, status):
    user = request.getfixturevalue(role) if role else None
    response = api(user).patch(f"/api/v1/site-passports/{site.pk}/", {"goal": "Цель"}, format="json")
    assert response.status_code in ((401, 403) if status == 403 else (status,))
    assert SitePassport.objects.filter(goal="Цель").exists() is (status == 200)


def test_a_write_needs_the_current_version(site, orgadmin):
    client = api(orgadmin)
    etag = client.get(f"/api/v1/site-passports/{site.pk}/")["ETag"]
    first = client.patch(
        f"/api/v1/site-passports/{site.pk}/",
        {"goal": "Цель", "year_tasks": [{"year": 2024, "text": "Вебинары"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert first.status_code == 200 and first.json()["version"] == 2 and first["ETag"] == '"2"'
    assert first.json()["year_tasks"] == [{"year": 2024, "text": "Вебинары"}]
    stale = client.patch(f"/api/v1/site-passports/{site.pk}/", {"goal": "Иная"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and "Иванова" in stale.json()["detail"]
    refused = client.patch(f"/api/v1/site-passports/{site.pk}/", {"theme": " "}, format="json")
    assert refused.status_code == 400
    assert SitePassport.objects.get(site=site).goal == "Цель"


def test_the_list_holds_written_passports_without_a_query_per_row(site, school, methodist, django_assert_num_queries):
    services.save_passport(site, by=methodist, goal="Первая")
    services.save_passport(make_site(organization=school, theme="Вторая тема"), by=methodist, goal="Вторая")
    client = api()
    with django_assert_num_queries(2):
        body = client.get("/api/v1/site-passports/").json()
    assert [p["goal"] for p in body["results"]] == ["Первая", "Вторая"]
