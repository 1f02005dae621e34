"""The catalogue's subject and rating facets, the rating order and the organization list that follows the
municipality."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.forms import PracticeFilterForm
from innoinfra.translator import services as translator

from ..factories import OrganizationFactory, UserFactory
from .factories import make_practice

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [practice.title for practice in response.context["page"]]


def rate(practice, mark: int, *, times: int = 1):
    for _ in range(times):
        translator.rate(
            practice,
            by=UserFactory(),
            novelty=mark,
            significance=mark,
            reproducibility=mark,
            description_quality=mark,
        )


def test_subject_rating_and_the_order_by_rating(school, client):
    algebra = make_practice(school, state=S.PUBLISHED, title="Алгебра", subjects="математика, физика")
    poetry = make_practice(school, state=S.PUBLISHED, title="Поэзия", subjects="литература")
    unrated = make_practice(school, state=S.PUBLISHED, title="Без оценок", subjects="музыка")
    rate(algebra, 3, times=2)
    rate(poetry, 5)
    rate(poetry, 4)  # poetry: 4,5 on average

    assert titles(client.get(LIST, {"subject": "математика"})) == ["Алгебра"]
    assert titles(client.get(LIST, {"rating": "4.5"})) == ["Поэзия"]
    assert titles(client.get(LIST, {"rating": "3"})) == ["Поэзия", "Алгебра"]
    # the rated first, best first; practices nobody rated close the list
    assert titles(client.get(LIST, {"sort": "rating"})) == ["Поэзия", "Алгебра", unrated.title]
    assert client.get(LIST, {"rating": "десять"}).context["form"].errors
    assert "оценка 4,5 (2)" in client.get(LIST).content.decode()
    poetry.refresh_from_db()
    assert (poetry.rating, poetry.ratings_count) == (Decimal("4.50"), 2)
    rate(poetry, 1)  # a third teacher: (5 + 4 + 1) / 3
    poetry.refresh_from_db()
    assert (poetry.rating, poetry.ratings_count) == (Decimal("3.33"), 3)


def test_the_organizations_follow_the_municipality_in_a_large_bank(school, amursky, vyselki, client, monkeypatch):
    there = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 5 ст. Выселки")
    make_practice(school, state=S.PUBLISHED, title="Амурская")
    make_practice(there, state=S.PUBLISHED, title="Выселковская")
    make_practice(OrganizationFactory(municipality=amursky, short_name="Без практик"), title="Черновик")

    def choices(data):
        return [label for _value, label in PracticeFilterForm(data).fields["organization"].choices]

    # a small bank lists every organization that has published something, and only those
    assert choices({}) == ["Все организации", school.short_name, there.short_name]
    monkeypatch.setattr(PracticeFilterForm, "ORGANIZATIONS_AT_ONCE", 1)
    assert choices({}) == ["Сначала выберите муниципалитет"]
    assert choices({"municipality": str(vyselki.pk)}) == ["Все организации", there.short_name]
    # a link to one organization's practices keeps working without the municipality
    assert titles(client.get(LIST, {"organization": there.pk})) == ["Выселковская"]
    page = client.get(LIST, {"municipality": vyselki.pk}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="organization-filter" hx-swap-oob="true"' in page and there.short_name in page


def test_found_words_are_marked_in_the_results(school, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(
            school,
            state=S.PUBLISHED,
            title="Сетевые пробы",
            annotation="Профессиональные пробы <b>школьников</b> на инновационных площадках района.",
        )
    page = client.get(LIST, {"q": "инновационная площадка"}).content.decode()
    assert "<mark>инновационных</mark> <mark>площадках</mark>" in page
    assert "&lt;b&gt;школьников&lt;/b&gt;" in page  # the author's text is escaped, only the marks are markup


def test_the_rating_is_kept_on_the_practice_and_orders_the_catalogue(school, client):
    first = make_practice(school, state=S.PUBLISHED, title="Первая")
    second = make_practice(school, state=S.PUBLISHED, title="Вторая")
    teacher = UserFactory()
    marks = dict(novelty=4, significance=4, reproducibility=4, description_quality=4)
    translator.rate(first, by=teacher, **marks)
    first.refresh_from_db()
    assert (first.rating, first.ratings_count) == (Decimal("4.00"), 1)
    assert titles(client.get(LIST, {"sort": "rating"})) == ["Первая", "Вторая"]
    # the same teacher changes the mark: the mean follows, not a second rating
    translator.rate(first, by=teacher, **{**marks, "novelty": 2})
    translator.rate(second, by=UserFactory(), **{name: 5 for name in marks})
    first.refresh_from_db()
    assert (first.rating, first.ratings_count) == (Decimal("3.50"), 1)
    assert titles(client.get(LIST, {"sort": "rating"})) == ["Вторая", "Первая"]


@pytest.mark.parametrize("params", [{"sort": "rating"}, {"sort": "views"}, {}, {"subject": "математика"}])
def test_the_catalogue_costs_the_same_queries_however_large_the_bank(school, client, params, assert_constant_queries):
    def grow(n):
        for i in range(n * 10):
            make_practice(school, state=S.PUBLISHED, title=f"Практика {i}", subjects="математика")

    client.get(LIST)  # the first request of a process caches the installation's settings
    assert_constant_queries(client, f"{LIST}?{urlencode(params)}", grow, maximum=12)


def test_a_bank_larger_than_the_cap_says_more_than_it_in_russian(school, client, monkeypatch):
    from innoinfra.core import fulltext

    monkeypatch.setattr(fulltext, "COUNT_CAP", 3)
    for i in range(5):
        make_practice(school, state=S.PUBLISHED, title=f"Практика {i}")
    response = client.get(LIST)
    assert "Найдено более 3 практик" in response.content.decode()
    assert response.context["page"].paginator.num_pages == 1  # the pages reach the cap's last row: 3 of 20


def test_a_list_found_over_the_cap_is_not_counted_again_for_a_while(school, client, monkeypatch, settings):
    """The catalogue's «более 3» is remembered (core.overcap): the next request lists its page without the count,
    says the same, and a list under the cap (another filter) is still counted exactly."""
    from django.test.utils import CaptureQueriesContext

    from innoinfra.core import fulltext

    monkeypatch.setattr(fulltext, "COUNT_CAP", 3)
    for i in range(5):
        make_practice(school, state=S.PUBLISHED, title=f"Практика {i}", subjects="математика" if i < 4 else "")
    client.get(LIST)  # the first request of a process caches the installation's settings
    with CaptureQueriesContext(connection) as first:
        assert "Найдено более 3 практик" in client.get(LIST, {"subject": "математика"}).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = client.get(LIST, {"subject": "математика"})
    assert "Найдено более 3 практик" in again.content.decode()
    assert len(again.context["page"].object_list) == 3
    assert len(second.captured_queries) == len(first.captured_queries) - 1
    counting = [q["sql"] for q in first.captured_queries if "LIMIT 4" in q["sql"]]  # cap + 1: the capped count
    assert counting and not any("LIMIT 4" in q["sql"] for q in second.captured_queries)
    # under the cap: exact, and exact again after a change
    make_practice(school, state=S.PUBLISHED, title="Физика 1", subjects="физика")
    assert "Найдено практик: 1" in client.get(LIST, {"subject": "физика"}).content.decode()
    make_practice(school, state=S.PUBLISHED, title="Физика 2", subjects="физика")
    assert "Найдено практик: 2" in client.get(LIST, {"subject": "физика"}).content.decode()
    settings.COUNT_OVER_CAP_SECONDS = 0
    assert "Найдено более 3 практик" in client.get(LIST, {"subject": "математика"}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the covering index is PostgreSQL's")
def test_the_capped_total_of_kind_and_level_is_counted_from_the_index_alone(school):
    """The catalogue's total, counted up to the cap, reads no table row for the broad facets (kind, level;
    migration practices 0014): at ten regions «вид + уровень» matches 35 000 practices, each read from the
    table before. So every column of the practices table the count names must be in that index, or each counted row
    is a table read again. Checked on the query and the index themselves: which plan the planner picks for a table
    of one row in a test says nothing about a table of 200 000."""
    import re

    from django.test.utils import CaptureQueriesContext

    from innoinfra.core.lists import CappedPaginator
    from innoinfra.practices import queries

    make_practice(school, state=S.PUBLISHED, kind="methodical", levels="basic,secondary")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indexrelid = 'practice_count_by_kind_idx'::regclass"
        )
        covered = {row[0] for row in cursor.fetchall()}
        # the partial index's own condition (published originals) is answered by the index being used at all
        cursor.execute(
            "SELECT pg_get_expr(indpred, indrelid) FROM pg_index "
            "WHERE indexrelid = 'practice_count_by_kind_idx'::regclass"
        )
        covered |= set(re.findall(r"\w+", cursor.fetchone()[0]))
    for params in ({"kind": "methodical", "level": "basic"}, {"kind": "methodical"}):
        with CaptureQueriesContext(connection) as counted:
            assert CappedPaginator(queries.filter_practices(queries.published(), params), 20).count == 1
        named = set(re.findall(r'"practices_practice"\."(\w+)"', counted.captured_queries[-1]["sql"]))
        assert "kind" in named and ("levels" in named) == ("level" in params)
        assert named - {"id"} <= covered, (params, named - covered)  # id: every index carries the row's address
