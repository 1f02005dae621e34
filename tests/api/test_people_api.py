"""Resources issue 21 adds to the API, per role: users and their roles, one's own notifications, effectiveness
criteria and scores, community posts; and the contract's fixed points (a huge id in a filter is a Russian 400)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.communities.models import Community, Post, Reply
from innoinfra.core.models import Notification
from innoinfra.effectiveness.models import CriteriaSet, Criterion
from tests.factories import MembershipFactory, UserFactory

from .clients import api, ids, logged_in, persona

pytestmark = pytest.mark.django_db
HUGE = 2**70

# ---------------------------------------------------------------- users


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 403), ("teacher", 403), ("orgadmin", 403), ("expert", 403), ("methodist", 200), ("authority", 200)],
)
def test_only_staff_list_users(request, who, status, teacher):
    response = api(persona(request, who)).get("/api/v1/users/")
    assert response.status_code == status
    if status == 403 and who:
        assert response.json()["detail"] == "Список пользователей доступен сотрудникам органа управления и методистам."


def test_staff_see_their_territory_with_roles_and_never_a_password(methodist, teacher, other_methodist):
    body = api(methodist).get("/api/v1/users/").json()
    assert {row["username"] for row in body["results"]} == {"larisa", "petr"}  # not Vera of another district
    petr = next(row for row in body["results"] if row["username"] == "petr")
    assert [(m["role"], m["role_label"], m["active"]) for m in petr["memberships"]] == [("teacher", "Педагог", True)]
    assert "password" not in petr
    assert api(methodist).get(f"/api/v1/users/{other_methodist.pk}/").status_code == 404


def test_the_user_list_costs_the_same_for_more_users(methodist, school):
    client = logged_in(methodist)

    def teachers(numbers):
        for n in numbers:
            user = UserFactory(username=f"t{n}", organization=school)
            MembershipFactory(user=user, role=Role.TEACHER, organization=school)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/users/").status_code == 200
        return len(captured)

    teachers(range(2))
    few = queries()
    teachers(range(2, 8))
    assert queries() == few


@pytest.mark.parametrize("who", ["teacher", "expert", "methodist"])
def test_everyone_signed_in_reads_themself(request, who):
    user = persona(request, who)
    body = api(user).get("/api/v1/users/me/").json()
    assert (body["id"], body["username"]) == (user.pk, user.username)
    assert body["memberships"][0]["role"] == user.memberships.get().role


def test_anonymous_has_no_me():
    assert api().get("/api/v1/users/me/").status_code == 403


# ---------------------------------------------------------------- notifications


def test_notifications_are_ones_own_and_marked_read(teacher, methodist):
    mine = Notification.objects.create(user=teacher, title="Заявка принята", key="a")
    Notification.objects.create(user=teacher, title="Прочитано", key="b", read_at=timezone.now())
    theirs = Notification.objects.create(user=methodist, title="Чужое", key="c")
    client = api(teacher)
    assert ids(client.get("/api/v1/notifications/?unread=true")) == {mine.pk}
    assert len(ids(client.get("/api/v1/notifications/"))) == 2
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    answer = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert answer.status_code == 200 and answer.json()["is_read"] is True
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api(methodist).post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api().get("/api/v1/notifications/").status_code == 403


# ---------------------------------------------------------------- effectiveness


@pytest.fixture
def criteria(amursky, methodist):
    criteria_set = CriteriaSet.objects.create(title="Критерии Амурска", municipality=amursky, first_year=2024)
    Criterion.objects.create(
        criteria_set=criteria_set, position=1, title="Доля выполненных пунктов", formula="plan_items_done / plan_items_due",
        target=Decimal("1"), weight=Decimal("2"),
    )  # fmt: skip
    return criteria_set


@pytest.mark.parametrize(("who", "status"), [(None, 403), ("teacher", 403), ("expert", 403), ("methodist", 200)])
def test_effectiveness_is_for_staff(request, who, status, criteria):
    client = api(persona(request, who))
    assert client.get("/api/v1/effectiveness-criteria/").status_code == status
    assert client.get("/api/v1/effectiveness-scores/?year=2024").status_code == status


def test_staff_read_their_criteria_and_scores(methodist, other_methodist, criteria, school):
    body = api(methodist).get(f"/api/v1/effectiveness-criteria/{criteria.pk}/").json()
    assert [c["title"] for c in body["criteria"]] == ["Доля выполненных пунктов"]
    assert api(other_methodist).get(f"/api/v1/effectiveness-criteria/{criteria.pk}/").status_code == 404
    scores = api(methodist).get("/api/v1/effectiveness-scores/?year=2024").json()
    assert scores["year"] == 2024
    assert all(row["criteria_set"] == criteria.pk for row in scores["rows"])


def test_a_year_out_of_range_is_a_russian_400(methodist, criteria):
    response = api(methodist).get("/api/v1/effectiveness-scores/?year=99999")
    assert response.status_code == 400
    assert "year" in response.json()


# ---------------------------------------------------------------- community posts


@pytest.fixture
def communities(amursky, teacher):
    open_one = Community.objects.create(title="Открытое", municipality=amursky, is_open=True)
    closed = Community.objects.create(title="Закрытое", municipality=amursky, is_open=False)
    public = Post.objects.create(community=open_one, author=teacher, title="Новость", body="Текст")
    Reply.objects.create(post=public, author=teacher, body="Видимый ответ")
    Reply.objects.create(post=public, author=teacher, body="Скрытый ответ", is_hidden=True)
    hidden = Post.objects.create(community=open_one, author=teacher, title="Скрыта", body="…", is_hidden=True)
    private = Post.objects.create(community=closed, author=teacher, title="Своим", body="…")
    return public, hidden, private


def test_posts_follow_community_visibility(communities, methodist):
    public, hidden, private = communities
    assert ids(api().get("/api/v1/community-posts/")) == {public.pk}
    assert ids(api(methodist).get("/api/v1/community-posts/")) == {public.pk, private.pk}  # staff of the territory
    assert api().get(f"/api/v1/community-posts/{private.pk}/").status_code == 404
    assert api().get(f"/api/v1/community-posts/{hidden.pk}/").status_code == 404
    detail = api().get(f"/api/v1/community-posts/{public.pk}/").json()
    assert [reply["body"] for reply in detail["replies"]] == ["Видимый ответ"]
    assert detail["reply_count"] == 1


# ---------------------------------------------------------------- huge ids (the OverflowError of the first run)


@pytest.mark.parametrize(
    "url", ["/api/v1/reviews/?call={}", "/api/v1/decisions/?meeting={}", "/api/v1/occurrences/?plan={}",
            "/api/v1/community-posts/?community={}"],
)  # fmt: skip
def test_a_huge_id_in_a_filter_is_a_russian_400(methodist, url):
    response = api(methodist).get(url.format(HUGE))
    assert response.status_code == 400
    [messages] = response.json().values()
    assert messages[0].startswith("Такого номера нет: ожидается целое число от 1 до")
