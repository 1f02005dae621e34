import pytest
from django.urls import reverse

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.practices.enums import PracticeState
from innoinfra.translator import services
from innoinfra.translator.models import AbuseReport, Comment, CommentState, Rating

from ..factories import UserFactory
from ..practices.factories import make_practice

pytestmark = pytest.mark.django_db

SCORES = {"novelty": 5, "significance": 4, "reproducibility": 3, "description_quality": 4}


@pytest.fixture
def practice(school, teacher):
    return make_practice(school, by=teacher, state=PracticeState.PUBLISHED)


def postmoderated():
    settings = InstallationSettings.current()
    settings.comments_premoderated = False
    settings.save()


def rate_url(practice):
    return reverse("translator:rate", args=[practice.pk])


def comment_url(practice):
    return reverse("translator:comment", args=[practice.pk])


@pytest.mark.parametrize(
    ("role", "rates"),
    [
        ("anonymous", False),
        ("teacher", False),  # entered the practice
        ("orgadmin", True),
        ("methodist", True),
        ("expert", True),
        ("other_methodist", True),
    ],
)
def test_who_rates_a_practice(role, rates, practice, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).post(rate_url(practice), SCORES)
    assert response.status_code == (302 if rates or user is None else 403)
    assert Rating.objects.filter(practice=practice).exists() == rates


def test_a_named_author_does_not_rate_but_anyone_else_rates_once_and_may_change(school, orgadmin, client_for):
    practice = make_practice(school, state=PracticeState.PUBLISHED, authors="Иванова Ирина Сергеевна, директор")
    assert client_for(orgadmin).post(rate_url(practice), SCORES).status_code == 403
    reader = UserFactory(first_name="Мария", last_name="Смирнова")
    client = client_for(reader)
    client.post(rate_url(practice), SCORES)
    client.post(rate_url(practice), SCORES | {"novelty": 2})
    rating = Rating.objects.get()
    assert (rating.user, rating.novelty, rating.significance) == (reader, 2, 4)


def test_an_incomplete_rating_and_a_draft_are_refused(school, teacher, expert):
    draft = make_practice(school, by=teacher)
    with pytest.raises(ServiceError):
        services.rate(draft, by=expert, **SCORES)
    published = make_practice(school, by=teacher, state=PracticeState.PUBLISHED)
    with pytest.raises(ServiceError):
        services.rate(published, by=expert, **(SCORES | {"novelty": 6}))
    with pytest.raises(ServiceError):
        services.rate(published, by=teacher, **SCORES)
    assert not Rating.objects.exists()


def test_the_page_shows_the_aggregates_computed_independently(practice, client):
    raters = [UserFactory() for _ in range(3)]
    given = [
        {"novelty": 5, "significance": 5, "reproducibility": 4, "description_quality": 3},
        {"novelty": 4, "significance": 3, "reproducibility": 4, "description_quality": 5},
        {"novelty": 3, "significance": 4, "reproducibility": 1, "description_quality": 5},
    ]
    for user, scores in zip(raters, given, strict=True):
        services.rate(practice, by=user, **scores)
    response = client.get(practice.get_absolute_url())
    ratings = response.context["translator"]["ratings"]
    means = {c["name"]: c["mean"] for c in ratings["criteria"]}
    assert ratings["count"] == 3
    assert means == pytest.approx(
        {"novelty": 4, "significance": 4, "reproducibility": 3, "description_quality": 13 / 3}
    )
    assert ratings["overall"] == pytest.approx(sum(sum(s.values()) for s in given) / 12)
    html = response.content.decode()
    assert "Средняя оценка: 3,8" in html and "(оценок: 3)" in html  # 46 / 12


