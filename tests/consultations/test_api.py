"""The consultation log through the API: not public, each role its part, writes through the services."""

import pytest
from rest_framework.test import APIClient

from innoinfra.consultations.models import Consultation

from .factories import make_consultation, make_hour

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_is_refused_and_each_role_reads_its_part(school, methodist, other_methodist, teacher):
    make_consultation(school, by=methodist)
    assert api().get("/api/v1/consultations/").status_code in (401, 403)
    assert api(methodist).get("/api/v1/consultations/").json()["count"] == 1
    assert api(teacher).get("/api/v1/consultations/").json()["count"] == 1
    assert api(other_methodist).get("/api/v1/consultations/").json()["count"] == 0


@pytest.mark.parametrize(
    ("role", "status"), [("methodist", 201), ("orgadmin", 201), ("teacher", 403), ("expert", 403), ("other_methodist", 400)]
)
def test_who_records(request, school, role, status):
    data = {"held_on": "2025-03-01", "form": "online", "organization": school.pk, "topic": "Отчёт",
            "duration_minutes": 30, "adviser_name": "Петренко А. В."}  # fmt: skip
    response = api(request.getfixturevalue(role)).post("/api/v1/consultations/", data, format="json")
    assert response.status_code == status
    assert Consultation.objects.count() == (1 if status == 201 else 0)


def test_hours_are_listed_to_the_territory(methodist, orgadmin, other_methodist):
    make_hour(methodist)
    assert len(api(orgadmin).get("/api/v1/consultation-hours/").json()["results"]) == 1
    assert len(api(other_methodist).get("/api/v1/consultation-hours/").json()["results"]) == 0
    assert api().get("/api/v1/consultation-hours/").status_code in (401, 403)
