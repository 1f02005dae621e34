"""Editions of a published practice: a new edition is prepared aside, passes the expertise, then replaces the text
of the practice — same page, same registry number — while every published edition stays readable."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from innoinfra.core.errors import ServiceError
from innoinfra.practices import queries, services
from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice, PracticeVersion

from .factories import examine, make_practice

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")


@pytest.fixture
def published(school, teacher, moderator, expert):
    practice = make_practice(school, by=teacher, state=S.SUBMITTED, title="Первая редакция")
    examine(practice, [expert], by=moderator)
    return services.publish(practice, by=moderator)


def titles(response) -> list[str]:
    return [p.title for p in response.context["page"]]


def test_a_new_edition_replaces_the_text_only_when_published(published, teacher, moderator, expert, client):
    number = published.registry_number
    revision = services.start_revision(published, by=teacher)
    assert (revision.state, revision.revision_of, revision.registry_number) == (S.DRAFT, published, None)
    assert revision.created_by == teacher and revision.title == published.title
    services.update_practice(revision, by=teacher, title="Вторая редакция", results="Новые результаты.")
    # the public page and the catalogue are unchanged while the edition is prepared and examined
    assert client.get(published.get_absolute_url()).context["practice"].title == "Первая редакция"
    assert client.get(revision.get_absolute_url()).status_code == 404
    services.submit(revision, by=teacher)
    examine(revision, [expert], by=moderator, values=(2, 2, 2, 2, 2))
    assert client.get(published.get_absolute_url()).context["practice"].title == "Первая редакция"
    assert titles(client.get(LIST)) == ["Первая редакция"]

    result = services.publish(revision, by=moderator)
    assert result.pk == published.pk
    published.refresh_from_db()
    revision.refresh_from_db()
    assert (published.title, published.results, published.registry_number) == (
        "Вторая редакция",
        "Новые результаты.",
        number,
    )
    assert published.state == S.PUBLISHED and published.expert_score == 10
    assert revision.state == S.MERGED and revision.registry_number is None
    assert [v.number for v in published.versions.all()] == [1, 2]
    first, second = published.versions.all()
    assert (first.snapshot["title"], second.snapshot["title"]) == ("Первая редакция", "Вторая редакция")
    assert first.expert_score == 8 and second.expert_score == 10
    assert titles(client.get(LIST)) == ["Вторая редакция"]  # one row, at the same address
    assert client.get(revision.get_absolute_url()).status_code == 404  # the merged row is kept, not shown


def test_old_editions_stay_readable(published, teacher, moderator, expert, client):
    revision = services.start_revision(published, by=teacher)
    services.update_practice(revision, by=teacher, title="Вторая редакция")
    services.submit(revision, by=teacher)
    examine(revision, [expert], by=moderator)
    services.publish(revision, by=moderator)
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Редакция 1" in page and "Редакция 2" in page
    old = client.get(reverse("practices:version", args=[published.pk, 1]))
    assert old.status_code == 200
    text = old.content.decode()
    assert "Первая редакция" in text and "одна из прежних редакций" in text and "Экспертное заключение" in text
    assert "действующая редакция" in client.get(reverse("practices:version", args=[published.pk, 2])).content.decode()
    assert client.get(reverse("practices:version", args=[published.pk, 3])).status_code == 404
    services.withdraw(published, by=moderator)
    assert client.get(reverse("practices:version", args=[published.pk, 1])).status_code == 404


def test_only_one_edition_at_a_time(published, teacher):
    revision = services.start_revision(published, by=teacher)
    with pytest.raises(ServiceError, match="уже готовится"):
        services.start_revision(published, by=teacher)
    with pytest.raises(ServiceError):
        services.start_revision(revision, by=teacher)  # no edition of an edition
    assert Practice.objects.filter(revision_of=published).count() == 1
    # the database says so too
    with pytest.raises(IntegrityError):
        Practice.objects.create(
            revision_of=published,
            state=S.DRAFT,
            title="Ещё одна",
            kind=published.kind,
            authors="А",
            organization=published.organization,
            municipality=published.municipality,
            annotation="А",
        )


def test_a_rejected_edition_frees_the_way_for_another(published, teacher, moderator):
    revision = services.start_revision(published, by=teacher)
    services.submit(revision, by=teacher)
    services.reject(revision, comment="Изменения не улучшают практику.", by=moderator)
    assert Practice.objects.get(pk=published.pk).state == S.PUBLISHED
    assert services.start_revision(published, by=teacher).pk != revision.pk


def test_the_catalogue_never_lists_edition_rows(published, teacher, moderator, expert, client):
    revision = services.start_revision(published, by=teacher)
    # even a row forced into the published state stays out of the catalogue, the API and «similar»
    Practice.objects.filter(pk=revision.pk).update(state=S.PUBLISHED)
    assert list(queries.published()) == [published]
    assert titles(client.get(LIST)) == [published.title]
    assert [p["id"] for p in client.get("/api/v1/practices/").json()["results"]] == [published.pk]


def test_editions_from_the_pages(published, teacher, orgadmin, moderator, client_for):
    author = client_for(teacher)
    page = author.get(published.get_absolute_url()).content.decode()
    assert "Новая редакция" in page
    assert "Новая редакция" not in client_for().get(published.get_absolute_url()).content.decode()
    assert client_for(moderator).post(reverse("practices:revise", args=[published.pk])).status_code == 403
    response = author.post(reverse("practices:revise", args=[published.pk]))
    revision = Practice.objects.get(revision_of=published)
    assert response.url == reverse("practices:edit", args=[revision.pk])
    assert author.get(response.url).status_code == 200
    # the school's head sees the edition in the works from the practice page
    assert revision.get_absolute_url() in client_for(orgadmin).get(published.get_absolute_url()).content.decode()
    again = author.post(reverse("practices:revise", args=[published.pk]), follow=True)
    assert "уже готовится" in again.content.decode()
    assert Practice.objects.filter(revision_of=published).count() == 1


def test_a_withdrawn_practice_gets_no_new_edition_published(published, teacher, moderator, expert):
    revision = services.start_revision(published, by=teacher)
    services.submit(revision, by=teacher)
    examine(revision, [expert], by=moderator)
    services.withdraw(published, by=moderator)
    with pytest.raises(ServiceError, match="снята с публикации"):
        services.publish(revision, by=moderator)
    assert Practice.objects.get(pk=revision.pk).state == S.UNDER_EXPERTISE
    assert PracticeVersion.objects.filter(practice=published).count() == 1
