"""Comments and ratings of published practices through the API (issue 21): the same services and rules as the
practice page's block — premoderation, the authors' answers, abuse reports, moderation, "authors never rate their
own practice". Пётр (`teacher`) entered the practice; Ирина (`orgadmin`) heads its school; Лариса (`methodist`)
moderates Amursky; Вера (`other_methodist`) moderates Vyselki only."""

from __future__ import annotations

import pytest

from innoinfra.core.models import InstallationSettings
from innoinfra.practices.enums import PracticeState
from innoinfra.translator import services
from innoinfra.translator.models import AbuseReport, Comment, CommentState, Rating
from tests.factories import UserFactory
from tests.practices.factories import make_practice

from .clients import api, logged_in, persona

pytestmark = pytest.mark.django_db

SCORES = {"novelty": 5, "significance": 4, "reproducibility": 3, "description_quality": 4}


@pytest.fixture
def practice(school, teacher):
    return make_practice(school, by=teacher, state=PracticeState.PUBLISHED)


def premoderate(on: bool):
    settings = InstallationSettings.current()
    settings.comments_premoderated = on
    settings.save()


def texts(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["text"] for row in response.json()["results"]]


def test_a_premoderated_comment_waits_and_only_its_author_and_moderators_read_it(practice, expert, methodist):
    premoderate(True)
    response = api(expert).post("/api/v1/practice-comments/", {"practice": practice.pk, "text": " Полезно "})
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == CommentState.PENDING and response.json()["text"] == "Полезно"
    assert texts(api().get("/api/v1/practice-comments/")) == []
    assert texts(api(expert).get("/api/v1/practice-comments/")) == ["Полезно"]
    assert texts(api(methodist).get("/api/v1/practice-comments/?state=pending")) == ["Полезно"]
    published = api(methodist).post(f"/api/v1/practice-comments/{response.json()['id']}/publish/")
    assert published.status_code == 200 and published.json()["state"] == CommentState.PUBLISHED
    assert texts(api().get(f"/api/v1/practice-comments/?practice={practice.pk}")) == ["Полезно"]


def test_bad_comments_are_refused_in_russian(practice, school, teacher, expert):
    client = api(expert)
    assert client.post("/api/v1/practice-comments/", {"practice": practice.pk, "text": "   "}).status_code == 400
    both = client.post("/api/v1/practice-comments/", {"text": "x"})
    assert both.json()["non_field_errors"] == ["Укажите либо практику, либо комментарий, на который вы отвечаете."]
    draft = make_practice(school, by=teacher)
    refused = api(teacher).post("/api/v1/practice-comments/", {"practice": draft.pk, "text": "Черновик"})
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Комментировать можно только опубликованную практику."
    hidden = client.post("/api/v1/practice-comments/", {"practice": draft.pk, "text": "Чужой черновик"})
    assert hidden.status_code == 400 and hidden.json()["detail"] == "Практика не найдена."
    assert api().post("/api/v1/practice-comments/", {"practice": practice.pk, "text": "Аноним"}).status_code in (
        401,
        403,
    )
    assert not Comment.objects.exists()


def test_only_the_practices_side_answers(practice, expert, orgadmin):
    premoderate(False)
    parent = services.comment(practice, by=expert, text="Как оценивали результаты?")
    refused = api(expert).post("/api/v1/practice-comments/", {"parent": parent.pk, "text": "Сам себе"})
    assert refused.status_code == 403
    response = api(orgadmin).post("/api/v1/practice-comments/", {"parent": parent.pk, "text": "Анкетами"})
    assert response.status_code == 201, response.json()
    assert response.json()["parent"] == parent.pk and response.json()["state"] == CommentState.PUBLISHED


@pytest.mark.parametrize(
    ("role", "status"), [("methodist", 200), ("other_methodist", 403), ("expert", 403), ("teacher", 403), (None, 403)]
)
def test_only_the_territorys_moderators_hide(request, practice, expert, role, status):
    premoderate(False)
    comment = services.comment(practice, by=expert, text="Реклама")
    response = api(persona(request, role)).post(f"/api/v1/practice-comments/{comment.pk}/hide/")
    assert response.status_code in ({status, 401} if role is None else {status})
    assert Comment.objects.get(pk=comment.pk).state == (
        CommentState.HIDDEN if status == 200 else CommentState.PUBLISHED
    )


def test_a_reader_reports_a_comment_once(practice, expert, methodist):
    premoderate(False)
    comment = services.comment(practice, by=expert, text="Грубо")
    assert (
        api(methodist).post(f"/api/v1/practice-comments/{comment.pk}/report/", {"reason": "Грубость"}).status_code
        == 201
    )
    again = api(methodist).post(f"/api/v1/practice-comments/{comment.pk}/report/", {})
    assert again.status_code == 400 and again.json()["detail"] == "Вы уже пожаловались на этот комментарий."
    assert AbuseReport.objects.filter(comment=comment).count() == 1


def test_ratings_are_public_as_aggregates_and_replaced_on_a_second_rating(practice, expert, methodist):
    assert api().get(f"/api/v1/practice-ratings/{practice.pk}/").json()["count"] == 0
    assert api(expert).put(f"/api/v1/practice-ratings/{practice.pk}/", SCORES, format="json").status_code == 200
    response = api(methodist).put(f"/api/v1/practice-ratings/{practice.pk}/", SCORES | {"novelty": 1}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 2 and body["own"]["novelty"] == 1
    assert {c["name"]: c["mean"] for c in body["criteria"]}["novelty"] == 3.0
    assert body["overall"] == pytest.approx((5 + 1 + 4 * 2 + 3 * 2 + 4 * 2) / 8)
    public = api().get(f"/api/v1/practice-ratings/{practice.pk}/").json()
    assert public["own"] is None and public["count"] == 2


def test_authors_do_not_rate_and_scores_are_checked(practice, teacher, expert, school):
    assert api(teacher).put(f"/api/v1/practice-ratings/{practice.pk}/", SCORES, format="json").status_code == 403
    bad = api(expert).put(f"/api/v1/practice-ratings/{practice.pk}/", SCORES | {"novelty": 6}, format="json")
    assert bad.status_code == 400 and "novelty" in bad.json()
    assert api().put(f"/api/v1/practice-ratings/{practice.pk}/", SCORES, format="json").status_code in (401, 403)
    draft = make_practice(school, by=teacher)
    assert api(expert).get(f"/api/v1/practice-ratings/{draft.pk}/").status_code == 404
    assert not Rating.objects.exists()


def test_the_comment_list_does_not_query_per_row(practice, methodist, assert_constant_queries):
    premoderate(False)

    def more(count):
        for _ in range(count):
            services.comment(practice, by=UserFactory(), text="Спасибо за опыт")

    assert_constant_queries(logged_in(methodist), "/api/v1/practice-comments/", more, maximum=8)
