"""The data bank through the API: published practices to anyone, filtered as the catalogue."""

import pytest

from innoinfra.practices.enums import PracticeState as S

from ..api.clients import api
from .factories import make_practice

pytestmark = pytest.mark.django_db


def test_anyone_reads_published_practices_with_the_catalogue_filters(
    school, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        published = make_practice(school, state=S.PUBLISHED, title="Проектная деятельность на площадках")
        make_practice(school, state=S.PUBLISHED, title="Другая", annotation="Ранняя профориентация.")
        draft = make_practice(school, title="Черновик о площадках")
    client = api()
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/practices/", {"q": "площадка"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["title"] for row in rows] == [published.title]
    assert rows[0]["registry_number"] == published.registry_number and rows[0]["levels"] == ["basic"]
    assert client.get(f"/api/v1/practices/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/practices/", {"year": "позапрошлый"}).status_code == 400


def test_the_api_does_not_write_practices(school, methodist):
    practice = make_practice(school, state=S.PUBLISHED)
    client = api(methodist)
    assert client.post("/api/v1/practices/", {"title": "Новая"}).status_code in (403, 405)
    assert client.delete(f"/api/v1/practices/{practice.pk}/").status_code in (403, 405)


def test_the_api_gives_the_edition_and_the_expert_conclusion(school, teacher, moderator, expert):
    from innoinfra.practices import services

    from .factories import examine

    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    examine(practice, [expert], by=moderator)
    services.publish(practice, by=moderator)
    make_practice(school, state=S.PUBLISHED, title="Из бумажного архива")
    client = api()
    rows = {row["title"]: row for row in client.get("/api/v1/practices/").json()["results"]}
    assert (rows[practice.title]["version"], rows[practice.title]["expert_score"]) == (1, "8.00")
    assert rows["Из бумажного архива"]["expert_score"] is None
    detail = client.get(f"/api/v1/practices/{practice.pk}/").json()
    assert [v["number"] for v in detail["versions"]] == [1] and detail["expert_conclusion"].startswith("Эксперт 1")
