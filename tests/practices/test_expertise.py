"""The expertise of a practice through the review engine: the data-bank call, the experts, the moderator's decision."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError
from innoinfra.practices import services
from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice
from innoinfra.review import services as review_services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import CallPurpose, StageKind

from ..factories import MembershipFactory, OrganizationFactory, UserFactory
from .factories import examine, expert_of, make_practice, score

pytestmark = pytest.mark.django_db


def state_of(practice) -> str:
    return Practice.objects.get(pk=practice.pk).state


def test_the_whole_way_from_submission_to_the_bank(school, teacher, moderator, expert, amursky):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED, results="Выросли результаты диагностики.")
    second = expert_of(amursky, "second")
    services.send_to_expertise(practice, by=moderator)
    practice.refresh_from_db()
    application = practice.expertise
    call = application.call
    # the territory's data-bank call, made on first need: published, its expertise open the whole year
    assert (call.purpose, call.municipality, call.is_published) == (CallPurpose.DATABANK, amursky, True)
    stage = call.stages.get()
    year = timezone.localdate().year
    assert (stage.kind, stage.starts_on.year, stage.ends_on.month, stage.ends_on.day) == (
        StageKind.REVIEW,
        year,
        12,
        31,
    )
    assert call.rubric.name == "Экспертиза материалов для банка данных" and call.rubric.max_total == 10
    assert all(len(c.levels) == 3 for c in call.rubric.criteria.all())
    assert expert in call.panel.all()
    assert (practice.state, application.state) == (S.UNDER_EXPERTISE, AS.UNDER_REVIEW)
    assert (application.lead_organization, application.theme) == (school, practice.title)
    assert "Выросли результаты" in application.passport["expected_results"]

    first_assignment = review_services.assign(application, expert)
    second_assignment = review_services.assign(application, second)
    # not yet: a Russian refusal, and nothing changes
    with pytest.raises(ServiceError, match="оценки отправили 0 из 2 экспертов"):
        services.publish(practice, by=moderator)
    score(first_assignment, [2, 2, 2, 2, 2], conclusion="Сильная практика.")
    with pytest.raises(ServiceError, match="1 из 2"):
        services.publish(practice, by=moderator)
    after = Practice.objects.get(pk=practice.pk)
    assert (after.state, after.registry_number, after.published_at) == (S.UNDER_EXPERTISE, None, None)
    assert not after.versions.exists()

    score(second_assignment, [2, 1, 1, 1, 1], conclusion="Нужно больше данных.", recommendation="revise")
    application.refresh_from_db()
    assert application.state == AS.REVIEWED
    services.publish(practice, by=moderator)
    practice.refresh_from_db()
    application.refresh_from_db()
    assert practice.state == S.PUBLISHED and practice.registry_number.startswith("БД-")
    assert application.state == AS.RECOMMENDED
    assert (practice.expert_score, practice.expert_max) == (Decimal("8.00"), Decimal("10.00"))
    assert practice.expert_recommendation == "«Рекомендовать» — 1; «Рекомендовать после доработки» — 1"
    assert practice.expert_conclusion.startswith("Эксперт 1 — 10 из 10 баллов, «Рекомендовать».\nСильная практика.")
    assert "Эксперт 2 — 6 из 10 баллов" in practice.expert_conclusion
    assert expert.last_name not in practice.expert_conclusion  # anonymised
    version = practice.versions.get()
    assert (version.number, version.expert_score, version.published_by) == (1, Decimal("8.00"), moderator)
    assert version.snapshot["title"] == practice.title and version.snapshot["registry_number"]

    # the next practice of the territory goes to the same call
    other = make_practice(school, state=S.SUBMITTED, title="Другая практика")
    services.send_to_expertise(other, by=moderator)
    assert Practice.objects.get(pk=other.pk).expertise.call == call


def test_the_practice_page_shows_the_conclusion_and_the_edition(school, teacher, expert, moderator, client):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    examine(practice, [expert], by=moderator)
    services.publish(practice, by=moderator)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Экспертное заключение" in page and "8 из 10 баллов" in page and "Эксперт 1" in page
    assert "Редакция 1" in page and expert.last_name not in page


@pytest.mark.parametrize(
    ("close", "after_review", "application_state"),
    [
        (services.return_for_revision, False, AS.WITHDRAWN),
        (services.return_for_revision, True, AS.NOT_RECOMMENDED),
        (services.reject, False, AS.WITHDRAWN),
        (services.reject, True, AS.REJECTED),
    ],
)
def test_returning_or_rejecting_closes_the_expertise(school, moderator, expert, close, after_review, application_state):
    practice = make_practice(school, state=S.SUBMITTED)
    if after_review:
        examine(practice, [expert], by=moderator)
    else:
        services.send_to_expertise(practice, by=moderator)
        practice.refresh_from_db()
    with pytest.raises(ServiceError, match="комментарий"):
        close(practice, comment="", by=moderator)
    assert state_of(practice) == S.UNDER_EXPERTISE
    close(practice, comment="Добавьте данные диагностики.", by=moderator)
    practice.refresh_from_db()
    assert practice.state in (S.RETURNED, S.REJECTED) and practice.moderator_comment == "Добавьте данные диагностики."
    assert practice.expertise.state == application_state


def test_a_returned_practice_goes_to_a_new_expertise(school, teacher, moderator, expert):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    examine(practice, [expert], by=moderator)
    first = practice.expertise
    services.return_for_revision(practice, comment="Опишите условия.", by=moderator)
    services.update_practice(practice, by=teacher, conditions="Два обученных педагога.")
    services.submit(practice, by=teacher)
    examine(practice, [expert], by=moderator)
    assert practice.expertise != first and practice.expertise.call == first.call
    services.publish(practice, by=moderator)
    assert state_of(practice) == S.PUBLISHED


# ---------------------------------------------------------------- who may


def moderator_of(municipality, username="vasilisa"):
    user = UserFactory(username=username)
    MembershipFactory(user=user, role=Role.MODERATOR, municipality=municipality)
    return user


def test_the_moderator_is_no_staff(moderator, amursky, client_for):
    scope = scope_of(moderator)
    assert not scope.is_staff and scope.is_moderator and scope.moderates(amursky.pk)
    assert scope.moderated_municipalities == frozenset({amursky.pk})
    client = client_for(moderator)
    assert client.get(reverse("practices:moderation")).status_code == 200
    assert client.get(reverse("translator:moderation")).status_code == 200
    assert client.get(reverse("registry:site_create")).status_code == 403
    assert client.get(reverse("review:call_create")).status_code == 403


def test_a_regional_moderator_moderates_every_municipality_of_the_region(amursky, vyselki):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.MODERATOR, region=vyselki.region)
    scope = scope_of(user)
    assert scope.moderates(vyselki.pk) and not scope.moderates(amursky.pk) and not scope.is_staff


@pytest.mark.parametrize(
    ("role", "status", "moves"),
    [
        ("moderator", 302, True),  # the moderator of the territory
        ("methodist", 302, True),  # staff of the territory moderate too
        ("vyselki_moderator", 404, False),  # another municipality: the practice is not even seen
        ("teacher", 403, False),  # the author sees it, may not moderate it
        ("expert", 404, False),
    ],
)
def test_who_sends_to_expertise(role, status, moves, school, teacher, vyselki, client_for, request):
    user = moderator_of(vyselki) if role == "vyselki_moderator" else request.getfixturevalue(role)
    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    response = client_for(user).post(reverse("practices:send_to_expertise", args=[practice.pk]))
    assert response.status_code == status
    assert state_of(practice) == (S.UNDER_EXPERTISE if moves else S.SUBMITTED)


@pytest.mark.parametrize(
    ("state", "sees"),
    [(S.DRAFT, False), (S.SUBMITTED, True), (S.RETURNED, True), (S.REJECTED, True), (S.WITHDRAWN, True)],
)
def test_a_moderator_sees_no_drafts(state, sees, school, moderator, client_for):
    practice = make_practice(school, state=state)
    assert client_for(moderator).get(practice.get_absolute_url()).status_code == (200 if sees else 404)


def test_the_moderator_decides_after_the_expertise(school, teacher, moderator, vyselki, expert, client_for):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    examine(practice, [expert], by=moderator)
    assert client_for(teacher).post(reverse("practices:publish", args=[practice.pk])).status_code == 403
    assert client_for(moderator_of(vyselki)).post(reverse("practices:publish", args=[practice.pk])).status_code == 404
    assert state_of(practice) == S.UNDER_EXPERTISE
    client_for(moderator).post(reverse("practices:publish", args=[practice.pk]))
    assert state_of(practice) == S.PUBLISHED
    client_for(moderator).post(reverse("practices:withdraw", args=[practice.pk]))
    assert state_of(practice) == S.WITHDRAWN


def test_publishing_too_early_says_why_in_russian(school, moderator, client_for):
    practice = make_practice(school, state=S.SUBMITTED)
    services.send_to_expertise(practice, by=moderator)
    response = client_for(moderator).post(reverse("practices:publish", args=[practice.pk]), follow=True)
    assert "эксперты ещё не назначены" in response.content.decode()
    assert state_of(practice) == S.UNDER_EXPERTISE


def test_the_expert_reads_the_unpublished_practice_only_while_assigned(school, moderator, expert, amursky, client_for):
    practice = make_practice(school, state=S.SUBMITTED)
    other = expert_of(amursky, "second")
    url = practice.get_absolute_url()
    assert client_for(expert).get(url).status_code == 404
    services.send_to_expertise(practice, by=moderator)
    practice.refresh_from_db()
    assert client_for(expert).get(url).status_code == 404  # not assigned
    assignment = review_services.assign(practice.expertise, expert)
    assert client_for(expert).get(url).status_code == 200
    assignment_page = client_for(expert).get(reverse("review:assignment", args=[assignment.pk])).content.decode()
    assert url in assignment_page  # the expert reaches the practice from the scoring form
    review_services.decline(assignment, by=expert, reason="Нет времени")
    assert client_for(expert).get(url).status_code == 404  # declined: no longer
    review_services.assign(practice.expertise, other)
    assert client_for(other).get(url).status_code == 200
    services.return_for_revision(practice, comment="Дополните.", by=moderator)
    assert client_for(other).get(url).status_code == 404  # the expertise is over


# ---------------------------------------------------------------- the queue


def test_the_moderation_queue_has_three_sections(school, moderator, expert, vyselki, client_for):
    waiting = make_practice(school, state=S.SUBMITTED, title="Ждёт")
    examined = make_practice(school, state=S.SUBMITTED, title="Оценивается")
    services.send_to_expertise(examined, by=moderator)
    examined.refresh_from_db()
    review_services.assign(examined.expertise, expert)
    done = make_practice(school, state=S.SUBMITTED, title="Оценена")
    examine(done, [expert], by=moderator)
    make_practice(OrganizationFactory(municipality=vyselki), state=S.SUBMITTED, title="Чужая")
    make_practice(school, title="Черновик")
    response = client_for(moderator).get(reverse("practices:moderation"))
    sections = {code: [p.title for p in rows] for code, _title, _hint, rows in response.context["sections"]}
    assert sections == {"waiting": [waiting.title], "expertise": [examined.title], "decide": [done.title]}
    page = response.content.decode()
    assert "оценки: 0 из 1" in page and "оценки: 1 из 1" in page
    assert "Экспертиза завершена — нужно решение" in page


def test_the_moderation_queue_runs_a_constant_number_of_queries(
    school, moderator, amursky, client_for, assert_constant_queries
):
    experts = [expert_of(amursky, "first"), expert_of(amursky, "second")]

    def grow(n):
        for _ in range(n):
            make_practice(school, state=S.SUBMITTED)
            examined = make_practice(school, state=S.SUBMITTED)
            services.send_to_expertise(examined, by=moderator)
            examined.refresh_from_db()
            review_services.assign(examined.expertise, experts[0])
            done = make_practice(school, state=S.SUBMITTED)
            examine(done, experts, by=moderator)

    client = client_for(moderator)
    client.get(reverse("practices:moderation"))
    assert_constant_queries(client, reverse("practices:moderation"), grow, maximum=12)


def test_the_moderator_moderates_comments_of_the_territory(school, moderator, vyselki, client_for):
    from innoinfra.translator.models import Comment, CommentState

    practice = make_practice(school, state=S.PUBLISHED)
    comment = Comment.objects.create(practice=practice, author=UserFactory(), text="Спам", state=CommentState.PENDING)
    queue = client_for(moderator).get(reverse("translator:moderation"))
    assert list(queue.context["comments"]) == [comment]
    assert not list(client_for(moderator_of(vyselki)).get(reverse("translator:moderation")).context["comments"])
    refused = client_for(moderator_of(vyselki, "other")).post(reverse("translator:hide", args=[comment.pk]))
    assert refused.status_code == 403
    client_for(moderator).post(reverse("translator:hide", args=[comment.pk]))
    assert Comment.objects.get(pk=comment.pk).state == CommentState.HIDDEN


def test_the_moderator_hears_when_the_experts_are_done(
    school, teacher, moderator, expert, methodist, mailoutbox, django_capture_on_commit_callbacks
):
    from innoinfra.core.models import Notification

    practice = make_practice(school, by=teacher, state=S.SUBMITTED)
    services.send_to_expertise(practice, by=moderator)
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # the letters go once the transaction is through
        score(review_services.assign(practice.expertise, expert), [2, 2, 2, 1, 1])
    told = Notification.objects.filter(title=f"Экспертиза практики «{practice.title}» завершена")
    # the moderator and the methodist of the territory, each once, led to the practice's page where they decide
    assert sorted(told.values_list("user__username", flat=True)) == sorted([moderator.username, methodist.username])
    assert {n.url for n in told} == {practice.get_absolute_url()}
    assert any(practice.title in message.subject for message in mailoutbox)
