"""Every dashboard costs a fixed number of queries, however many sites, events, applications and plans the
territory holds: the figures are aggregates, never a query per row."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.factories import DirectionFactory, OrganizationFactory, make_site
from tests.plans.factories import make_plan
from tests.review.factories import make_application, make_call

from .world import YEAR, held, moment, submitted

pytestmark = pytest.mark.django_db

# page → the most queries it may run: nine for every page (session, user, scope, notifications, the territory
# filter's municipalities …), then one or two per figure
PAGES = {
    "/monitoring/": 21,
    "/monitoring/applications/": 10,
    "/monitoring/plans/": 13,
    "/monitoring/events/": 18,  # with the publications by level and the consultations: one query each
    "/monitoring/deficits/": 13,  # with the late reports: their rows and their count
}


@pytest.fixture
def grow(amursky):
    numbers = itertools.count(1)
    call = make_call(amursky)

    def add(n):
        for _ in range(n):
            i = next(numbers)
            school = OrganizationFactory(municipality=amursky, short_name=f"Школа роста № {i}")
            site = make_site(
                organization=school, start_date=dt.date(2025, 9, 1), directions=[DirectionFactory(name=f"Н{i}")]
            )
            make_plan(
                site,
                items=[("Диагностика", "ноябрь")],
                approved=True,
                period=(dt.date(2025, 9, 1), dt.date(2026, 8, 31)),
            )
            held(school, moment(2025, 10, i), present=2)
            submitted(call, school, moment(2025, 10, i), "approved")
            make_application(call, OrganizationFactory(municipality=amursky))
            OrganizationFactory(municipality=amursky, short_name=f"Школа без инноваций № {i}")

    return add


@pytest.mark.parametrize("path", list(PAGES))
def test_dashboard_queries_do_not_grow_with_the_data(path, assert_constant_queries, client_for, methodist, grow):
    assert_constant_queries(client_for(methodist), f"{path}?year={YEAR}", grow, maximum=PAGES[path])
