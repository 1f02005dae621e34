"""Communities in the API: open ones are public, closed ones are seen by members and staff of the territory."""

from __future__ import annotations

import pytest

from innoinfra.communities import services
from tests.api.clients import api, ids, persona

from .factories import add_member, make_community, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(methodist, teacher, amursky):
    open_ = make_community(methodist, amursky)
    closed = make_community(methodist, amursky, title="Закрытая группа", is_open=False)
    add_member(open_, teacher)
    add_member(closed, teacher)
    discussion = make_post(open_, teacher, title="Как проверять просмотр видео?")
    services.reply(discussion, by=methodist, body="Электронной формой")
    hidden = make_post(open_, teacher, title="Скрытая запись")
    services.set_post_hidden(hidden, True, by=methodist)
    return {"open": open_, "closed": closed}


@pytest.mark.parametrize(
    "role, sees_closed",
    [(None, False), ("teacher", True), ("orgadmin", False), ("methodist", True), ("other_methodist", False)],
)
def test_the_list_follows_the_pages_visibility(role, sees_closed, world, request):
    client = api(persona(request, role))
    expected = {world["open"].pk} | ({world["closed"].pk} if sees_closed else set())
    assert ids(client.get("/api/v1/communities/")) == expected
    status = client.get(f"/api/v1/communities/{world['closed'].pk}/").status_code
    assert status == (200 if sees_closed else 404)


def test_an_anonymous_visitor_reads_an_open_community_with_its_latest_posts(world):
    response = api().get(f"/api/v1/communities/{world['open'].pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Цифровая педагогика"
    assert body["member_count"] == 2 and body["post_count"] == 1
    assert [(p["title"], p["kind_label"], p["reply_count"]) for p in body["latest_posts"]] == [
        ("Как проверять просмотр видео?", "Обсуждение", 1)
    ]


def test_the_api_is_read_only(world, teacher):
    response = api(teacher).post("/api/v1/communities/", {"title": "Моё"}, format="json")
    assert response.status_code in (403, 405)
