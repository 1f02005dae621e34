"""N people press «Сохранить» on the same plan item at once, all having read the same version (PostgreSQL only).

Against a live server (real threads, real connections, real row locks) exactly one save wins; every other one is
refused with the conflict message — none is a 500 and none is silently lost over the winner."""

import os
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from innoinfra.plans.models import PlanItem

from .factories import make_plan

N = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason=(
            "SKIPPED: THE RACE OF PARALLEL SAVES IS ONLY MEANINGFUL ON POSTGRESQL (SQLite serialises every write). "
            "Run with DATABASE_URL=postgres://…"
        ),
    ),
]


def _browser_of(client_for, user) -> dict:
    """The headers a signed-in browser of `user` sends with an HTMX save: its session, CSRF cookie and token."""
    client = client_for(user)
    token = "x" * 32  # Django accepts any well-formed secret the cookie and the header agree on
    return {
        "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}",
        "X-CSRFToken": token,
        "HX-Request": "true",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def _post(url: str, headers: dict, data: dict) -> tuple[int, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_parallel_saves_of_one_version_let_exactly_one_through(live_server, client_for, amursky, methodist):
    assert connection.vendor == "postgresql"
    plan = make_plan(amursky, by=methodist)
    item = plan.items.order_by("position").first()
    headers = _browser_of(client_for, methodist)
    # Every save is the form as it was opened: the same version, its own text.
    url = f"{live_server.url}/plans/items/{item.pk}/edit/"
    payloads = [
        {"activity": f"Вариант {n}", "section": item.section_id, "version": item.version, "number": item.number}
        for n in range(N)
    ]

    with ThreadPoolExecutor(max_workers=N) as pool:
        answers = list(pool.map(lambda data: _post(url, headers, data), payloads))

    codes = sorted(code for code, _ in answers)
    assert codes == [200] + [409] * (N - 1), codes
    assert all("Запись изменил(а) Кривошеева Лариса" in text for code, text in answers if code == 409)
    winner = payloads[next(i for i, (code, _) in enumerate(answers) if code == 200)]
    item = PlanItem.objects.get(pk=item.pk)
    assert (item.activity, item.version) == (winner["activity"], 2)
    assert item.history.count() == 2  # the creation and the one save that won