def test_the_anonymous_do_not_comment(practice, client):
    response = client.post(comment_url(practice), {"text": "Аноним"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Comment.objects.exists()


def test_under_premoderation_a_comment_waits_for_the_methodist_of_the_territory(
    practice, expert, methodist, other_methodist, client_for
):
    client_for(expert).post(comment_url(practice), {"text": "Интересная модель, спасибо!"})
    comment = Comment.objects.get()
    assert comment.state == CommentState.PENDING
    assert "Интересная модель" not in client_for().get(practice.get_absolute_url()).content.decode()
    assert list(client_for(methodist).get(reverse("translator:moderation")).context["comments"]) == [comment]
    assert list(client_for(other_methodist).get(reverse("translator:moderation")).context["comments"]) == []
    publish = reverse("translator:publish", args=[comment.pk])
    assert client_for(other_methodist).post(publish).status_code == 403
    assert client_for(expert).post(publish).status_code == 403
    client_for(methodist).post(publish)
    assert Comment.objects.get().state == CommentState.PUBLISHED
    assert "Интересная модель" in client_for().get(practice.get_absolute_url()).content.decode()
    client_for(methodist).post(reverse("translator:hide", args=[comment.pk]))
    assert "Интересная модель" not in client_for().get(practice.get_absolute_url()).content.decode()


def test_under_postmoderation_a_comment_is_published_at_once(practice, expert, client_for):
    postmoderated()
    client_for(expert).post(comment_url(practice), {"text": "Сразу видно"})
    assert Comment.objects.get().state == CommentState.PUBLISHED
    assert "Сразу видно" in client_for().get(practice.get_absolute_url()).content.decode()


def test_an_empty_comment_and_a_draft_are_refused(school, teacher, expert):
    postmoderated()
    published = make_practice(school, by=teacher, state=PracticeState.PUBLISHED)
    with pytest.raises(ServiceError):
        services.comment(published, by=expert, text="   ")
    with pytest.raises(ServiceError):
        services.comment(make_practice(school, by=teacher), by=expert, text="Черновик")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("role", "answers"),
    [("teacher", True), ("orgadmin", True), ("methodist", False), ("expert", False), ("other_methodist", False)],
)
def test_only_the_practice_side_answers(role, answers, practice, client_for, request):
    postmoderated()
    question = services.comment(practice, by=UserFactory(), text="Как организовать работу групп?")
    user = request.getfixturevalue(role)
    response = client_for(user).post(reverse("translator:answer", args=[question.pk]), {"text": "В парах."})
    assert response.status_code == (302 if answers else 403)
    assert Comment.objects.filter(parent=question).exists() == answers
    if answers:
        assert "В парах." in client_for().get(practice.get_absolute_url()).content.decode()


def test_three_reports_send_a_comment_back_to_moderation(practice, methodist, client_for):
    postmoderated()
    author = UserFactory()
    comment = services.comment(practice, by=author, text="Грубость")
    with pytest.raises(ServiceError):
        services.report_abuse(comment, by=author)
    reporters = [UserFactory() for _ in range(3)]
    for number, reporter in enumerate(reporters, start=1):
        client_for(reporter).post(reverse("translator:report", args=[comment.pk]), {"reason": "Оскорбление"})
        comment.refresh_from_db()
        assert comment.state == (CommentState.PENDING if number == 3 else CommentState.PUBLISHED)
    with pytest.raises(ServiceError):
        services.report_abuse(comment, by=reporters[0])
    queue = client_for(methodist).get(reverse("translator:moderation"))
    assert [(c, c.open_reports) for c in queue.context["comments"]] == [(comment, 3)]
    client_for(methodist).post(reverse("translator:hide", args=[comment.pk]), {"next": "moderation"})
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert not AbuseReport.objects.filter(resolved=False).exists()
    assert list(client_for(methodist).get(reverse("translator:moderation")).context["comments"]) == []


def test_the_moderation_page_is_for_staff(teacher, client_for):
    assert client_for(teacher).get(reverse("translator:moderation")).status_code == 403


def test_a_draft_page_has_no_expertise_block(school, teacher, client_for):
    draft = make_practice(school, by=teacher)
    response = client_for(teacher).get(draft.get_absolute_url())
    assert response.context["translator"] is None and 'id="expertise"' not in response.content.decode()


def test_the_installation_settings_page_shows_the_moderation_mode(admin_user, client_for):
    assert "comments_premoderated" in client_for(admin_user).get(reverse("settings")).content.decode()


def test_the_practice_page_runs_a_constant_number_of_queries(practice, expert, client_for, assert_constant_queries):
    postmoderated()
    side = practice.created_by

    def grow(n):
        for _ in range(n):
            user = UserFactory()
            services.rate(practice, by=user, **SCORES)
            question = services.comment(practice, by=user, text="Вопрос")
            services.answer(question, by=side, text="Ответ")

    # 17: the practice's editions are listed too
    assert_constant_queries(client_for(expert), practice.get_absolute_url(), grow, maximum=17)


def test_the_moderation_page_runs_a_constant_number_of_queries(
    practice, methodist, client_for, assert_constant_queries
):
    def grow(n):
        for _ in range(n):
            comment = services.comment(practice, by=UserFactory(), text="Ждёт")
            Comment.objects.filter(pk=comment.pk).update(state=CommentState.PUBLISHED)
            AbuseReport.objects.create(comment=comment, reporter=UserFactory(), reason="Спам")

    assert_constant_queries(client_for(methodist), reverse("translator:moderation"), grow, maximum=9)
