"""Community pages per role. The people: Лариса (methodist of Amursky) created both communities and moderates
them; Пётр (teacher) is a member of both; Ирина (orgadmin) is a teacher of the same school who is a member of
neither; Вера (other_methodist) runs Vyselki, not Amursky; an anonymous visitor reads open communities only."""

from __future__ import annotations

import pytest

from innoinfra.communities import services
from innoinfra.communities.enums import MemberState
from innoinfra.communities.models import Community, CommunityMember, Post, Reply
from innoinfra.core.models import InstallationSettings

from .factories import add_member, checklist, make_community, make_post

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "orgadmin", "methodist", "other_methodist"]


@pytest.fixture
def world(methodist, teacher, amursky):
    open_ = make_community(methodist, amursky)
    closed = make_community(methodist, amursky, title="Творческая группа учителей физики", is_open=False)
    for community in (open_, closed):
        add_member(community, teacher)
    posts = {}
    for name, community in (("open", open_), ("closed", closed)):
        post = make_post(
            community, teacher, title=f"Обсуждение ({name})", material_title="Чек-лист", material_file=checklist()
        )
        services.reply(post, by=methodist, body="Хороший вопрос")
        posts[name] = post
    return {"open": open_, "closed": closed, "posts": posts}


def _client(role, request, client_for):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


# who may read: (role → status) for the open and the closed community
READ = {
    "anonymous": (200, 404),
    "teacher": (200, 200),
    "orgadmin": (200, 404),
    "methodist": (200, 200),
    "other_methodist": (200, 404),
}


@pytest.mark.parametrize("role", ROLES)
def test_reading_follows_openness_membership_and_territory(role, world, request, client_for):
    client = _client(role, request, client_for)
    for index, kind in enumerate(("open", "closed")):
        community, post = world[kind], world["posts"][kind]
        expected = READ[role][index]
        assert client.get(community.get_absolute_url()).status_code == expected, (kind, "feed")
        assert client.get(post.get_absolute_url()).status_code == expected, (kind, "post")
        material = post.materials.get()
        response = client.get(material.get_absolute_url())
        assert response.status_code == expected, (kind, "material")
        if expected == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content) == b"%PDF-1.4 checklist"


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_closed_communities_to_their_readers_only(role, world, request, client_for):
    response = _client(role, request, client_for).get("/communities/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Цифровая педагогика" in text
    assert ("Творческая группа учителей физики" in text) == (READ[role][1] == 200)


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("teacher", 200), ("orgadmin", 403), ("methodist", 200), ("other_methodist", 403)],
)
def test_the_new_post_form_is_for_members(role, status, world, request, client_for):
    response = _client(role, request, client_for).get(f"/communities/{world['open'].pk}/posts/new/")
    assert response.status_code == status


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("teacher", 403), ("orgadmin", 200), ("methodist", 200), ("other_methodist", 200)],
)
def test_staff_and_heads_of_schools_create_communities_teachers_do_not(role, status, world, request, client_for):
    assert _client(role, request, client_for).get("/communities/new/").status_code == status


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("teacher", 403), ("orgadmin", 403), ("methodist", 302), ("other_methodist", 403)],
)
def test_hiding_a_post_is_for_moderators_and_staff_of_the_territory(role, status, world, request, client_for):
    post = world["posts"]["open"]
    response = _client(role, request, client_for).post(f"/communities/posts/{post.pk}/hide/", {"hidden": "1"})
    assert response.status_code == status
    assert Post.objects.get(pk=post.pk).is_hidden == (status == 302 and role != "anonymous")


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("teacher", 302), ("orgadmin", 403), ("methodist", 302), ("other_methodist", 403)],
)
def test_members_reply_others_are_refused(role, status, world, request, client_for):
    post = world["posts"]["open"]
    response = _client(role, request, client_for).post(f"/communities/posts/{post.pk}/reply/", {"body": "Согласна"})
    assert response.status_code == status
    assert Reply.objects.filter(post=post, body="Согласна").exists() == (role in ("teacher", "methodist"))


@pytest.mark.parametrize("role", ["teacher", "orgadmin", "methodist", "other_methodist"])
def test_the_members_page_shows_requests_to_moderators_only(role, world, request, client_for, amursky):
    applicant = request.getfixturevalue("expert")
    services.join(world["closed"], user=applicant)
    response = _client(role, request, client_for).get(f"/communities/{world['closed'].pk}/members/")
    if READ[role][1] == 404:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert ("Заявки на вступление" in response.content.decode()) == (role == "methodist")


