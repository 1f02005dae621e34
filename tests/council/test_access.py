"""Every council URL, opened (GET) and posted to (POST) by each persona.

- Лариса (methodist) and Наталья (authority) run the Amursky council: everything, orders included;
- Анна (installation administrator) may do the same;
- Людмила (chair of the council) prepares meetings and writes protocols, but issues no orders and manages no members;
- Олег (an ordinary member) reads the council's pages and protocols;
- Вера (methodist of Vyselki), Ирина (head of a school) and Пётр (a teacher) do not see the council at all (404);
- an anonymous visitor is sent to the login page.
"""

import pytest
from django.urls import reverse

from innoinfra.accounts.models import Membership
from innoinfra.council.enums import AgendaKind, Outcome

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db

LOGGED_IN = {"methodist", "authority", "other_methodist", "expert", "chair", "orgadmin", "teacher", "admin_user"}
ANY_STAFF = {"methodist", "authority", "other_methodist", "admin_user"}
STAFF_HERE = {"methodist", "authority", "admin_user"}
WRITERS = STAFF_HERE | {"chair"}
VIEWERS = WRITERS | {"expert"}

# url name → (object behind <pk>, who may GET, who may POST); None: the method is not offered.
ACCESS = {
    "bodies": (None, LOGGED_IN, None),
    "body_create": (None, ANY_STAFF, ANY_STAFF),
    "meetings": (None, LOGGED_IN, None),
    "body": ("body", VIEWERS, None),
    "body_edit": ("body", STAFF_HERE, STAFF_HERE),
    "member_add": ("body", None, STAFF_HERE),
    "meeting_create": ("body", WRITERS, WRITERS),
    "member_end": ("membership", None, STAFF_HERE),
    "meeting": ("meeting", VIEWERS, None),
    "meeting_edit": ("meeting", WRITERS, WRITERS),
    "meeting_state": ("meeting", WRITERS, WRITERS),
    "protocol_sign": ("meeting", WRITERS, WRITERS),
    "attendance": ("meeting", VIEWERS, WRITERS),
    "item_add": ("meeting", WRITERS, WRITERS),
    "protocol_docx": ("meeting", VIEWERS, None),
    "order_docx": ("meeting", STAFF_HERE, None),
    "order_issue": ("meeting", STAFF_HERE, STAFF_HERE),
    "item_edit": ("item", WRITERS, WRITERS),
    "decision": ("item", WRITERS, WRITERS),
    "votes": ("item", WRITERS, WRITERS),
    "item_delete": ("item", None, WRITERS),
}
ROLES = [
    "anonymous",
    "methodist",
    "authority",
    "other_methodist",
    "expert",
    "chair",
    "orgadmin",
    "teacher",
    "admin_user",
]


@pytest.fixture
def world(meeting, application, chair):
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    decide(item, Outcome.RECOMMEND, by=chair)
    return {
        "body": meeting.body,
        "meeting": meeting,
        "item": item,
        "membership": Membership.objects.get(user__username="member5"),
    }


def test_every_council_url_is_in_the_table():
    from innoinfra.council import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == set(ACCESS), names ^ set(ACCESS)
    assert reverse("council:bodies") == "/council/"  # mounted under /council/


def _url(name, world):
    target = ACCESS[name][0]
    return reverse(f"council:{name}", args=[world[target].pk] if target else [])


def _problem(role, allowed, method, response) -> str | None:
    status = response.status_code
    if role == "anonymous":
        if status == 302 and response.url.startswith("/accounts/login/"):
            return None
        return f"anonymous: expected the login page, got {status}"
    if role in allowed:
        if method == "GET" and status != 200:
            return f"allowed GET answered {status}"
        if method == "POST" and status in (403, 404):
            return f"allowed POST refused with {status}"
        return None
    return None if status in (403, 404) else f"should be refused, got {status}"


@pytest.mark.parametrize("role", ROLES)
def test_each_persona_gets_what_the_table_says(role, world, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    problems = []
    # GETs first, then the actions (they change the world).
    for method in ("GET", "POST"):
        for name, (_target, may_get, may_post) in ACCESS.items():
            allowed = may_get if method == "GET" else may_post
            if allowed is None:
                continue
            url = _url(name, world)
            response = client.get(url) if method == "GET" else client.post(url, {})
            problem = _problem(role, allowed, method, response)
            if problem:
                problems.append(f"{method} {url} ({name}): {problem}")
    assert not problems, "\n".join(problems)


def test_methods_not_offered_are_refused(world, client_for, methodist):
    client = client_for(methodist)
    for name, (_target, may_get, may_post) in ACCESS.items():
        if may_get is None:
            assert client.get(_url(name, world)).status_code == 405, name
        if may_post is None and name not in ("protocol_docx", "order_docx", "bodies", "meetings", "body", "meeting"):
            assert client.post(_url(name, world)).status_code == 405, name


def test_those_who_see_the_body_but_may_not_change_it_get_403_with_a_message(world, client_for, expert):
    response = client_for(expert).get(_url("meeting_edit", world))
    assert response.status_code == 403
    assert "Недостаточно прав для этого действия." in response.content.decode()


def test_a_former_member_no_longer_sees_the_council(world, client_for, expert, today):
    import datetime as dt

    Membership.objects.filter(user=expert).update(end_date=today - dt.timedelta(days=1))
    assert client_for(expert).get(_url("meeting", world)).status_code == 404
