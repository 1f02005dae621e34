"""Approbations through the API: not public, read per role, written by the site's keepers through the services."""

import pytest
from rest_framework.test import APIClient

from innoinfra.approbation.models import Approbation

from ..factories import make_site
from .factories import make_approbation

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_reads_per_role(school, methodist, teacher, orgadmin, other_methodist, expert):
    make_approbation(make_site(organization=school))
    assert api().get("/api/v1/approbations/").status_code in (401, 403)
    for user, count in ((methodist, 1), (teacher, 1), (orgadmin, 1), (other_methodist, 0), (expert, 0)):
        assert api(user).get("/api/v1/approbations/").json()["count"] == count


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 201), ("orgadmin", 201), ("teacher", 403), ("other_methodist", 403), ("expert", 403)],
)
def test_who_creates(request, school, role, status):
    site = make_site(organization=school)
    data = {"site": site.pk, "product_title": "Пособие", "product_kind": "textbook"}
    response = api(request.getfixturevalue(role)).post("/api/v1/approbations/", data, format="json")
    assert response.status_code == status, response.content
    assert Approbation.objects.count() == (1 if status == 201 else 0)


def test_life_cycle_and_refusals(school, methodist, teacher):
    approbation = make_approbation(make_site(organization=school))
    base = f"/api/v1/approbations/{approbation.pk}"
    client = api(methodist)
    early = client.post(f"{base}/conclude/", {"verdict": "recommended", "conclusion": "Да", "date": "2025-05-20"})
    assert early.status_code == 400
    assert "в состоянии «Планируется»" in early.json()["detail"]
    assert api(teacher).post(f"{base}/start/").status_code == 403
    assert client.post(f"{base}/start/").json()["state"] == "in_progress"
    assert (
        client.post(
            f"{base}/stages/", {"title": "Основной", "starts_on": "2025-01-10", "ends_on": "2025-04-30"}
        ).status_code
        == 200
    )
    body = client.post(
        f"{base}/results/", {"date": "2025-03-01", "indicator": "Качество знаний", "value": "64 %"}
    ).json()
    assert body["results"][0]["value"] == "64 %" and body["stages"][0]["title"] == "Основной"
    done = client.post(f"{base}/conclude/", {"verdict": "not_recommended", "conclusion": "Нет", "date": "2025-05-20"})
    assert done.json()["verdict_label"] == "Не рекомендован"
    assert client.patch(f"{base}/", {"product_title": "Другое"}, format="json").status_code == 400
    assert api(teacher).get(f"{base}/").json()["state"] == "finished"
