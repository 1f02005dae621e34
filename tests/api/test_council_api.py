"""The council API — bodies, meetings, decisions — read as on the pages.

- Лариса (`methodist`), Наталья (`authority`) and Анна (`admin_user`) run the Amursky council: they read everything.
- Людмила (`chair`) and Олег (`expert`, an ordinary member) sit on the council: they read its meetings and decisions,
  but a question about an application of a blind call does not name its applicant while the call hides them.
- Вера (`other_methodist`), Ирина (`orgadmin`), Пётр (`teacher`) and an anonymous visitor find nothing.
Nobody writes through this API: the council's pages do that.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from innoinfra.accounts.enums import BodyPosition
from innoinfra.accounts.models import Membership
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, Outcome
from innoinfra.council.models import Decision
from innoinfra.reference.models import Body
from innoinfra.review.enums import StageKind
from tests.council.conftest import add_item, decide, member, reviewed_application
from tests.factories import BodyFactory, OrganizationFactory
from tests.review.factories import make_call

from .clients import api, ids, logged_in, persona

pytestmark = pytest.mark.django_db

READERS = ["methodist", "authority", "admin_user", "chair", "expert"]
OUTSIDERS = ["other_methodist", "orgadmin", "teacher", None]


@pytest.fixture
def council(expert):
    """Олег's council with its chair Людмила, a secretary and two more members: five in all."""
    body = Membership.objects.get(user=expert).body
    member(body, "lyudmila", "Загуменнова", "Людмила", "Владимировна", BodyPosition.CHAIR)
    member(body, "svetlana", "Кузнецова", "Светлана", "Игоревна", BodyPosition.SECRETARY)
    member(body, "member4", "Петрова", "Анна", "Сергеевна")
    member(body, "member5", "Сидоров", "Игорь", "Петрович")
    return body


@pytest.fixture
def chair(council):
    return Membership.objects.get(body=council, body_position=BodyPosition.CHAIR).user


@pytest.fixture
def meeting(council, methodist):
    return services.create_meeting(body=council, date=timezone.localdate(), place="г. Амурск, МБОУ ИМЦ", by=methodist)


@pytest.fixture
def decided(meeting, amursky, school, methodist):
    """School № 1's application, recommended by the council."""
    application = reviewed_application(amursky, school)
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    return decide(item, Outcome.RECOMMEND, by=methodist)


# ---------------------------------------------------------------- who sees the council


@pytest.mark.parametrize("role", READERS + OUTSIDERS)
def test_the_council_is_seen_by_its_territorys_staff_and_its_members(request, decided, council, meeting, role):
    client = api(persona(request, role))
    sees = role in READERS
    assert ids(client.get("/api/v1/bodies/")) == ({council.pk} if sees else set())
    assert ids(client.get("/api/v1/meetings/")) == ({meeting.pk} if sees else set())
    assert ids(client.get("/api/v1/decisions/")) == ({decided.pk} if sees else set())
    for url in (f"/api/v1/bodies/{council.pk}/", f"/api/v1/meetings/{meeting.pk}/", f"/api/v1/decisions/{decided.pk}/"):
        assert client.get(url).status_code == (200 if sees else 404), url


