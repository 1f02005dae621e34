import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import make_site

from .factories import indicator, make_campaign, section


@pytest.fixture
def site(school):
    return make_site(organization=school)


@pytest.fixture
def small_campaign(amursky, methodist, site):
    """An open campaign with a small form: one section, one bounded number; the school's site reports. Its deadline
    is ahead, whatever day the tests run."""
    today = timezone.localdate()
    return make_campaign(
        amursky,
        by=methodist,
        period=(today - dt.timedelta(days=270), today - dt.timedelta(days=1)),
        deadline=today + dt.timedelta(days=10),
        items=[
            section("Практическая деятельность"),
            indicator("Проведено мероприятий", code="events_held", unit="мероприятий", min_value=0, max_value=100),
        ],
        open_it=True,
    )


@pytest.fixture
def report(small_campaign):
    return small_campaign.reports.get()
