"""The catalogue searched by a query alone lists practices in the search's order (titles with every word first)
straight from the search's pages; with a filter too, or another order chosen, it lists the intersection by date."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innoinfra.practices.enums import PracticeState as S

from .factories import make_practice

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [practice.title for practice in response.context["page"]]


def selected_sort(response) -> str:
    select = re.search(r'<select name="sort".*?</select>', response.content.decode(), flags=re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


@pytest.fixture
def bank(school, django_capture_on_commit_callbacks):
    """Three published practices, the one naming the query in its title published first (the oldest)."""
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(school, state=S.PUBLISHED, title="Проектная деятельность в начальной школе")
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(
            school,
            state=S.PUBLISHED,
            title="Сетевые пробы",
            kind="methodical",
            annotation="Проектная деятельность школьников на площадках района.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(school, state=S.PUBLISHED, title="Наставничество молодых учителей")


def test_a_query_alone_lists_the_titles_naming_it_first(bank, client):
    response = client.get(LIST, {"q": "проектная деятельность"})
    assert titles(response) == ["Проектная деятельность в начальной школе", "Сетевые пробы"]
    assert selected_sort(response) == ""  # the default order, named for what it is
    assert '<option value="" selected>Сначала подходящие</option>' in response.content.decode()
    # the visitor's own choice of order wins: the newest first
    response = client.get(LIST, {"q": "проектная деятельность", "sort": "new"})
    assert titles(response) == ["Сетевые пробы", "Проектная деятельность в начальной школе"]
    assert selected_sort(response) == "new"


def test_a_filter_beside_the_query_lists_by_date_and_does_not_offer_the_search_order(bank, client):
    # the form as a browser sends it: every field, the empty ones empty
    form = {"q": "проектная деятельность", "kind": "methodical", "level": "", "sort": ""}
    response = client.get(LIST, form)
    assert titles(response) == ["Сетевые пробы"]
    assert "Сначала подходящие" not in response.content.decode()
    assert '<option value="" selected>Сначала новые</option>' in response.content.decode()
    # a link naming an order that does not apply: the filter holds, the order is the newest first
    for sort in ("relevance", "new"):
        response = client.get(LIST, {**form, "sort": sort})
        assert titles(response) == ["Сетевые пробы"] and selected_sort(response) == ""
    # without a query there is no search order to offer
    response = client.get(LIST, {"sort": "relevance"})
    assert len(titles(response)) == 3 and "Сначала подходящие" not in response.content.decode()
    # the search order by its own name, from a link
    response = client.get(LIST, {"q": "проектная деятельность", "sort": "relevance"})
    assert titles(response)[0] == "Проектная деятельность в начальной школе"


def test_the_search_order_reads_a_page_of_matches_not_every_match(bank, client):
    client.get(LIST)  # the installation's settings are read once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"q": "проектная деятельность"})
    assert titles(response) == ["Проектная деятельность в начальной школе", "Сетевые пробы"]
    statements = " ".join(query["sql"] for query in captured.captured_queries)
    # the intersection reads the ids of the matches (core_search_recent_ids on PostgreSQL, a subquery of the
    # entries' object ids on SQLite); the search's own page does not
    assert "object_id FROM core_search" not in statements
    assert "Найдено практик: 2" in response.content.decode()


def test_a_query_over_the_cap_says_more_than_it_and_pages_up_to_it(school, client, monkeypatch):
    from innoinfra.core import fulltext

    monkeypatch.setattr(fulltext, "COUNT_CAP", 3)
    for i in range(5):
        make_practice(school, state=S.PUBLISHED, title=f"Проектная практика {i}")
    fulltext.rebuild(["practice"])
    response = client.get(LIST, {"q": "проектная практика"})
    page = response.content.decode()
    assert "Найдено более 3 практик" in page
    # over the cap the search lists its freshest matches, and the page says so
    assert 'data-testid="search-capped"' in page
    assert len(titles(response)) == 3


def test_the_search_order_costs_the_same_queries_however_many_match(school, client, assert_constant_queries):
    from innoinfra.core import fulltext

    def grow(n):
        for i in range(n * 10):
            make_practice(school, state=S.PUBLISHED, title=f"Проектная практика {i}")
        fulltext.rebuild(["practice"])

    client.get(LIST)
    assert_constant_queries(client, f"{LIST}?q=проектная", grow, maximum=10)
