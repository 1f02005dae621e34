"""Five meetings of one council marked held at the same moment (five secretaries' tabs) get protocols № 1–5 of the
year: no number twice, none skipped. Лариса (`methodist`) plans them; the requests race on a live PostgreSQL server."""

import pytest

from innoinfra.council import services
from innoinfra.council.enums import MeetingState
from innoinfra.council.models import Meeting

from ..live import browser_cookies, needs_postgresql, post_each_at_once

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_meetings_held_at_once_get_consecutive_numbers(live_server, council, methodist, today):
    meetings = [services.create_meeting(body=council, date=today, by=methodist) for _ in range(5)]
    answers = post_each_at_once(
        [(f"{live_server.url}/council/meetings/{m.pk}/state/", {"state": "held"}) for m in meetings],
        browser_cookies(methodist),
    )
    assert [a.status for a in answers] == [302] * 5
    held = Meeting.objects.filter(body=council, year=today.year)
    assert sorted(held.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert set(held.values_list("state", flat=True)) == {MeetingState.HELD}
