"""Every list page issues the same number of queries for one row and for three: nothing runs per row."""

import pytest
from django.urls import reverse

from innoinfra.reference.models import Direction, Municipality
from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..conftest import queries_for
from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow_sites(school):
    """Sites with directions, participants and a state change each: all the related data a row shows."""

    def grow(n):
        for _ in range(n):
            org = OrganizationFactory(municipality=school.municipality)
            site = make_site(
                kind_abbr="ИК",
                organization=org,
                participants=[school],
                directions=[DirectionFactory(), DirectionFactory()],
            )
            services.change_site_state(site, SiteState.SUSPENDED, order=OrderFactory(municipality=school.municipality))

    return grow


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/registry/",
        "/registry/?state=suspended&q=грамотность",
        "/registry/organizations/",
        "/registry/organizations/?with_status=on",
        "/registry/orders/",
    ],
)
def test_public_lists_do_not_query_per_row(client, grow_sites, assert_constant_queries, url):
    assert_constant_queries(client, url, grow_sites, maximum=12)


def test_the_map_rebuilds_its_summary_and_reads_it_in_a_fixed_number_of_queries(client, grow_sites):
    """The map's first request after a change rebuilds the grid summary (registry.mapgrid): one statement per zoom
    band, never per organization; the next one reads the summary."""
    url = "/registry/map/data.json"
    counts = []
    for n in (1, 2):
        grow_sites(n)
        rebuilt = queries_for(client, url)
        read = queries_for(client, url)
        counts.append((rebuilt, read))
    assert counts[0] == counts[1], f"{counts}: a query runs per row"
    assert counts[0][0] <= 30 and counts[0][1] <= 4, counts


def test_the_htmx_block_does_not_query_per_row(client, grow_sites, assert_constant_queries):
    client.defaults["HTTP_HX_REQUEST"] = "true"
    assert_constant_queries(client, "/registry/", grow_sites, maximum=12)


def test_an_order_page_does_not_query_per_site(client, school, assert_constant_queries):
    order = OrderFactory(municipality=school.municipality)
    closing = OrderFactory(municipality=school.municipality)

    def grow(n):
        for _ in range(n):
            site = make_site(organization=OrganizationFactory(municipality=school.municipality), order=order)
            services.change_site_state(site, SiteState.COMPLETED, order=closing)

    assert_constant_queries(client, reverse("registry:order", args=[order.pk]), grow)
    assert_constant_queries(client, reverse("registry:order", args=[closing.pk]), grow)


def test_catalogues_do_not_query_per_row(client_for, methodist, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            DirectionFactory()
            Municipality.objects.create(
                region=Municipality.objects.first().region, name=f"Район {Direction.objects.count()}"
            )

    client = client_for(methodist)
    client.get("/registry/catalogues/")  # the first request of a session also updates the session
    assert_constant_queries(client, "/registry/catalogues/", grow, maximum=12)


def test_the_user_list_does_not_query_per_row(client_for, admin_user, assert_constant_queries, school):
    from ..factories import MembershipFactory, UserFactory

    def grow(n):
        for _ in range(n):
            MembershipFactory(user=UserFactory(organization=school), municipality=school.municipality)

    client = client_for(admin_user)
    client.get("/manage/users/")  # the first request of a session also updates the session
    assert_constant_queries(client, "/manage/users/", grow)


@pytest.mark.parametrize(
    "url", ["/registry/organizations/", "/registry/orders/", "/api/v1/organizations/", "/api/v1/orders/"]
)
def test_paged_lists_count_per_row_shown_not_over_the_whole_table(client, grow_sites, url):
    """A `Count` annotation joined every organization (every order) to its sites and grouped them all before the
    page was cut, and the paginator's count repeated the grouping: the page grew with the table. The per-row
    figures are subqueries now, evaluated for the rows the LIMIT lets through, and the total is a bare count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grow_sites(3)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    listing = [q["sql"] for q in captured if "registry_organization" in q["sql"] or "registry_order" in q["sql"]]
    assert listing
    assert not [sql for sql in listing if "GROUP BY" in sql or "DISTINCT" in sql]