def test_another_territorys_council_is_not_seen(vyselki, other_methodist, methodist, council):
    theirs = BodyFactory(municipality=vyselki, name="Экспертный совет Выселковского района")
    assert ids(api(other_methodist).get("/api/v1/bodies/")) == {theirs.pk}
    assert ids(api(methodist).get("/api/v1/bodies/")) == {council.pk}
    assert api(methodist).get(f"/api/v1/bodies/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize("role", READERS + OUTSIDERS)
def test_nobody_writes_through_the_council_api(request, council, meeting, decided, role):
    client = api(persona(request, role))
    attempts = [
        client.post("/api/v1/bodies/", {"name": "Новый совет"}, format="json"),
        client.patch(f"/api/v1/bodies/{council.pk}/", {"name": "Иначе"}, format="json"),
        client.post("/api/v1/meetings/", {"body": council.pk}, format="json"),
        client.delete(f"/api/v1/meetings/{meeting.pk}/"),
        client.patch(f"/api/v1/decisions/{decided.pk}/", {"text": "Иначе"}, format="json"),
    ]
    assert all(response.status_code in (401, 403, 404, 405) for response in attempts)
    council.refresh_from_db()
    assert council.name != "Иначе" and Body.objects.count() == 1
    assert Decision.objects.get(pk=decided.pk).text != "Иначе"


# ---------------------------------------------------------------- what they read


def test_a_body_comes_with_its_current_members(council, methodist):
    body = api(methodist).get(f"/api/v1/bodies/{council.pk}/").json()
    assert body["name"] == council.name and body["kind_label"] == "Муниципальный экспертный совет"
    assert body["member_count"] == 5
    members = [(m["name"], m["body_position"]) for m in body["members"]]
    assert members[:2] == [("Загуменнова Людмила Владимировна", "chair"), ("Кузнецова Светлана Игоревна", "secretary")]
    assert len(members) == 5


def test_a_meeting_comes_with_attendance_quorum_agenda_and_decisions(meeting, decided, expert, school):
    body = api(expert).get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["state"] == "planned" and body["number"] == meeting.number and body["item_count"] == 1
    assert body["quorum"] == {"members": 5, "present": 5, "needed": 3, "reached": True}
    assert len(body["attendees"]) == 5
    [item] = body["agenda"]
    assert item["number"] == 1 and item["kind"] == "application"
    assert item["organization_name"] == school.short_name and school.short_name in item["title"]
    assert item["decision"]["outcome"] == "recommend" and item["decision"]["adopted"] is True
    assert item["decision"]["text"].startswith(f"Рекомендовать присвоить {school.short_name}")
    assert item["decision"]["needs_order"] is True and item["decision"]["order"] is None


def test_decision_filters(meeting, decided, amursky, methodist):
    other = add_item(meeting, kind=AgendaKind.OTHER, title="О плане работы совета на 2025/2026 учебный год")
    noted = decide(other, Outcome.NOTE, by=methodist)
    client = api(methodist)
    assert ids(client.get("/api/v1/decisions/", {"awaiting_order": "true"})) == {decided.pk}
    assert ids(client.get("/api/v1/decisions/", {"outcome": "note"})) == {noted.pk}
    assert ids(client.get("/api/v1/decisions/", {"meeting": meeting.pk})) == {decided.pk, noted.pk}
    row = client.get(f"/api/v1/decisions/{noted.pk}/").json()
    assert row["agenda_title"] == "О плане работы совета на 2025/2026 учебный год"
    assert row["protocol_number"] == meeting.number and row["body"] == meeting.body_id
    bad = client.get("/api/v1/decisions/", {"meeting": "первое"})
    assert bad.status_code == 400 and "meeting" in bad.json()


def test_meeting_filters(council, meeting, methodist):
    cancelled = services.create_meeting(body=council, date=timezone.localdate().replace(day=1), by=methodist)
    services.change_meeting_state(cancelled, "cancelled", by=methodist)
    client = api(methodist)
    assert ids(client.get("/api/v1/meetings/", {"state": "cancelled"})) == {cancelled.pk}
    assert ids(client.get("/api/v1/meetings/", {"body": council.pk})) == {meeting.pk, cancelled.pk}


# ---------------------------------------------------------------- blind calls before the council


@pytest.fixture
def blind_item(meeting, amursky, school, council):
    """School № 1's application to a blind call in review, already on the agenda of the council's meeting."""
    call = make_call(amursky, is_blind=True, body=council, title="Слепой конкурс")
    application = reviewed_application(amursky, school, call=call, theme="Тема школы № 1 г. Амурска")
    call.stages.filter(kind=StageKind.MEETING).update(reveal_names=False)
    return add_item(meeting, kind=AgendaKind.APPLICATION, application=application, heard="Доклад директора школы № 1")


def test_members_do_not_learn_the_applicant_of_a_blind_call(blind_item, meeting, methodist, expert, chair, school):
    decision = decide(blind_item, Outcome.RECOMMEND, by=methodist)
    for user in (expert, chair):
        client = api(user)
        for url in (f"/api/v1/meetings/{meeting.pk}/", "/api/v1/decisions/", f"/api/v1/decisions/{decision.pk}/"):
            response = client.get(url)
            assert response.status_code == 200
            text = json.dumps(response.json(), ensure_ascii=False)
            for secret in (school.short_name, "Амурска", "Тема школы", "школы № 1"):
                assert secret not in text, (url, secret)
        item = client.get(f"/api/v1/meetings/{meeting.pk}/").json()["agenda"][0]
        assert item["title"] == "Заявка № 1 конкурса «Слепой конкурс»: сведения о заявителе скрыты (слепая экспертиза)"
        assert item["organization_name"] is None and item["heard"] == ""
    staff = api(methodist).get(f"/api/v1/meetings/{meeting.pk}/").json()["agenda"][0]
    assert school.short_name in staff["title"] and staff["heard"] == "Доклад директора школы № 1"


def test_a_stage_that_reveals_the_names_shows_them_to_members(blind_item, meeting, expert, school):
    blind_item.application.call.stages.filter(kind=StageKind.MEETING).update(reveal_names=True)
    item = api(expert).get(f"/api/v1/meetings/{meeting.pk}/").json()["agenda"][0]
    assert item["organization_name"] == school.short_name and school.short_name in item["title"]


# ---------------------------------------------------------------- query pins


def test_council_lists_do_not_query_per_row(council, meeting, amursky, methodist, expert, assert_constant_queries):
    def more_bodies(count):
        for n in range(count):
            BodyFactory(municipality=amursky, name=f"Творческая группа № {Body.objects.count() + n}")

    assert_constant_queries(logged_in(methodist), "/api/v1/bodies/", more_bodies, maximum=5)

    def more_meetings(count):
        for _ in range(count):
            services.create_meeting(body=council, date=timezone.localdate(), by=methodist)

    assert_constant_queries(logged_in(expert), "/api/v1/meetings/", more_meetings, maximum=5)

    def more_decisions(count):
        for _ in range(count):
            application = reviewed_application(amursky, OrganizationFactory(municipality=amursky))
            decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)

    # the session, the user and their roles, the count, the page, the calls' stages (blindness)
    assert_constant_queries(logged_in(expert), "/api/v1/decisions/", more_decisions, maximum=6)

    def more_items(count):
        for _ in range(count):
            application = reviewed_application(amursky, OrganizationFactory(municipality=amursky))
            decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.NOT_RECOMMEND)

    assert_constant_queries(logged_in(expert), f"/api/v1/meetings/{meeting.pk}/", more_items, maximum=8)
