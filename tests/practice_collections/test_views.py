import io

import pytest
from docx import Document

from innoinfra.core.typography import plain
from innoinfra.practice_collections import services
from innoinfra.practice_collections.models import Collection, CollectionState

from ..practices.factories import make_practice
from .factories import make_collection, published_practices

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(school, amursky, vyselki):
    practices = published_practices(school, 2)
    draft = make_collection(amursky, practices, title="Черновик амурского сборника")
    published = make_collection(amursky, practices, title="Опубликованный сборник")
    services.set_published(published, True)
    foreign = make_collection(vyselki, title="Выселковский черновик")
    return {"draft": draft, "published": published, "foreign": foreign, "practices": practices}


@pytest.mark.parametrize(
    ("role", "sees_draft", "sees_foreign"),
    [
        ("anonymous", False, False),
        ("teacher", False, False),
        ("orgadmin", False, False),
        ("expert", False, False),
        ("methodist", True, False),
        ("authority", True, False),
        ("other_methodist", False, True),
        ("admin_user", True, True),
    ],
)
def test_who_sees_which_collections(shelf, client_for, request, role, sees_draft, sees_foreign):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    page = client.get("/collections/").content.decode()
    assert "Опубликованный сборник" in page
    assert ("Черновик амурского сборника" in page) is sees_draft
    assert ("Выселковский черновик" in page) is sees_foreign
    assert client.get(f"/collections/{shelf['published'].pk}/").status_code == 200
    assert client.get(f"/collections/{shelf['draft'].pk}/").status_code == (200 if sees_draft else 404)
    edit = client.get(f"/collections/{shelf['published'].pk}/edit/").status_code
    assert edit == (200 if sees_draft else 302 if role == "anonymous" else 403)


def test_the_methodist_compiles_and_builds_from_the_pages(
    school, amursky, methodist, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index is fed after the commit
        practices = published_practices(school, 3)
    draft = make_practice(school, title="Неопубликованная практика о проектах")
    client = client_for(methodist)
    response = client.post(
        "/collections/new/",
        {
            "title": "Сборник августовского совещания",
            "subtitle": "Из опыта школ",
            "year": 2026,
            "municipality": amursky.pk,
        },
    )
    collection = Collection.objects.get()
    assert response.url == f"/collections/{collection.pk}/edit/"
    client.post(f"/collections/{collection.pk}/add/", {"registry_number": practices[2].registry_number})
    found = client.get(f"/collections/{collection.pk}/edit/", {"q": "грамотности"}).content.decode()
    assert practices[0].title in found and draft.title not in found
    client.post(f"/collections/{collection.pk}/add/", {"practice": [practices[0].pk, practices[1].pk]})
    response = client.post(f"/collections/{collection.pk}/add/", {"practice": [draft.pk]}, follow=True)
    assert "не опубликована" in response.content.decode()
    entries = list(collection.entries.all())
    client.post(f"/collections/entries/{entries[2].pk}/move/", {"direction": "up"})
    client.post(f"/collections/entries/{entries[0].pk}/remove/")
    assert [p.pk for p in services.ordered_practices(collection)] == [practices[1].pk, practices[0].pk]
    with django_capture_on_commit_callbacks(execute=True):  # the build task is queued after the commit
        response = client.post(f"/collections/{collection.pk}/build/", {"format": "docx"}, follow=True)
    assert response.status_code == 200
    build = collection.builds.get()
    assert build.state == "done"
    download = client.get(f"/collections/builds/{build.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment")
    headings = [plain(p.text) for p in Document(io.BytesIO(download.getvalue())).paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == [f"1. {practices[1].title}", f"2. {practices[0].title}"]
    progress = client.get(f"/collections/builds/{build.pk}/")
    assert "hx-get" not in progress.content.decode() and "Скачать DOCX" in progress.content.decode()
    client.post(f"/collections/{collection.pk}/publish/")
    collection.refresh_from_db()
    assert collection.state == CollectionState.PUBLISHED
    assert client_for(None).get(f"/collections/builds/{build.pk}/download/").status_code == 200


def test_a_running_build_is_polled(school, amursky, methodist, client_for):
    collection = make_collection(amursky, published_practices(school, 1))
    build = collection.builds.create(format="pdf", total=2, done=1, state="running")
    page = client_for(methodist).get(f"/collections/{collection.pk}/").content.decode()
    assert f'hx-get="/collections/builds/{build.pk}/"' in page and "50 %" in page
