"""The events API, told by the people of the Amursky district.

- An anonymous visitor and Пётр (`teacher`) read announced events; Пётр registers, cancels his own registration.
- Ирина (`orgadmin`) heads school № 1, the organizer: sees its drafts and participants, cancels and checks in.
- Лариса (`methodist`) runs the Amursky territory: sees its drafts and participants.
- Вера (`other_methodist`) runs Vyselki: sees Amursky's announced events only, none of its participants.
- Anyone confirms a certificate by its number.
"""

import datetime as dt
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from innoinfra.events import services
from innoinfra.events.enums import RegistrationState
from innoinfra.events.models import Certificate, Event, Registration, Session

from ..api.clients import api, logged_in
from ..factories import OrganizationFactory, UserFactory, make_site
from ..plans.factories import make_plan
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
REGISTRATIONS = "/api/v1/registrations/"


def titles(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {row["title"] for row in response.json()["results"]}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def announced(school):
    return make_event(school, title="Семинар школы № 1", capacity=30)


@pytest.fixture
def draft(school):
    return make_event(school, title="Черновик школы № 1", published=False)


@pytest.fixture
def vyselki_draft(vyselki):
    return make_event(OrganizationFactory(municipality=vyselki), title="Черновик Выселок", published=False)


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger", first_name="Семён", last_name="Чужой")


# ---------------------------------------------------------------- events: who sees what


@pytest.mark.parametrize("persona", [None, "teacher"])
def test_visitors_and_teachers_see_announced_events_only(request, persona, announced, draft, school):
    cancelled = make_event(school, title="Отменённый семинар")
    services.cancel_event(cancelled)
    user = request.getfixturevalue(persona) if persona else None
    client = api(user)
    # A cancelled event stays listed so that its registrants learn of it, as on the site.
    assert titles(client.get(EVENTS)) == {"Семинар школы № 1", "Отменённый семинар"}
    assert client.get(f"{EVENTS}{draft.pk}/").status_code == 404
    assert client.get(f"{EVENTS}{announced.pk}/").status_code == 200


def test_organizers_see_their_drafts_and_nobody_elses(announced, draft, vyselki_draft, orgadmin, methodist):
    everything = {"Семинар школы № 1", "Черновик школы № 1"}
    assert titles(api(orgadmin).get(EVENTS)) == everything
    assert titles(api(methodist).get(EVENTS)) == everything
    assert api(methodist).get(f"{EVENTS}{draft.pk}/").status_code == 200


def test_a_methodist_of_another_territory_sees_only_her_own_drafts(announced, draft, vyselki_draft, other_methodist):
    client = api(other_methodist)
    assert titles(client.get(EVENTS)) == {"Семинар школы № 1", "Черновик Выселок"}
    assert client.get(f"{EVENTS}{draft.pk}/").status_code == 404


def test_the_api_does_not_write_events(methodist, announced):
    assert api(methodist).post(EVENTS, {"title": "Новое"}, format="json").status_code in (403, 405)
    assert api(methodist).delete(f"{EVENTS}{announced.pk}/").status_code in (403, 405)


def test_an_event_with_its_organizer_seats_programme_and_page(school, amursky):
    plan = make_plan(amursky, approved=True)
    item = plan.items.order_by("id").first()
    event = make_event(school, capacity=2, format="webinar", plan_items=[item], online_url="")
    Event.objects.filter(pk=event.pk).update(audience_group="young_teachers")  # not among the services' fields
    starts = event.starts_at
    Session.objects.create(event=event, starts_at=starts + dt.timedelta(hours=1), title="Практикум", place="Ауд. 2")
    Session.objects.create(event=event, starts_at=starts, title="Открытие", speakers="Иванова И. С., директор")
    sign_up(event, 3)  # two seats taken, one on the waiting list

    body = api().get(f"{EVENTS}{event.pk}/").json()
    assert body["organizer"] == {"id": school.pk, "name": "МБОУ СОШ № 1 г. Амурска"}
    assert body["municipality"] == amursky.pk and body["site"] is None
    assert body["format"] == "webinar" and body["format_label"] == "Вебинар"
    assert body["audience_group"] == "young_teachers" and body["audience"] == "Молодые педагоги"
    assert body["capacity"] == 2 and body["seats_taken"] == 2
    assert body["registration_open"] is True and body["state"] == "published"
    assert body["plan_items"] == [item.pk]
    assert body["url"] == f"http://testserver/events/{event.pk}/"
    assert [s["title"] for s in body["programme"]] == ["Открытие", "Практикум"]
    assert body["programme"][0] == {
        "starts_at": body["starts_at"],
        "ends_at": None,
        "title": "Открытие",
        "speakers": "Иванова И. С., директор",
        "place": "",
    }


def test_registration_closes_with_its_deadline(school):
    soon = timezone.now() + dt.timedelta(days=3)
    closed = make_event(school, title="Семинар с дедлайном", deadline=soon)
    body = api().get(f"{EVENTS}{closed.pk}/").json()
    assert body["registration_open"] is True
    closed.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    closed.save(update_fields=["registration_deadline"])
    assert api().get(f"{EVENTS}{closed.pk}/").json()["registration_open"] is False


def test_the_link_to_join_is_given_while_the_event_is_announced(school, orgadmin):
    event = make_event(school, online_url="https://vk.com/call/join/abc")
    assert api().get(f"{EVENTS}{event.pk}/").json()["online_url"] == "https://vk.com/call/join/abc"
    services.cancel_event(event)
    assert api().get(f"{EVENTS}{event.pk}/").json()["online_url"] == ""
    assert api(orgadmin).get(f"{EVENTS}{event.pk}/").json()["online_url"] == "https://vk.com/call/join/abc"


def test_items_of_a_draft_plan_are_not_shown_to_those_who_cannot_read_the_plan(school, amursky, methodist):
    item = make_plan(amursky).items.first()  # the plan stays a draft
    event = make_event(school, plan_items=[item])
    assert api().get(f"{EVENTS}{event.pk}/").json()["plan_items"] == []
    assert api(methodist).get(f"{EVENTS}{event.pk}/").json()["plan_items"] == [item.pk]


# ---------------------------------------------------------------- events: filters


def test_each_filter_narrows_the_list(school, amursky, vyselki, methodist):
    today = timezone.localdate()
    site = make_site(organization=school)
    item = make_plan(amursky, approved=True).items.first()
    other_school = OrganizationFactory(municipality=amursky)
    near = make_event(school, title="Ближний семинар", starts_in=dt.timedelta(days=2))
    far = make_event(school, title="Дальний вебинар", starts_in=dt.timedelta(days=40), format="webinar")
    for_heads = make_event(other_school, title="Совещание руководителей", format="meeting")
    Event.objects.filter(pk=for_heads.pk).update(audience_group="heads")
    on_site = make_event(school, title="На базе площадки", site=site, plan_items=[item])
    in_vyselki = make_event(OrganizationFactory(municipality=vyselki), title="Выселковский семинар")
    make_event(school, title="Черновик", published=False, starts_in=dt.timedelta(days=60))

    def found(**params):
        return titles(api(methodist).get(EVENTS, params))

    in_20_days = today + dt.timedelta(days=20)
    assert found(starts_before=in_20_days.isoformat()) == {near.title, for_heads.title, on_site.title, in_vyselki.title}
    assert found(starts_after=in_20_days.isoformat()) == {far.title, "Черновик"}
    # both ends are whole days: an event starting on the day itself is in
    near_day = timezone.localtime(near.starts_at).date().isoformat()
    assert found(starts_after=near_day, starts_before=near_day) == {near.title}
    assert found(format="webinar") == {far.title}
    assert found(audience="heads") == {for_heads.title}
    assert found(organizer=other_school.pk) == {for_heads.title}
    assert found(municipality=vyselki.pk) == {in_vyselki.title}
    assert found(site=site.pk) == {on_site.title}
    assert found(plan_item=item.pk) == {on_site.title}
    assert found(state="draft") == {"Черновик"}
    assert titles(api().get(EVENTS, {"state": "draft"})) == set()


@pytest.mark.parametrize(
    "params", [{"starts_after": "завтра"}, {"format": "lecture"}, {"organizer": "школа"}, {"state": "archived"}]
)
def test_a_bad_filter_value_is_a_400_naming_the_filter(params, announced):
    response = api().get(EVENTS, params)
    assert response.status_code == 400 and set(params) <= set(response.json())


# ---------------------------------------------------------------- events: query counts


# count, page, sessions, plan items; a logged-in methodist adds her session, user and memberships (scope)
@pytest.mark.parametrize(("persona", "maximum"), [(None, 5), ("methodist", 8)])
def test_the_event_list_costs_the_same_queries_however_many_events(
    request, persona, maximum, school, amursky, assert_constant_queries
):
    item = make_plan(amursky, approved=True).items.first()
    user = request.getfixturevalue(persona) if persona else None
    client = logged_in(user) if user else APIClient()
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            i = next(counter)
            event = make_event(school, title=f"Семинар {i}", capacity=5, plan_items=[item])
            Session.objects.create(event=event, starts_at=event.starts_at, title="Открытие")
            sign_up(event, 2, start=10 * i)
            make_event(school, title=f"Черновик {i}", published=False)

    assert_constant_queries(client, EVENTS, grow, maximum=maximum)


# ---------------------------------------------------------------- registrations: registering


def test_a_teacher_registers_and_gets_his_own_page(teacher, announced):
    response = api(teacher).post(REGISTRATIONS, {"event": announced.pk, "consent": True}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    registration = Registration.objects.get()
    assert registration.user == teacher and registration.event == announced
    # Name, e-mail and school come from the account when the request does not give them.
    assert body["full_name"] == "Петров Пётр" and body["email"] == teacher.email
    assert body["organization_name"] == "МБОУ СОШ № 1 г. Амурска"
    assert body["state"] == "confirmed" and body["state_label"] == "Участие подтверждено" and body["mine"] is True
    assert body["participant_url"] == f"http://testserver/events/r/{registration.token}/"


def test_when_the_seats_run_out_the_next_one_waits(teacher, stranger, school):
    event = make_event(school, capacity=1)
    first = api(teacher).post(REGISTRATIONS, {"event": event.pk, "consent": True}, format="json")
    second = api(stranger).post(
        REGISTRATIONS,
        {"event": event.pk, "consent": True, "full_name": "Чужой Семён", "email": "SEMEN@example.org"},
        format="json",
    )
    assert first.json()["state"] == "confirmed"
    assert second.status_code == 201 and second.json()["state"] == "waiting"
    assert second.json()["email"] == "semen@example.org"


def test_registering_needs_an_account_consent_and_an_announced_event(teacher, announced, draft):
    assert api().post(REGISTRATIONS, {"event": announced.pk, "consent": True}, format="json").status_code in (401, 403)
    no_consent = api(teacher).post(REGISTRATIONS, {"event": announced.pk, "consent": False}, format="json")
    assert no_consent.status_code == 400 and "consent" in no_consent.json()
    # A draft answers as a missing event: it must not be told apart from a number never used.
    for pk in (draft.pk, 999_999):
        response = api(teacher).post(REGISTRATIONS, {"event": pk, "consent": True}, format="json")
        assert response.status_code == 400 and response.json() == {"event": ["Мероприятие не найдено."]}
    assert not Registration.objects.exists()


def test_a_refusal_of_the_service_is_a_400_with_its_message(teacher, school):
    event = make_event(school)
    client = api(teacher)
    assert client.post(REGISTRATIONS, {"event": event.pk, "consent": True}, format="json").status_code == 201
    again = client.post(REGISTRATIONS, {"event": event.pk, "consent": True}, format="json")
    assert again.status_code == 400
    assert again.json() == {"detail": "Участник с этим адресом электронной почты уже зарегистрирован на мероприятие."}
    services.cancel_event(event)
    closed = api(UserFactory()).post(REGISTRATIONS, {"event": event.pk, "consent": True}, format="json")
    assert closed.json() == {"detail": "Регистрация закрыта: мероприятие отменено."}


def test_the_organizers_questions_are_answered_through_the_api(teacher, school, orgadmin):
    event = make_event(
        school,
        questions=[{"label": "Тема вашего проекта", "required": True}],
        registration_fields={"phone": "required", "position": "off"},
    )
    body = api().get(f"{EVENTS}{event.pk}/").json()
    assert body["questions"] == [{"label": "Тема вашего проекта", "required": True}]
    assert body["registration_fields"] == {"organization_name": "optional", "position": "off", "phone": "required"}
    client = api(teacher)
    no_phone = client.post(
        REGISTRATIONS, {"event": event.pk, "consent": True, "answers": {"Тема вашего проекта": "STEM"}}, format="json"
    )
    assert no_phone.status_code == 400 and no_phone.json()["detail"]
    unanswered = client.post(REGISTRATIONS, {"event": event.pk, "consent": True, "phone": "+7 900"}, format="json")
    assert unanswered.status_code == 400 and "Тема вашего проекта" in unanswered.json()["detail"]
    response = client.post(
        REGISTRATIONS,
        {"event": event.pk, "consent": True, "phone": "+7 900", "answers": {"Тема вашего проекта": "STEM"}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    seen = api(orgadmin).get(f"{REGISTRATIONS}{response.json()['id']}/").json()
    assert seen["answers"] == {"Тема вашего проекта": "STEM"} and seen["phone"] == "+7 900"


# ---------------------------------------------------------------- registrations: who sees them


@pytest.fixture
def crowd(announced, teacher):
    """Two strangers' registrations, and Пётр's own."""
    others = sign_up(announced, 2)
    mine = services.register(event=announced, user=teacher, full_name="Петров Пётр", email=teacher.email, consent=True)
    return others, mine


def test_a_teacher_sees_only_his_own_registrations(crowd, teacher):
    others, mine = crowd
    assert ids(api(teacher).get(REGISTRATIONS)) == {mine.pk}
    assert api(teacher).get(f"{REGISTRATIONS}{others[0].pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["orgadmin", "methodist"])
def test_the_organizer_and_the_territory_see_every_participant(request, persona, crowd):
    others, mine = crowd
    client = api(request.getfixturevalue(persona))
    assert ids(client.get(REGISTRATIONS)) == {others[0].pk, others[1].pk, mine.pk}
    assert ids(client.get(REGISTRATIONS, {"state": "confirmed"})) == {others[0].pk, others[1].pk, mine.pk}
    assert ids(client.get(REGISTRATIONS, {"state": "waiting"})) == set()


@pytest.mark.parametrize("persona", [None, "other_methodist", "stranger"])
def test_nobody_else_sees_the_participants(request, persona, crowd):
    others, _mine = crowd
    client = api(request.getfixturevalue(persona) if persona else None)
    assert ids(client.get(REGISTRATIONS)) == set()
    assert client.get(f"{REGISTRATIONS}{others[0].pk}/").status_code == 404


def test_registrations_filter_by_event(school, orgadmin):
    first, second = make_event(school, title="Первое"), make_event(school, title="Второе")
    (a,) = sign_up(first)
    (b,) = sign_up(second, start=5)
    assert ids(api(orgadmin).get(REGISTRATIONS, {"event": first.pk})) == {a.pk}
    assert ids(api(orgadmin).get(REGISTRATIONS, {"event": second.pk})) == {b.pk}
    assert api(orgadmin).get(REGISTRATIONS, {"event": "первое"}).status_code == 400


def test_the_token_reaches_nobody_but_the_registrant(crowd, orgadmin, methodist, teacher):
    others, mine = crowd
    tokens = [r.token for r in [*others, mine]]
    for user in (orgadmin, methodist):
        for url in (REGISTRATIONS, f"{REGISTRATIONS}{mine.pk}/"):
            text = json.dumps(api(user).get(url).json())
            assert not any(token in text for token in tokens), (user, url)
    rows = api(orgadmin).get(REGISTRATIONS).json()["results"]
    assert all(row["participant_url"] is None and row["mine"] is False for row in rows)
    own = api(teacher).get(f"{REGISTRATIONS}{mine.pk}/").json()
    assert mine.token in own["participant_url"]
    assert "token" not in own


def test_the_registration_list_costs_the_same_queries_however_many(school, orgadmin, assert_constant_queries):
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            i = next(counter)
            sign_up(make_event(school, title=f"Семинар {i}"), 2, start=10 * i)

    # session, user, memberships (scope), count, page
    assert_constant_queries(logged_in(orgadmin), REGISTRATIONS, grow, maximum=5)


# ---------------------------------------------------------------- registrations: cancel and attend


def test_the_registrant_cancels_and_the_waiting_list_moves_up(teacher, school):
    event = make_event(school, capacity=1)
    mine = services.register(event=event, user=teacher, full_name="Петров Пётр", email=teacher.email, consent=True)
    (waiting,) = sign_up(event)
    assert waiting.state == RegistrationState.WAITING
    response = api(teacher).post(f"{REGISTRATIONS}{mine.pk}/cancel/")
    assert response.status_code == 200 and response.json()["state"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.CONFIRMED
    again = api(teacher).post(f"{REGISTRATIONS}{mine.pk}/cancel/")
    assert again.status_code == 400 and again.json() == {"detail": "Регистрация уже отменена."}


@pytest.mark.parametrize("persona", ["stranger", "other_methodist"])
def test_nobody_cancels_someone_elses_registration(request, persona, crowd):
    _others, mine = crowd
    response = api(request.getfixturevalue(persona)).post(f"{REGISTRATIONS}{mine.pk}/cancel/")
    assert response.status_code in (403, 404)
    mine.refresh_from_db()
    assert mine.state == RegistrationState.CONFIRMED


def test_the_organizer_cancels_a_registration(crowd, orgadmin):
    others, _mine = crowd
    response = api(orgadmin).post(f"{REGISTRATIONS}{others[0].pk}/cancel/")
    assert response.status_code == 200 and response.json()["state"] == "cancelled"


@pytest.fixture
def starting(school):
    """An event starting in half an hour: the check-in is open."""
    return make_event(school, title="Скоро начнётся", starts_in=dt.timedelta(minutes=30))


def test_the_organizer_checks_a_participant_in(starting, orgadmin):
    (registration,) = sign_up(starting)
    response = api(orgadmin).post(f"{REGISTRATIONS}{registration.pk}/attend/")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "attended" and response.json()["attended_at"]
    assert api(orgadmin).post(f"{REGISTRATIONS}{registration.pk}/attend/").status_code == 200  # twice is harmless


def test_a_teacher_does_not_check_himself_in(starting, teacher):
    mine = services.register(event=starting, user=teacher, full_name="Петров Пётр", email=teacher.email, consent=True)
    assert api(teacher).post(f"{REGISTRATIONS}{mine.pk}/attend/").status_code == 403
    mine.refresh_from_db()
    assert mine.state == RegistrationState.CONFIRMED


def test_the_check_in_opens_an_hour_before_the_start(announced, methodist):
    (registration,) = sign_up(announced)
    response = api(methodist).post(f"{REGISTRATIONS}{registration.pk}/attend/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Отметка присутствия открывается за час до начала мероприятия."}


# ---------------------------------------------------------------- certificates


@pytest.fixture
def certificate(school):
    event = make_event(school, title="Семинар с сертификатами", starts_in=dt.timedelta(days=-3))
    return Certificate.objects.create(
        number="A7K2-9QX4-M3TZ",
        event=event,
        full_name="Участникова Мария Ивановна",
        organization_name="МБОУ СОШ № 5",
        email="maria@example.org",
        issued_at=timezone.now(),
    )


def test_anyone_confirms_a_real_certificate(certificate, school):
    response = api().get("/api/v1/certificates/A7K2-9QX4-M3TZ/")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == "A7K2-9QX4-M3TZ" and body["valid"] is True and body["revoked_at"] is None
    assert body["kind"] == "participant" and body["kind_label"] == "Сертификат участника"
    assert body["full_name"] == "Участникова Мария Ивановна"
    assert body["event"]["title"] == "Семинар с сертификатами" and body["event"]["starts_at"]
    assert body["organizer_name"] == school.short_name
    assert body["url"] == "http://testserver/certificates/A7K2-9QX4-M3TZ/"
    assert "maria@example.org" not in json.dumps(body)
    # typed from paper: lower case and spaces are read as the verification page reads them
    assert api().get("/api/v1/certificates/a7k2-9qx4-m3tz/").json()["number"] == "A7K2-9QX4-M3TZ"


def test_a_revoked_certificate_is_shown_as_not_valid(certificate):
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    body = api().get(f"/api/v1/certificates/{certificate.number}/").json()
    assert body["valid"] is False and body["revoked_at"]


def test_a_forged_number_is_not_found_and_there_is_no_list(certificate, methodist):
    assert api().get("/api/v1/certificates/A7K2-9QX4-0000/").status_code == 404
    assert api().get("/api/v1/certificates/").status_code == 404
    assert api(methodist).get("/api/v1/certificates/").status_code == 404


# ---------------------------------------------------------------- schema


def test_the_schema_describes_the_events_api():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{id}/",
        "/api/v1/registrations/",
        "/api/v1/registrations/{id}/cancel/",
        "/api/v1/registrations/{id}/attend/",
        "/api/v1/certificates/{number}/",
    ):
        assert path in schema["paths"]
    assert "get" not in schema["paths"].get("/api/v1/certificates/", {})
