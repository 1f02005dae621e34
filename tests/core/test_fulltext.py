"""The global search, on whichever database the suite runs (CI runs it on SQLite and on PostgreSQL): the same
corpus and queries must give the same results on both."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    assert found("дорожная карта") == [("legal", "Об утверждении дорожной карты развития инновационной инфраструктуры")]
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


def test_entries_deleted_past_the_index_functions_are_neither_found_nor_counted(corpus):
    # `manage.py flush` (after every transactional test) and a raw DELETE go straight to the entries' table: on SQLite
    # the FTS5 rows must go with them, or the count, taken from the FTS5 table alone, counts what no longer exists
    assert fulltext.search("площадка").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_searchentry WHERE kind = %s", ["legal"])
    hits = fulltext.search("площадка")
    assert (hits.count(), [entry.kind for entry in hits]) == (1, ["site"])
    assert fulltext.counts_by_kind("площадка") == {"site": 1}


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


def test_the_count_comes_with_the_first_page_in_one_query(corpus, django_assert_num_queries):
    hits = fulltext.search("инновационный")
    with django_assert_num_queries(1):
        assert hits.count() == 4
        first = [entry.title for entry in hits[:20]]
    # every title names the word: the freshest change first, the oldest last
    assert first[0] == "Функциональная грамотность на инновационных площадках района"
    assert first[-1] == "Об утверждении Порядка формирования инновационной инфраструктуры в системе образования"
    assert len(first) == 4


def test_a_later_page_costs_one_query_more_and_continues_the_order(corpus, monkeypatch, django_assert_num_queries):
    from django.core.paginator import Paginator

    whole = [entry.pk for entry in fulltext.search("инновационный")]
    monkeypatch.setattr(fulltext.Hits, "FIRST", 2)  # the first page comes with the count: here, two entries
    with django_assert_num_queries(2):
        page = Paginator(fulltext.search("инновационный"), 2).get_page(2)
        assert [entry.pk for entry in page] == whole[2:4]
    with django_assert_num_queries(1):
        assert [entry.pk for entry in Paginator(fulltext.search("инновационный"), 2).get_page(1)] == whole[:2]


def test_the_counts_by_kind_are_one_query(corpus, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert fulltext.counts_by_kind("инновационный") == {"legal": 3, "site": 1}
    with django_assert_num_queries(0):
        assert fulltext.counts_by_kind("и или") == {}  # stop words alone ask nothing


def _nested_plans(run) -> list[str]:
    """The plans PostgreSQL made while `run()` ran, the statements inside SQL functions included (auto_explain,
    told to report to this session instead of the server's log)."""
    plans: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("LOAD 'auto_explain'")
        for setting, value in [
            ("auto_explain.log_min_duration", "0"),
            ("auto_explain.log_nested_statements", "on"),
            ("auto_explain.log_level", "notice"),
            ("client_min_messages", "notice"),
        ]:
            cursor.execute("SELECT set_config(%s, %s, true)", [setting, value])  # true: this transaction only
    handler = lambda diagnostic: plans.append(diagnostic.message_primary)  # noqa: E731
    connection.connection.add_notice_handler(handler)
    try:
        run()
    finally:
        connection.connection.remove_notice_handler(handler)
    return plans


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's; FTS5 has but one")
def test_without_statistics_the_search_walks_the_gin_index_once(corpus):
    # the entries were just written and nothing analyzed them: the state of a server right after a bulk load
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'core_searchentry' AND attname = 'document'")
        assert cursor.fetchone()[0] == 0
    hits = fulltext.search("инновационная площадка")
    plans = _nested_plans(lambda: (hits.count(), fulltext.counts_by_kind("инновационная площадка")))
    matching = [plan for plan in plans if "e.document @@ query" in plan]
    assert len(matching) == 2, plans  # once for the page and its count, once for the counts by kind
    for plan in matching:
        assert "Bitmap Index Scan on core_searchentry_document" in plan, plan
        assert "Seq Scan" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_the_catalogue_does_not_search_once_per_practice_without_statistics(amursky):
    from innoinfra.practices import queries
    from innoinfra.practices.enums import PracticeState

    from ..practices.factories import make_practice

    school = OrganizationFactory(municipality=amursky)
    for n in range(6):
        make_practice(school, state=PracticeState.PUBLISHED, title=f"Цифровая образовательная среда № {n}")
    fulltext.rebuild(["practice"])
    practices = queries.filter_practices(queries.published(), {"q": "цифровая среда"})
    sql, params = practices.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        plan = [row[0] for row in cursor.fetchall()]
    # the old subquery was joined by a nested loop that searched the index anew for every published practice
    assert all("loops=1)" in line for line in plan if "core_searchentry" in line), "\n".join(plan)
    assert practices.count() == 6


def test_more_matches_than_the_cap_are_counted_as_the_cap_and_listed_freshest_first(
    corpus, monkeypatch, django_assert_max_num_queries
):
    """A broad query at a country's scale: the count stops at the cap and the page is the freshest matches."""
    exact = fulltext.search("инновационный")
    assert exact.count() == 4 and not exact.capped  # under the cap: exact count, every title word first
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    hits = fulltext.search("инновационный")
    with django_assert_max_num_queries(2):  # PostgreSQL: one statement; SQLite: the capped one, then the freshest
        assert hits.count() == 2
        assert hits.capped
        first = [entry.pk for entry in hits[:2]]
    assert (
        first
        == sorted(SearchEntry.objects.filter(pk__in=[e.pk for e in exact[:4]]).values_list("pk", flat=True))[::-1][:2]
    )
    # each kind is counted up to the cap: more than it is cap + 1
    assert fulltext.counts_by_kind("инновационный") == {"legal": 3, "site": 1}


def test_more_matches_of_one_kind_than_the_cap_list_the_freshest_of_that_kind(
    corpus, monkeypatch, django_assert_max_num_queries
):
    """Over the cap a search of one kind walks that kind's entries alone (PostgreSQL: its own index): a newer entry
    of another kind neither shows nor takes a place on the page."""
    from innoinfra.registry.models import Site

    site = SearchEntry.objects.get(kind="site")
    fulltext.index(Site.objects.filter(pk=site.object_id), "site")  # the newest entry of all
    assert SearchEntry.objects.latest("pk").kind == "site"
    legal = list(SearchEntry.objects.filter(kind="legal").order_by("-pk").values_list("pk", flat=True))
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    hits = fulltext.search("инновационный", kind="legal")
    with django_assert_max_num_queries(2):
        assert hits.count() == 2 and hits.capped
        assert [entry.pk for entry in hits[:2]] == legal[:2]
    assert [entry.pk for entry in hits._page(2, 1)] == legal[1:3]  # a later page walks on from its offset


def test_the_search_page_says_more_than_the_cap_in_russian(corpus, client, monkeypatch):
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    page = client.get("/search/", {"q": "инновационный"}).content.decode()
    assert "Найдено более 2 записей, показаны самые свежие" in page
    assert "более 2</span>" in page  # the tab of the normative documents: 3 of them, counted to the cap
    assert "Страница 1 из 1" not in page and len(page.split('<li class="mb-3">')) == 3  # two results on page 1


def test_a_query_found_over_the_cap_is_not_counted_again_for_a_while(corpus, monkeypatch, settings):
    """Knowing that a broad query is over the cap reads every match; the answer is kept (core.overcap), so its next
    pages and the next visitor only list the freshest — the same rows as when it was counted."""
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    counted = fulltext.search("инновационный")
    assert counted.count() == 2 and counted.capped
    first = [entry.pk for entry in counted[:2]]
    with CaptureQueriesContext(connection) as later:
        again = fulltext.search("инновационный")
        assert again.count() == 2 and again.capped
        assert [entry.pk for entry in again[:2]] == first
    assert len(later.captured_queries) == 1  # the freshest page alone: no count, on either engine
    assert "count(" not in later.captured_queries[0]["sql"].lower()
    assert "core_search_page" not in later.captured_queries[0]["sql"]
    # each kind's tab: the kind over the cap is not counted again, the others are
    assert fulltext.counts_by_kind("инновационный") == {"legal": 3, "site": 1}
    with CaptureQueriesContext(connection) as tabs:
        assert fulltext.counts_by_kind("инновационный") == {"legal": 3, "site": 1}
    assert "'legal'" not in tabs.captured_queries[0]["sql"] and "klegal" not in tabs.captured_queries[0]["sql"]


def test_a_count_under_the_cap_is_never_kept(corpus, settings, django_capture_on_commit_callbacks):
    """Exact counts must see a change at once: only «over the cap» is remembered."""
    assert fulltext.search("инновационный").count() == 4
    with django_capture_on_commit_callbacks(execute=True):
        make_document(number="99", title="Об инновационных проектах школ")
    assert fulltext.search("инновационный").count() == 5


def test_with_no_time_to_keep_it_a_broad_query_is_counted_every_time(corpus, monkeypatch, settings):
    settings.COUNT_OVER_CAP_SECONDS = 0
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    first = fulltext.search("инновационный")
    assert first.count() == 2 and first.capped
    with CaptureQueriesContext(connection) as again:
        assert fulltext.search("инновационный").count() == 2
    # the statement that counts and ranks (PostgreSQL's function; SQLite's ranked matches up to the cap)
    assert any("core_search_page" in q["sql"] or "in_title" in q["sql"] for q in again.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite narrows by a subquery, with no list to keep")
def test_a_broad_querys_freshest_matches_are_kept_until_the_index_changes(
    corpus, monkeypatch, django_capture_on_commit_callbacks
):
    """A catalogue narrowing a broad query by a filter reads the ids of its freshest matches; the next filter over the
    same query takes the kept list, and a new entry in the index names a new one (it is never staler than that)."""
    monkeypatch.setattr(fulltext, "COUNT_CAP", 2)
    documents = LegalDocument.objects.all()

    def narrowed():
        with CaptureQueriesContext(connection) as captured:
            hits = fulltext.search("инновационный", kind="legal")
            found = set(hits.narrow(documents).values_list("pk", flat=True))
        read = any("core_search_recent_ids" in query["sql"] for query in captured.captured_queries)
        return found, hits.capped, read

    first, capped, read = narrowed()
    assert capped and read and len(first) == 2
    # known to be broad now: the next request reads the list once more and keeps it, the one after takes it
    assert narrowed() == (first, True, True)
    assert narrowed() == (first, True, False)
    with django_capture_on_commit_callbacks(execute=True):
        newest = make_document(number="99", title="Об инновационных проектах школ")
    after, capped, read = narrowed()
    assert read and capped and newest.pk in after  # the index changed: read anew, the new document among them
