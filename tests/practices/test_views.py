import pytest
from django.urls import reverse

from innoinfra.core import fulltext
from innoinfra.practices.enums import PracticeKind
from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice
from innoinfra.review.services import assign

from ..factories import DirectionFactory, OrganizationFactory
from .factories import make_practice, score

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")


def titles(response) -> list[str]:
    return [practice.title for practice in response.context["page"]]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("teacher", True),  # the author
        ("orgadmin", True),  # the head of the author's school
        ("methodist", True),
        ("authority", True),
        ("other_methodist", False),  # staff of another territory
        ("expert", False),
        ("admin_user", True),
    ],
)
def test_a_draft_is_seen_only_by_its_authors_and_the_methodists(role, sees, school, teacher, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    draft = make_practice(school, by=teacher)
    response = client_for(user).get(draft.get_absolute_url())
    assert response.status_code == (200 if sees else 404)
    edit = client_for(user).get(reverse("practices:edit", args=[draft.pk]))
    assert edit.status_code == (200 if sees else 302 if user is None else 404)


@pytest.mark.parametrize("state", [S.PUBLISHED, S.WITHDRAWN])
def test_published_practices_are_public_withdrawn_ones_hidden(state, school, client):
    practice = make_practice(school, state=state)
    response = client.get(practice.get_absolute_url())
    assert response.status_code == (200 if state == S.PUBLISHED else 404)
    assert Practice.objects.get(pk=practice.pk).views == (1 if state == S.PUBLISHED else 0)


def test_an_author_submits_and_the_methodist_publishes(school, teacher, methodist, other_methodist, expert, client_for):
    author, moderator = client_for(teacher), client_for(methodist)
    response = author.post(
        reverse("practices:create"),
        {
            "title": "Читательская грамотность на уроках истории",
            "kind": PracticeKind.METHODICAL,
            "authors": "Петров Пётр Петрович, учитель истории, МБОУ СОШ № 1",
            "organization": school.pk,
            "levels": ["basic", "secondary"],
            "annotation": "Приёмы смыслового чтения исторических источников.",
            "description": "Система заданий по работе с текстом.",
            "licence": "cc-by-4.0",
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.levels == "basic,secondary"
    assert author.post(reverse("practices:submit", args=[practice.pk])).status_code == 302
    assert client_for(other_methodist).post(reverse("practices:publish", args=[practice.pk])).status_code == 404
    assert author.post(reverse("practices:publish", args=[practice.pk])).status_code == 403
    moderation = moderator.get(reverse("practices:moderation"))
    assert list(moderation.context["practices"]) == [practice]
    moderator.post(reverse("practices:return", args=[practice.pk]), {"comment": ""})
    assert Practice.objects.get(pk=practice.pk).state == S.SUBMITTED  # no comment, nothing changed
    moderator.post(reverse("practices:publish", args=[practice.pk]))
    assert Practice.objects.get(pk=practice.pk).state == S.SUBMITTED  # publication only after the expertise
    moderator.post(reverse("practices:send_to_expertise", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.state == S.UNDER_EXPERTISE
    assign(practice.expertise, expert)
    score(practice.expertise.assignments.get(), [2, 2, 2, 1, 1])
    moderator.post(reverse("practices:publish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.state == S.PUBLISHED and practice.registry_number
    assert titles(client_for().get(LIST)) == [practice.title]


def test_an_organization_chosen_must_be_ones_own(school, teacher, amursky, client_for):
    stranger = OrganizationFactory(municipality=amursky, short_name="Чужая школа")
    response = client_for(teacher).post(
        reverse("practices:create"),
        {"title": "Т", "kind": "other", "authors": "А", "organization": stranger.pk, "annotation": "А"},
    )
    assert response.status_code == 400 and not Practice.objects.exists()


def test_my_practices_lists_the_teachers_and_the_schools(school, teacher, orgadmin, client_for):
    mine = make_practice(school, by=teacher, title="Моя")
    make_practice(OrganizationFactory(), title="Чужая")
    assert titles(client_for(teacher).get(reverse("practices:mine"))) == [mine.title]
    assert titles(client_for(orgadmin).get(reverse("practices:mine"))) == [mine.title]


def test_the_catalogue_shows_only_published_practices_and_filters_them(school, amursky, vyselki, client):
    stem = DirectionFactory(name="STEM-образование")
    make_practice(school, state=S.DRAFT, title="Черновик")
    make_practice(school, state=S.SUBMITTED, title="На модерации")
    make_practice(school, state=S.WITHDRAWN, title="Снятая")
    model = make_practice(school, state=S.PUBLISHED, title="Модель", directions=[stem])
    scenario = make_practice(
        OrganizationFactory(municipality=vyselki),
        state=S.PUBLISHED,
        title="Сценарий",
        kind=PracticeKind.SCENARIO,
        levels="primary,basic",
    )
    assert titles(client.get(LIST)) == ["Сценарий", "Модель"]
    assert titles(client.get(LIST, {"kind": PracticeKind.SCENARIO})) == ["Сценарий"]
    assert titles(client.get(LIST, {"level": "primary"})) == ["Сценарий"]
    assert titles(client.get(LIST, {"level": "basic"})) == ["Сценарий", "Модель"]
    assert titles(client.get(LIST, {"direction": stem.pk})) == ["Модель"]
    assert titles(client.get(LIST, {"municipality": amursky.pk})) == ["Модель"]
    assert titles(client.get(LIST, {"organization": scenario.organization_id})) == ["Сценарий"]
    year = model.published_at.year
    assert len(titles(client.get(LIST, {"year": year}))) == 2
    assert titles(client.get(LIST, {"year": year - 1})) == []
    Practice.objects.filter(pk=model.pk).update(views=10)
    assert titles(client.get(LIST, {"sort": "views"})) == ["Модель", "Сценарий"]


def test_the_search_finds_other_word_forms(school, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(school, state=S.PUBLISHED, title="Проектная деятельность на инновационных площадках")
        make_practice(school, state=S.PUBLISHED, title="Читательская грамотность", annotation="Смысловое чтение.")
        make_practice(school, state=S.SUBMITTED, title="Работа площадки (ещё не опубликована)")
    assert titles(client.get(LIST, {"q": "площадка"})) == ["Проектная деятельность на инновационных площадках"]
    assert titles(client.get(LIST, {"q": "инновационный"})) == ["Проектная деятельность на инновационных площадках"]
    assert titles(client.get(LIST, {"q": "смысловым чтением"})) == ["Читательская грамотность"]
    both = ["Читательская грамотность", "Проектная деятельность на инновационных площадках"]
    assert titles(client.get(LIST, {"q": "грамотностью"})) == both  # the title's match first


def test_the_index_follows_the_lifecycle(school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(school, state=S.SUBMITTED, title="Модель наставничества молодых педагогов")
    assert not fulltext.search("наставничество", kind="practice").exists()
    from innoinfra.practices import services

    with django_capture_on_commit_callbacks(execute=True):
        services.register_examined(practice)
    assert [e.object_id for e in fulltext.search("наставничество", kind="practice")] == [practice.pk]


def test_similar_practices_share_a_direction_or_the_kind(school, client):
    reading = DirectionFactory(name="Читательская грамотность")
    practice = make_practice(school, state=S.PUBLISHED, title="Первая", directions=[reading])
    make_practice(school, state=S.PUBLISHED, title="Та же тема", kind=PracticeKind.OTHER, directions=[reading])
    make_practice(school, state=S.PUBLISHED, title="Тот же вид")
    make_practice(school, state=S.PUBLISHED, title="Ничего общего", kind=PracticeKind.PROGRAM)
    make_practice(school, state=S.DRAFT, title="Черновик того же вида")
    similar = [p.title for p in client.get(practice.get_absolute_url()).context["similar"]]
    assert sorted(similar) == ["Та же тема", "Тот же вид"]


def test_the_catalogue_runs_a_constant_number_of_queries(school, client, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_practice(OrganizationFactory(), state=S.PUBLISHED)

    client.get(LIST)  # the first request of the test fills caches of the whole site
    assert_constant_queries(client, LIST, grow, maximum=8)
    assert_constant_queries(client, LIST + "?q=грамотность&level=basic", grow, maximum=8)
