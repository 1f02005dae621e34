"""Collections of best practice through the API: published ones to anyone, drafts only to their compilers."""

import pytest

from innoinfra.practice_collections import builds, services
from innoinfra.practice_collections.models import BuildFormat
from tests.practice_collections.factories import make_collection, published_practices

from .clients import api, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def collections(amursky, school, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    first, second = published_practices(school, 2)
    published = make_collection(amursky, [second, first], title="Лучшие практики 2026 года")
    services.set_published(published, True)
    with django_capture_on_commit_callbacks(execute=True):  # the build task runs at once in tests
        builds.start_build(published, format=BuildFormat.DOCX)
    draft = make_collection(amursky, [first], title="Черновик сборника")
    return {"published": published, "draft": draft, "practices": [first, second]}


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("anonymous", ["Лучшие практики 2026 года"]),
        ("teacher", ["Лучшие практики 2026 года"]),
        ("other_methodist", ["Лучшие практики 2026 года"]),
        ("methodist", ["Черновик сборника", "Лучшие практики 2026 года"]),
    ],
)
def test_who_reads_which_collections(collections, persona, titles, request):
    client = api() if persona == "anonymous" else api(request.getfixturevalue(persona))
    rows = client.get("/api/v1/collections/").json()["results"]
    assert sorted(row["title"] for row in rows) == sorted(titles)
    draft = client.get(f"/api/v1/collections/{collections['draft'].pk}/")
    assert draft.status_code == (200 if persona == "methodist" else 404)


def test_a_collection_lists_its_practices_in_order_and_its_books(collections, methodist, django_assert_max_num_queries):
    first, second = collections["practices"]
    make_collection(collections["published"].municipality, [first], title="Ещё один")
    client = logged_in(methodist)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/collections/")
    assert response.status_code == 200
    row = api().get(f"/api/v1/collections/{collections['published'].pk}/").json()
    assert [entry["id"] for entry in row["practices"]] == [second.pk, first.pk]
    assert row["practices"][0]["registry_number"] == second.registry_number
    assert [book["format"] for book in row["files"]] == ["docx"]
    assert api().get(row["files"][0]["url"]).status_code == 200


def test_the_api_does_not_write_collections(methodist, collections):
    response = api(methodist).post("/api/v1/collections/", {"title": "Новый"})
    assert response.status_code in (403, 405)
