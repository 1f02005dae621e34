"""The global search, on whichever database the suite runs (CI runs it on SQLite and on PostgreSQL): the same
corpus and queries must give the same results on both."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from innoinfra.core import fulltext
from innoinfra.core.models import SearchEntry
from innoinfra.legal.models import LegalDocument
from innoinfra.reference.models import Organization

from ..factories import OrganizationFactory, make_site
from ..legal.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(amursky):
    documents = {
        "order": make_document(
            title="Об утверждении Порядка формирования инновационной инфраструктуры в системе образования"
        ),
        "regulation": make_document(
            number="45",
            title="Положение о муниципальных инновационных площадках",
            summary="Порядок присвоения статуса площадки и отчётности площадок.",
        ),
        "roadmap": make_document(
            number="172-Д",
            title="Об утверждении дорожной карты развития инновационной инфраструктуры",
            keywords="дорожная карта, сетевое взаимодействие",
        ),
    }
    # the freshest change last: recency breaks ties between equally good matches
    for n, document in enumerate(documents.values()):
        LegalDocument.objects.filter(pk=document.pk).update(updated_at=timezone.now() - dt.timedelta(days=10 - n))
    site = make_site(
        organization=OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8"),
        theme="Функциональная грамотность на инновационных площадках района",
    )
    fulltext.rebuild()
    return {**documents, "site": site}


def found(query, **kwargs):
    return [(entry.kind, entry.title) for entry in fulltext.search(query, **kwargs)]


def test_the_fleeting_vowel_of_the_genitive_plural_is_found_both_ways(corpus):
    # «площадка» → площадк, «площадок» → площадок; «порядок» → порядок, «порядка» → порядк
    titles = [title for _kind, title in found("отчётность площадок")]
    assert titles == [title for _kind, title in found("отчётность площадка")] != []
    assert fulltext.snippet("Статус площадок района", "площадка") == "Статус <mark>площадок</mark> района"


def test_word_forms_find_each_other(corpus):
    # «площадка» finds «площадках» and «площадок»; «инновационной» finds «инновационных»
    titles = [title for _kind, title in found("площадка")]
    assert "Положение о муниципальных инновационных площадках" in titles
    assert "Функциональная грамотность на инновационных площадках района" in titles
    assert len(found("инновационной инфраструктурой")) == 2


def test_every_word_must_be_found_and_title_matches_come_first(corpus):
    assert found("дорожная карта") == [
        ("legal", "Об утверждении дорожной карты развития инновационной инфраструктуры")
    ]
    # both orders name «инфраструктура» in the title: the fresher first; the regulation names «порядок» only in
    # its summary, so it follows them
    assert found("порядок") == [
        ("legal", "Об утверждении Порядка формирования инновационной инфраструктуры в системе образования"),
        ("legal", "Положение о муниципальных инновационных площадках"),
    ]
    assert found("площадка гимназия") == [("site", "Функциональная грамотность на инновационных площадках района")]
    assert found("площадка космодром") == []


def test_kinds_are_counted_and_filtered(corpus):
    assert fulltext.counts_by_kind("инновационный") == {"legal": 3, "site": 1}
    assert [kind for kind, _title in found("инновационный", kind="site")] == ["site"]


def test_hostile_or_empty_queries_find_nothing_and_break_nothing(corpus):
    for query in ("", "   ", '"', "AND OR NOT", "площад* NEAR(", "'; DROP TABLE core_searchentry; --", "{title}:"):
        assert isinstance(found(query), list)
    assert found('"площадка"') == found("площадка")
    assert SearchEntry.objects.count() == 4 + Organization.objects.count()


def test_saving_and_deleting_keep_the_index_current(corpus, django_capture_on_commit_callbacks):
    document = corpus["regulation"]
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Положение о сетевых стажировочных площадках"
        document.save()
    assert ("legal", "Положение о сетевых стажировочных площадках") in found("стажировочная")
    document.delete()
    assert found("стажировочная") == []


def test_a_snippet_marks_the_words_found_and_escapes_the_rest():
    text = "Опыт <b>школы</b>: инновационные площадки района и их сетевое взаимодействие с вузами."
    piece = fulltext.snippet(text, "площадка взаимодействия")
    assert "<mark>площадки</mark>" in piece and "<mark>взаимодействие</mark>" in piece
    assert "&lt;b&gt;" in piece and "<b>" not in piece


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's")
def test_a_typo_in_a_title_still_finds_it_on_postgresql(corpus):
    assert ("organization", "МБОУ Гимназия № 8") in found("Гимназия № 8 МБОУ")
    assert found("Положение о муниципальных инновационных площадкох")[0][1] == (
        "Положение о муниципальных инновационных площадках"
    )


def test_the_search_page_shows_counts_by_kind_and_marked_snippets(corpus, client):
    page = client.get("/search/?q=инновационной+площадки").content.decode()
    assert "Положение о муниципальных инновационных площадках" in page
    assert "<mark>площадки</mark>" in page or "<mark>площадок</mark>" in page
    assert "Площадки <span" in page and "Нормативные документы <span" in page
    only_sites = client.get("/search/?q=инновационной+площадки&kind=site").content.decode()
    assert "Функциональная грамотность на инновационных площадках района" in only_sites
    assert "Положение о муниципальных" not in only_sites
    nothing = client.get("/search/?q=космодром").content.decode()
    assert "Ничего не найдено" in nothing
    assert client.get("/search/?q=%22%27%3B--&kind=nonsense").status_code == 200


def test_the_search_page_runs_no_query_per_result(corpus, client, assert_constant_queries):
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            make_document(number=str(next(counter)), title="Порядок работы инновационной площадки")
        fulltext.rebuild(["legal"])

    assert_constant_queries(client, "/search/?q=инновационная+площадка", grow)


def test_a_surname_is_found_in_either_gender_and_any_case(corpus):
    make_document(number="17", title="О наставничестве", summary="Доклад подготовил Петров Игорь Сергеевич.")
    make_document(number="18", title="О стажировках", summary="Ответственная — Петрова Анна Викторовна.")
    make_document(number="19", title="О мониторинге", summary="Согласовано с Петровой А. В.")
    fulltext.rebuild(["legal"])
    both = ["О мониторинге", "О наставничестве", "О стажировках"]
    for query in ("Петров", "петрова", "Петровой", "Петрову"):
        assert sorted(title for _kind, title in found(query)) == both, query
    assert found("Кузнецов") == []