def test_anonymous_visitors_are_sent_to_log_in_for_members_and_my_communities(world, client):
    for url in (f"/communities/{world['open'].pk}/members/", "/communities/mine/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_teacher_joins_an_open_community_and_sets_a_weekly_digest(world, orgadmin, client_for):
    client = client_for(orgadmin)
    community = world["open"]
    response = client.post(f"/communities/{community.pk}/join/", follow=True)
    assert "Вы вступили в сообщество" in response.content.decode()
    client.post(f"/communities/{community.pk}/digest/", {"digest": "weekly"})
    member = CommunityMember.objects.get(community=community, user=orgadmin)
    assert member.digest == "weekly" and member.last_digest_at is not None
    assert "Цифровая педагогика" in client.get("/communities/mine/").content.decode()
    response = client.post(f"/communities/{community.pk}/leave/", follow=True)
    assert "Вы вышли из сообщества" in response.content.decode()


def test_a_moderator_approves_a_request_from_the_members_page(world, methodist, orgadmin, client_for):
    member = services.join(world["closed"], user=orgadmin)
    response = client_for(methodist).post(f"/communities/members/{member.pk}/approve/", follow=True)
    assert "принят(а) в сообщество" in response.content.decode()
    assert CommunityMember.objects.get(pk=member.pk).state == MemberState.ACTIVE


def test_vera_of_vyselki_may_not_approve_amursky_requests(world, other_methodist, orgadmin, client_for):
    member = services.join(world["open"], user=orgadmin)
    services.remove_member(member, by=None)
    member = services.join(world["closed"], user=orgadmin)
    assert client_for(other_methodist).post(f"/communities/members/{member.pk}/approve/").status_code == 404
    assert CommunityMember.objects.get(pk=member.pk).state == MemberState.REQUESTED


def test_a_member_publishes_a_discussion_with_a_material(world, teacher, client_for):
    client = client_for(teacher)
    response = client.post(
        f"/communities/{world['open'].pk}/posts/new/",
        {
            "kind": "discussion",
            "title": "Цифровое портфолио ученика",
            "body": "Кто ведёт?\n\nПоделитесь шаблоном.",
            "material_title": "Шаблон портфолио",
            "material_file": checklist("portfolio.pdf"),
        },
        follow=True,
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Запись опубликована" in text
    assert "<p>Кто ведёт?</p>" in text and "Шаблон портфолио" in text


def test_hostile_input_is_shown_escaped(world, teacher, client_for):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    post = make_post(world["open"], teacher, title=hostile, body=hostile)
    services.reply(post, by=teacher, body=hostile)
    for url in (post.get_absolute_url(), world["open"].get_absolute_url()):
        text = client_for(teacher).get(url).content.decode()
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;" in text


def test_a_hidden_post_is_seen_by_moderators_and_its_author_only(world, methodist, teacher, orgadmin, client_for):
    post = world["posts"]["open"]
    services.set_post_hidden(post, True, by=methodist)
    assert client_for(orgadmin).get(post.get_absolute_url()).status_code == 404
    assert client_for(None).get(post.get_absolute_url()).status_code == 404
    assert client_for(teacher).get(post.get_absolute_url()).status_code == 200
    assert "скрыта" in client_for(methodist).get(world["open"].get_absolute_url()).content.decode()
    assert post.title not in client_for(orgadmin).get(world["open"].get_absolute_url()).content.decode()


def test_the_list_runs_the_same_queries_for_one_and_for_three_communities(
    methodist, teacher, amursky, client_for, assert_constant_queries
):
    InstallationSettings.current()  # the first page of all creates it

    def grow(n):
        for _ in range(n):
            community = make_community(methodist, amursky, title=f"Сообщество № {Community.objects.count()}")
            add_member(community, teacher)
            make_post(community, teacher)

    assert_constant_queries(client_for(teacher), "/communities/", grow, maximum=12)
    assert_constant_queries(client_for(teacher), "/communities/mine/", grow, maximum=12)
    assert_constant_queries(client_for(None), "/communities/", grow, maximum=8)


def test_the_feed_runs_the_same_queries_for_one_and_for_three_posts(
    world, methodist, teacher, client_for, assert_constant_queries
):
    community = world["open"]
    InstallationSettings.current()  # the first page of all creates it

    def grow(n):
        for _ in range(n):
            post = make_post(community, teacher, material_title="Файл", material_file=checklist())
            services.reply(post, by=methodist, body="Ответ")

    assert_constant_queries(client_for(teacher), community.get_absolute_url(), grow, maximum=15)
    post = world["posts"]["open"]

    def grow_replies(n):
        for _ in range(n):
            services.reply(post, by=teacher, body="Ещё ответ")

    assert_constant_queries(client_for(teacher), post.get_absolute_url(), grow_replies, maximum=15)


def test_a_moderator_sends_the_community_to_the_archive(world, methodist, client_for):
    community = world["open"]
    data = {
        "title": community.title,
        "description": "Итоги работы подведены.",
        "municipality": community.municipality_id,
    }
    data.update(is_open="on", is_archived="on")
    response = client_for(methodist).post(f"/communities/{community.pk}/edit/", data, follow=True)
    assert "Сведения о сообществе сохранены" in response.content.decode()
    community.refresh_from_db()
    assert community.is_archived and community.description == "Итоги работы подведены."
    assert "Новая запись" not in response.content.decode()


def test_a_head_of_school_creates_a_community_of_her_territory_and_moderates_it(orgadmin, amursky, client_for):
    client = client_for(orgadmin)
    response = client.post(
        "/communities/new/",
        {"title": "Классные руководители", "municipality": amursky.pk, "is_open": "on"},
        follow=True,
    )
    assert "Сообщество создано" in response.content.decode()
    member = CommunityMember.objects.get(user=orgadmin)
    assert member.is_moderator and member.community.title == "Классные руководители"


def test_the_list_shows_members_posts_and_last_activity_in_russian(world, client_for):
    from django.utils import timezone

    from innoinfra.core.dates import russian_date

    text = client_for(None).get("/communities/").content.decode()
    assert "2 участника · 1 запись" in " ".join(text.split())
    assert f"последняя активность {russian_date(timezone.now())}" in " ".join(text.split())
