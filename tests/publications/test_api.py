"""Publications through the API: public reads with the catalogue's filters; writes by the people who may enter them
on the pages, with versions (ETag / If-Match)."""

import pytest
from rest_framework.test import APIClient

from innoinfra.publications.models import Publication

from ..factories import OrganizationFactory
from .factories import make_publication

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


NEW = {
    "kind": "interview",
    "level": "municipal",
    "title": "Интервью с координатором площадки",
    "outlet": "Газета «Амурский труженик»",
    "published_on": "2025-02-10",
    "url": "https://example.org/interview",
}


def test_anyone_reads_and_filters(school, teacher):
    make_publication(school, by=teacher, level="regional", title="Региональная статья")
    make_publication(school, by=teacher, title="Муниципальная статья")
    body = api().get("/api/v1/publications/", {"level": "regional"}).json()
    assert [p["title"] for p in body["results"]] == ["Региональная статья"]
    assert body["results"][0]["level_label"] == "Региональный"
    assert api().get("/api/v1/publications/", {"year": "abc"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), ("expert", 403), ("moderator", 403), ("teacher", 201), ("orgadmin", 201), ("methodist", 201),
     ("other_methodist", 400)],
)  # fmt: skip
def test_who_may_create(request, school, role, status):
    user = request.getfixturevalue(role) if role else None
    response = api(user).post("/api/v1/publications/", NEW | {"organization": school.pk}, format="json")
    assert response.status_code in ((401, 403) if status == 403 else (status,))
    assert Publication.objects.count() == (1 if status == 201 else 0)


def test_an_update_needs_the_current_version(school, teacher):
    publication = make_publication(school, by=teacher)
    client = api(teacher)
    etag = client.get(f"/api/v1/publications/{publication.pk}/")["ETag"]
    assert (
        client.patch(f"/api/v1/publications/{publication.pk}/", {"title": "Новое"}, HTTP_IF_MATCH=etag).status_code
        == 200
    )
    stale = client.patch(f"/api/v1/publications/{publication.pk}/", {"title": "Старое"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Publication.objects.get().title == "Новое"


def test_a_stranger_may_neither_change_nor_delete(school, teacher, amursky):
    publication = make_publication(school, by=teacher)
    from ..factories import UserFactory

    stranger = UserFactory(organization=OrganizationFactory(municipality=amursky))
    assert api(stranger).patch(f"/api/v1/publications/{publication.pk}/", {"title": "x"}).status_code == 403
    assert api(stranger).delete(f"/api/v1/publications/{publication.pk}/").status_code == 403
    assert api(teacher).delete(f"/api/v1/publications/{publication.pk}/").status_code == 204
    assert not Publication.objects.exists()
