"""The review API — calls, applications, assignments, reviews and a call's ranking — told by the people of Amursky.

- Лариса (`methodist`) and Наталья (`authority`) run the Amursky calls: every application of the territory (in the
  list without applicants' drafts), every assignment and review; they return applications for revision.
- Вера (`other_methodist`) runs Vyselki: reads Amursky's published calls, nothing of its applications.
- Олег (`expert`) is on the call's panel: reads only what is assigned to him, never a conflicted application, never
  the applicant of a blind call; scores his own review; sees colleagues' reviews only after submitting his own and
  only while the stage allows.
- Ирина (`orgadmin`) heads school № 1: reads, submits and withdraws her school's applications.
- Пётр (`teacher`) has applied for nothing: sees nothing.
- An anonymous visitor reads published calls and nothing else.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import AssignmentState, ReviewState, StageKind
from innoinfra.review.models import Application, ApplicationFile, Assignment, CallDocument, Review
from innoinfra.review.ranking import build_ranking
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.review.factories import PASSPORT, full_scores, in_review, make_application, make_call, stages_around
from tests.review.test_ranking_views import score, scored_world
from tests.review.test_scores_before_ones_own_review import chair_joins

from .clients import api, ids, logged_in, persona

pytestmark = pytest.mark.django_db

ALL_ROLES = ["methodist", "authority", "other_methodist", "expert", "orgadmin", "teacher", "admin_user", None]


@pytest.fixture
def colleague(amursky):
    """A second expert of the panel."""
    return UserFactory(username="colleague", first_name="Галина", last_name="Коллегова")


@pytest.fixture
def call(amursky, expert, colleague):
    return make_call(amursky, panel=[expert, colleague], stage=StageKind.REVIEW)


def submitted(call, organization, *, by=None, theme="Функциональная грамотность в проектах"):
    """An application received while applications were open; the call is back in the stage it was in."""
    today = timezone.localdate()
    stage = call.stage_on(today).kind
    services.set_stages(call, stages_around(today, StageKind.APPLICATIONS))
    application = make_application(call, organization, by=by, submitted=True, theme=theme)
    services.set_stages(call, stages_around(today, stage))
    return application


@pytest.fixture
def assigned(call, school, orgadmin, expert, colleague):
    """School № 1's application in review with Олег and Галина assigned."""
    return in_review(submitted(call, school, by=orgadmin), experts=[expert, colleague])


# ---------------------------------------------------------------- calls


def test_published_calls_are_public_drafts_are_for_their_staff(amursky, vyselki, methodist, other_methodist):
    open_call = make_call(amursky, title="Конкурс «Инновационный поиск»")
    draft = make_call(amursky, title="Конкурс в подготовке", published=False)
    assert ids(api().get("/api/v1/calls/")) == {open_call.pk}
    assert ids(api(methodist).get("/api/v1/calls/")) == {open_call.pk, draft.pk}
    assert ids(api(other_methodist).get("/api/v1/calls/")) == {open_call.pk}
    assert api(methodist).get(f"/api/v1/calls/{draft.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("methodist", 200),
        ("authority", 200),
        ("admin_user", 200),
        ("other_methodist", 404),
        ("expert", 404),
        ("orgadmin", 404),
        ("teacher", 404),
        (None, 404),
    ],
)
def test_a_draft_call_is_not_found_by_outsiders(request, amursky, role, status):
    draft = make_call(amursky, published=False)
    assert api(persona(request, role)).get(f"/api/v1/calls/{draft.pk}/").status_code == status


def test_a_call_comes_with_its_timetable_documents_and_criteria(amursky):
    call = make_call(amursky, is_blind=True)
    CallDocument.objects.create(call=call, title="Положение о конкурсе", url="https://amursk.example.ru/polozhenie")
    body = api().get(f"/api/v1/calls/{call.pk}/").json()
    assert body["title"] == call.title and body["purpose_label"] == "Конкурс на присвоение статуса"
    assert body["municipality_name"] == amursky.name and body["is_blind"] is True
    assert [k["name"] for k in body["site_kinds"]] == [call.site_kinds.get().name]
    assert [s["kind"] for s in body["stages"]] == ["applications", "formal_check", "review", "meeting", "results"]
    assert body["current_stage"] == "applications" and body["accepting"] is True
    assert body["deadline"] == call.stage_of_kind(StageKind.APPLICATIONS).ends_on.isoformat()
    assert body["rubric"] == call.rubric_id
    assert [c["title"] for c in body["criteria"]] == ["Актуальность", "Новизна", "Результативность"]
    assert body["criteria"][0]["levels"][2] == {"value": 2, "meaning": "проявляется в полной мере"}
    assert body["documents"] == [
        {
            "id": call.documents.get().pk,
            "title": "Положение о конкурсе",
            "url": "https://amursk.example.ru/polozhenie",
            "file": None,
        }
    ]


def test_call_filters(amursky):
    make_call(amursky, title="Приём идёт")
    make_call(amursky, title="Идёт экспертиза", stage=StageKind.REVIEW, purpose="contest")
    titles = lambda response: {row["title"] for row in response.json()["results"]}  # noqa: E731
    assert titles(api().get("/api/v1/calls/", {"open": "true"})) == {"Приём идёт"}
    assert titles(api().get("/api/v1/calls/", {"purpose": "contest"})) == {"Идёт экспертиза"}
    bad = api().get("/api/v1/calls/", {"purpose": "всё"})
    assert bad.status_code == 400 and "purpose" in bad.json()


def test_the_call_list_does_not_query_per_row(amursky, methodist, assert_constant_queries):
    def more(count):
        for _ in range(count):
            call = make_call(amursky)
            CallDocument.objects.create(call=call, title="Положение", url="https://example.ru/p")

    # the session, the user and their roles, the count, the page; then stages, statuses and documents
    assert_constant_queries(logged_in(methodist), "/api/v1/calls/", more, maximum=8)


# ---------------------------------------------------------------- who reads which application


@pytest.fixture
def applications(call, assigned, amursky, vyselki):
    """School № 1's application in review (Олег assigned), another Amursky school's draft, a Vyselki application."""
    draft = make_application(call, OrganizationFactory(municipality=amursky), theme="Черновик другой школы")
    foreign = submitted(make_call(vyselki), OrganizationFactory(municipality=vyselki), theme="Выселковская заявка")
    return {"assigned": assigned, "draft": draft, "foreign": foreign}


VISIBLE = {
    "methodist": {"assigned"},
    "authority": {"assigned"},
    "admin_user": {"assigned", "foreign"},
    "other_methodist": {"foreign"},
    "expert": {"assigned"},
    "orgadmin": {"assigned"},
    "teacher": set(),
    None: set(),
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_person_lists_only_the_applications_they_may_see(request, applications, role):
    expected = {applications[name].pk for name in VISIBLE[role]}
    assert ids(api(persona(request, role)).get("/api/v1/applications/")) == expected


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("methodist", 200),
        ("authority", 200),
        ("admin_user", 200),
        ("other_methodist", 404),
        ("expert", 404),
        ("orgadmin", 404),
        ("teacher", 404),
        (None, 404),
    ],
)
def test_a_draft_opens_for_its_territorys_staff_as_its_page_does(request, applications, role, status):
    draft = applications["draft"]
    assert api(persona(request, role)).get(f"/api/v1/applications/{draft.pk}/").status_code == status


def test_the_applicant_reads_the_whole_application(assigned, orgadmin, school):
    body = api(orgadmin).get(f"/api/v1/applications/{assigned.pk}/").json()
    assert body["names_hidden"] is False and body["organization_name"] == school.short_name
    assert body["lead_organization"] == school.pk and body["state"] == "under_review"
    assert {p["code"]: p["value"] for p in body["passport"]}["authors"] == PASSPORT["authors"]
    assert [e["to_state"] for e in body["events"]] == ["draft", "submitted", "under_review"]
    assert all(e["by"] is None for e in body["events"])  # who acted is for the call's staff
    assert body["actions"] == ["withdraw"]


def test_the_application_list_does_not_query_per_row(call, amursky, expert, methodist, assert_constant_queries):
    def more(count):
        for _ in range(count):
            application = submitted(call, OrganizationFactory(municipality=amursky))
            in_review(application, experts=[expert])
            ApplicationFile.objects.create(application=application, title="План работы", file="a/plan.docx")

    # the session, the user and their roles, the count, the page; then stages, partners and files, one query each
    assert_constant_queries(logged_in(methodist), "/api/v1/applications/", more, maximum=8)
    assert_constant_queries(logged_in(expert), "/api/v1/applications/", more, maximum=8)


# ---------------------------------------------------------------- blind calls


@pytest.fixture
def blind(amursky, school, orgadmin, expert):
    """A blind call in review: school № 1's application with personal passport fields, a partner, a supervisor,
    a file that names the school, assigned to Олег."""
    school.inn = "2706012345"
    school.save(update_fields=["inn"])
    partner = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 5 г. Амурска")
    call = make_call(amursky, panel=[expert], stage=StageKind.REVIEW, is_blind=True)
    application = submitted(call, school, by=orgadmin, theme="Тема школы № 1 г. Амурска")
    application.partners.add(partner)
    application.supervisor = "Сидоренко Павел Игоревич"
    application.save(update_fields=["supervisor"])
    ApplicationFile.objects.create(application=application, title="Устав МБОУ СОШ № 1 г. Амурска", file="a/ustav.pdf")
    ApplicationFile.objects.create(
        application=application, title="Программа МБОУ СОШ № 1", file="a/programma.pdf", depersonalised=True
    )
    return in_review(application, experts=[expert])


SECRETS = (
    "СОШ № 1",
    "Амурска",
    "Тема школы",
    "2706012345",
    PASSPORT["authors"],
    "Сидоренко",
    "СОШ № 5",
    "Иванова Ирина",
    "Устав",
    "ustav",
    "programma",
)


def assert_no_secrets(response, school):
    assert response.status_code == 200, response.json()
    text = json.dumps(response.json(), ensure_ascii=False)
    for secret in (*SECRETS, school.short_name, school.full_name):
        assert secret not in text, secret


def test_a_blind_call_never_names_the_applicant_to_the_expert(blind, expert, school):
    client = api(expert)
    assignment = blind.assignments.get()
    for url in (
        "/api/v1/applications/",
        f"/api/v1/applications/{blind.pk}/",
        "/api/v1/assignments/",
        f"/api/v1/assignments/{assignment.pk}/",
    ):
        assert_no_secrets(client.get(url), school)
    body = client.get(f"/api/v1/applications/{blind.pk}/").json()
    assert body["names_hidden"] is True
    assert body["lead_organization"] is None and body["organization_name"] is None
    assert body["partners"] == [] and body["supervisor"] is None and body["events"] == []
    assert body["theme"] == "Тема скрыта до подготовки обезличенной копии"
    passport = {p["code"]: p["value"] for p in body["passport"]}
    assert "authors" not in passport and passport["goal"] == PASSPORT["goal"]  # the rest is there to be judged
    assert [f["title"] for f in body["files"]] == ["Файл 1"]  # only the depersonalised file, without its title
    # once Олег has started scoring, his review does not name the applicant either
    review = api(expert).post("/api/v1/reviews/", {"assignment": assignment.pk}, format="json")
    assert review.status_code == 201, review.json()
    assert_no_secrets(client.get(f"/api/v1/reviews/{review.json()['id']}/"), school)


def test_the_expert_reads_the_methodists_depersonalised_copy(blind, expert, school):
    blind.blind_theme = "Проектная деятельность в основной школе"
    personal = {"authors": "Автор А", "partners": "Школа Б", "experience": "Пять лет в статусе опорной школы"}
    blind.blind_passport = {**{code: PASSPORT[code] for code in blind.call.form_fields}, **personal}
    blind.save(update_fields=["blind_theme", "blind_passport"])
    response = api(expert).get(f"/api/v1/applications/{blind.pk}/")
    assert_no_secrets(response, school)
    body = response.json()
    assert body["theme"] == "Проектная деятельность в основной школе"
    assert {p["code"]: p["value"] for p in body["passport"]}["authors"] == "Автор А"


def test_staff_and_the_applicant_always_see_the_applicant(blind, methodist, orgadmin, school):
    for user in (methodist, orgadmin):
        body = api(user).get(f"/api/v1/applications/{blind.pk}/").json()
        assert body["names_hidden"] is False and body["organization_name"] == school.short_name
        assert {f["title"] for f in body["files"]} == {"Устав МБОУ СОШ № 1 г. Амурска", "Программа МБОУ СОШ № 1"}
    rows = api(methodist).get("/api/v1/assignments/").json()["results"]
    assert [(r["organization_name"], r["theme"]) for r in rows] == [(school.short_name, "Тема школы № 1 г. Амурска")]


def test_a_stage_that_reveals_the_names_shows_them_to_the_expert(blind, expert, school):
    blind.call.stages.filter(kind=StageKind.REVIEW).update(reveal_names=True)
    body = api(expert).get(f"/api/v1/applications/{blind.pk}/").json()
    assert body["names_hidden"] is False and body["organization_name"] == school.short_name


# ---------------------------------------------------------------- conflicts of interest


def test_an_expert_working_at_the_applicant_never_sees_the_application(call, assigned, school):
    # Assigned behind the service's back (the service refuses it): the API still keeps the application away.
    insider = UserFactory(username="insider", last_name="Школьная", organization=school)
    Assignment.objects.create(application=assigned, expert=insider, state=AssignmentState.ACCEPTED)
    client = api(insider)
    assert ids(client.get("/api/v1/applications/")) == set()
    assert client.get(f"/api/v1/applications/{assigned.pk}/").status_code == 404
    assert ids(client.get("/api/v1/assignments/")) == set()


def test_a_declared_conflict_takes_the_application_away(assigned, expert, school):
    services.declare_conflict(expert, school, reason="Супруга работает в школе")
    client = api(expert)
    assert ids(client.get("/api/v1/applications/")) == set()
    assert client.get(f"/api/v1/applications/{assigned.pk}/").status_code == 404
    assert ids(client.get("/api/v1/assignments/")) == set()
    assert Assignment.objects.get(application=assigned, expert=expert).state == AssignmentState.RECUSED


def test_a_conflict_declared_after_the_review_still_hides_the_application(call, assigned, expert, amursky):
    partner = OrganizationFactory(municipality=amursky)
    assigned.partners.add(partner)
    services.save_review(
        assigned.assignments.get(expert=expert),
        by=expert,
        scores=full_scores(call, [2, 2, 2]),
        conclusion="Проект обоснован",
        recommendation="support",
        submit=True,
    )
    services.declare_conflict(expert, partner, reason="Бывший руководитель партнёра")
    assert Assignment.objects.get(application=assigned, expert=expert).state == AssignmentState.ACCEPTED
    assert api(expert).get(f"/api/v1/applications/{assigned.pk}/").status_code == 404


# ---------------------------------------------------------------- the applicant's and the methodist's actions


@pytest.fixture
def open_call(amursky, expert):
    return make_call(amursky, panel=[expert], title="Конкурс с открытым приёмом")


@pytest.fixture
def draft(open_call, school, orgadmin):
    return make_application(open_call, school, by=orgadmin)


def state_of(application) -> str:
    return Application.objects.get(pk=application.pk).state


def test_the_applicant_submits_her_draft(draft, orgadmin):
    response = api(orgadmin).post(f"/api/v1/applications/{draft.pk}/submit/")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "submitted" and response.json()["state_label"] == "Подана"
    assert response.json()["actions"] == ["withdraw"]
    assert state_of(draft) == AS.SUBMITTED


def test_an_incomplete_draft_is_not_submitted(draft, orgadmin):
    Application.objects.filter(pk=draft.pk).update(passport={**draft.passport, "goal": ""})
    response = api(orgadmin).post(f"/api/v1/applications/{draft.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"] == "Заполните разделы заявки: Цель проекта."
    assert state_of(draft) == AS.DRAFT


def test_nothing_is_submitted_after_the_close(draft, orgadmin, open_call):
    services.set_stages(open_call, stages_around(timezone.localdate(), StageKind.REVIEW))
    response = api(orgadmin).post(f"/api/v1/applications/{draft.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Приём заявок закрыт (срок истёк")
    assert state_of(draft) == AS.DRAFT


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 403), ("authority", 403), ("other_methodist", 404), ("expert", 404), ("teacher", 404), (None, 403)],
)
def test_only_the_applicant_submits(request, draft, role, status):
    response = api(persona(request, role)).post(f"/api/v1/applications/{draft.pk}/submit/")
    assert response.status_code in ({status, 401} if role is None else {status})
    assert state_of(draft) == AS.DRAFT


def test_the_methodist_returns_an_application_with_remarks(draft, orgadmin, methodist):
    services.submit(draft, by=orgadmin)
    response = api(methodist).post(
        f"/api/v1/applications/{draft.pk}/return/", {"remarks": "Приложите план работы на год"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "returned"
    assert state_of(draft) == AS.RETURNED
    # the applicant reads the remarks and may submit again
    body = api(orgadmin).get(f"/api/v1/applications/{draft.pk}/").json()
    assert body["remarks"] == "Приложите план работы на год" and body["actions"] == ["submit", "withdraw"]
    # staff see who returned it
    events = api(methodist).get(f"/api/v1/applications/{draft.pk}/").json()["events"]
    assert events[-1]["by"] == methodist.full_name and events[-1]["comment"] == "Приложите план работы на год"


def test_remarks_are_required_to_return(draft, orgadmin, methodist):
    services.submit(draft, by=orgadmin)
    response = api(methodist).post(f"/api/v1/applications/{draft.pk}/return/", {"remarks": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Напишите замечания: заявитель должен знать, что исправить."
    assert state_of(draft) == AS.SUBMITTED


def test_a_draft_cannot_be_returned(draft, methodist):
    response = api(methodist).post(f"/api/v1/applications/{draft.pk}/return/", {"remarks": "Ещё нет"}, format="json")
    assert response.status_code == 409  # the state forbids the step: a conflict with the record
    assert response.json()["detail"] == "Нельзя перевести заявку из состояния «Черновик» в «Возвращена на доработку»."
    assert state_of(draft) == AS.DRAFT


@pytest.mark.parametrize(("role", "status"), [("orgadmin", 403), ("other_methodist", 404), ("expert", 404)])
def test_only_the_territorys_staff_return_applications(request, draft, orgadmin, role, status):
    services.submit(draft, by=orgadmin)
    response = api(persona(request, role)).post(
        f"/api/v1/applications/{draft.pk}/return/", {"remarks": "Замечания"}, format="json"
    )
    assert response.status_code == status
    assert state_of(draft) == AS.SUBMITTED


def test_the_applicant_withdraws_once(draft, orgadmin, methodist):
    client = api(orgadmin)
    response = client.post(f"/api/v1/applications/{draft.pk}/withdraw/", {"reason": "Передумали"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "withdrawn" and response.json()["actions"] == []
    again = client.post(f"/api/v1/applications/{draft.pk}/withdraw/", {}, format="json")
    assert again.status_code == 400
    assert (
        again.json()["detail"] == "Нельзя перевести заявку из состояния «Отозвана заявителем» в «Отозвана заявителем»."
    )
    assert draft.events.filter(to_state=AS.WITHDRAWN).count() == 1
    refused = api(methodist).post(f"/api/v1/applications/{draft.pk}/withdraw/", {}, format="json")
    assert refused.status_code == 403


# ---------------------------------------------------------------- assignments


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("methodist", {"expert", "colleague"}),
        ("authority", {"expert", "colleague"}),
        ("admin_user", {"expert", "colleague"}),
        ("expert", {"expert"}),
        ("other_methodist", set()),
        ("orgadmin", set()),
        ("teacher", set()),
        (None, set()),
    ],
)
def test_each_person_lists_the_assignments_they_may_see(request, assigned, expert, colleague, role, sees):
    expected = set(
        Assignment.objects.filter(expert__in=[persona(request, p) for p in sees]).values_list("pk", flat=True)
    )
    assert ids(api(persona(request, role)).get("/api/v1/assignments/")) == expected


def test_an_expert_does_not_open_a_colleagues_assignment(assigned, expert, colleague, methodist):
    theirs = assigned.assignments.get(expert=colleague)
    assert api(expert).get(f"/api/v1/assignments/{theirs.pk}/").status_code == 404
    assert api(expert).post(f"/api/v1/assignments/{theirs.pk}/accept/").status_code == 404
    row = api(methodist).get(f"/api/v1/assignments/{theirs.pk}/").json()
    assert row["expert_name"] == colleague.full_name and row["state"] == "pending"


def test_the_expert_accepts_once(assigned, expert, methodist):
    mine = assigned.assignments.get(expert=expert)
    refused = api(methodist).post(f"/api/v1/assignments/{mine.pk}/accept/")
    assert refused.status_code == 403
    response = api(expert).post(f"/api/v1/assignments/{mine.pk}/accept/")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "accepted" and response.json()["state_label"] == "Принято"
    again = api(expert).post(f"/api/v1/assignments/{mine.pk}/accept/")
    assert again.status_code == 400 and again.json()["detail"] == "Назначение уже рассмотрено."
    mine.refresh_from_db()
    assert mine.state == AssignmentState.ACCEPTED


def test_the_expert_declines_with_a_reason(assigned, expert):
    mine = assigned.assignments.get(expert=expert)
    client = api(expert)
    refused = client.post(f"/api/v1/assignments/{mine.pk}/decline/", {"reason": ""}, format="json")
    assert refused.status_code == 400 and refused.json()["detail"] == "Укажите причину."
    mine.refresh_from_db()
    assert mine.state == AssignmentState.PENDING
    response = client.post(f"/api/v1/assignments/{mine.pk}/decline/", {"reason": "Командировка"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "declined" and response.json()["reason"] == "Командировка"
    # the declined application is no longer in his hands
    assert client.get(f"/api/v1/applications/{assigned.pk}/").status_code == 404


def test_the_assignment_list_does_not_query_per_row(call, amursky, expert, methodist, assert_constant_queries):
    def more(count):
        for _ in range(count):
            application = in_review(submitted(call, OrganizationFactory(municipality=amursky)), experts=[expert])
            services.save_review(application.assignments.get(), by=expert, scores={}, conclusion="Черновик")

    # the session, the user and their roles, the count, the page; then stages and files, one query each
    assert_constant_queries(logged_in(expert), "/api/v1/assignments/", more, maximum=7)
    assert_constant_queries(logged_in(methodist), "/api/v1/assignments/", more, maximum=7)


# ---------------------------------------------------------------- reviews


def criteria_of(call) -> list[int]:
    return list(call.rubric.criteria.order_by("position").values_list("pk", flat=True))


def start_review(client, assignment, **payload):
    response = client.post("/api/v1/reviews/", {"assignment": assignment.pk, **payload}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_the_expert_drafts_then_submits_his_review(call, assigned, expert):
    first, second, third = criteria_of(call)
    client = api(expert)
    mine = assigned.assignments.get(expert=expert)
    body = start_review(client, mine, scores=[{"criterion": first, "value": 2, "comment": "Тема востребована"}])
    assert body["state"] == "draft" and body["may_edit"] is True and body["total"] == "6.00"
    assert body["max_total"] == "30.00" and len(body["criteria"]) == 3
    mine.refresh_from_db()
    assert mine.state == AssignmentState.ACCEPTED  # starting the review accepts the assignment, as on the page
    url = f"/api/v1/reviews/{body['id']}/"
    patched = client.patch(
        url, {"scores": [{"criterion": second, "value": 1}], "conclusion": "Черновик"}, format="json"
    )
    assert patched.status_code == 200, patched.json()
    assert {s["criterion"]: (s["value"], s["comment"]) for s in patched.json()["scores"]} == {
        first: (2, "Тема востребована"),
        second: (1, ""),
    }
    assert patched.json()["total"] == "11.00" and patched.json()["conclusion"] == "Черновик"
    incomplete = client.post(f"{url}submit/", {"recommendation": "support"}, format="json")
    assert incomplete.status_code == 400
    assert incomplete.json()["detail"] == "«Результативность»: не выставлен балл."
    assert Review.objects.get(pk=body["id"]).state == ReviewState.DRAFT
    done = client.post(
        f"{url}submit/", {"scores": [{"criterion": third, "value": 1}], "recommendation": "support"}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["state"] == "submitted" and done.json()["total"] == "18.00" and done.json()["may_edit"] is False


def test_a_submitted_review_is_not_changed(call, assigned, expert):
    mine = assigned.assignments.get(expert=expert)
    review = services.save_review(
        mine,
        by=expert,
        scores=full_scores(call, [2, 2, 2]),
        conclusion="Сильный проект",
        recommendation="support",
        submit=True,
    )
    client = api(expert)
    first = criteria_of(call)[0]
    response = client.patch(
        f"/api/v1/reviews/{review.pk}/", {"scores": [{"criterion": first, "value": 0}]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Оценка уже отправлена; изменить её может только методист, вернув её эксперту."
    )
    again = client.post(f"/api/v1/reviews/{review.pk}/submit/", {}, format="json")
    assert again.status_code == 400
    review.refresh_from_db()
    assert review.total == 30 and review.scores.get(criterion_id=first).value == 2


def test_scores_outside_the_scale_are_refused(call, assigned, expert):
    first = criteria_of(call)[0]
    response = api(expert).post(
        "/api/v1/reviews/",
        {"assignment": assigned.assignments.get(expert=expert).pk, "scores": [{"criterion": first, "value": 7}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "«Актуальность»: балл должен быть от 0 до 2."
    assert not Review.objects.exists()


def test_nobody_reviews_on_someone_elses_assignment(assigned, colleague, expert, methodist):
    theirs = assigned.assignments.get(expert=colleague)
    response = api(expert).post("/api/v1/reviews/", {"assignment": theirs.pk}, format="json")
    assert response.status_code == 400 and response.json()["assignment"] == ["Назначение не найдено среди ваших."]
    assert api(methodist).post("/api/v1/reviews/", {"assignment": theirs.pk}, format="json").status_code == 400
    assert api().post("/api/v1/reviews/", {"assignment": theirs.pk}, format="json").status_code in (401, 403)
    assert not Review.objects.exists()


def test_a_review_is_the_experts_own_and_the_staffs(call, assigned, expert, colleague, methodist, other_methodist):
    review = services.save_review(
        assigned.assignments.get(expert=colleague), by=colleague, scores={}, conclusion="Черновик Галины"
    )
    for outsider in (expert, other_methodist, UserFactory(username="nobody")):
        assert api(outsider).get(f"/api/v1/reviews/{review.pk}/").status_code == 404
        assert ids(api(outsider).get("/api/v1/reviews/")) == set()
    assert api(expert).patch(f"/api/v1/reviews/{review.pk}/", {"conclusion": "Моё"}, format="json").status_code == 404
    staff = api(methodist)
    assert ids(staff.get("/api/v1/reviews/")) == {review.pk}
    assert staff.get(f"/api/v1/reviews/{review.pk}/").json()["expert_name"] == colleague.full_name
    refused = staff.patch(f"/api/v1/reviews/{review.pk}/", {"conclusion": "Методист"}, format="json")
    assert refused.status_code == 403
    review.refresh_from_db()
    assert review.conclusion == "Черновик Галины"


def test_colleagues_reviews_only_after_ones_own_and_when_the_stage_allows(call, assigned, expert, colleague):
    galina = services.save_review(
        assigned.assignments.get(expert=colleague),
        by=colleague,
        scores=full_scores(call, [1, 1, 1]),
        conclusion="Заключение Галины",
        recommendation="revise",
        submit=True,
    )
    oleg = services.save_review(assigned.assignments.get(expert=expert), by=expert, scores={}, conclusion="Черновик")
    client = api(expert)
    # Олег's own review is a draft: nothing of Галина's
    assert client.get(f"/api/v1/reviews/{oleg.pk}/").json()["others"] == []
    assert ids(client.get("/api/v1/reviews/")) == {oleg.pk}
    assert client.get(f"/api/v1/reviews/{galina.pk}/").status_code == 404
    services.save_review(
        assigned.assignments.get(expert=expert),
        by=expert,
        scores=full_scores(call, [2, 2, 2]),
        conclusion="Заключение Олега",
        recommendation="support",
        submit=True,
    )
    # submitted, but the review stage does not show colleagues' reviews
    assert client.get(f"/api/v1/reviews/{oleg.pk}/").json()["others"] == []
    services.set_stages(call, stages_around(timezone.localdate(), StageKind.MEETING))
    body = client.get(f"/api/v1/reviews/{oleg.pk}/").json()
    assert body["others"] == [
        {
            "label": "Эксперт 2",
            "total": "15.00",
            "recommendation": "revise",
            "recommendation_label": "Рекомендовать после доработки",
            "conclusion": "Заключение Галины",
        }
    ]
    assert colleague.last_name not in json.dumps(body, ensure_ascii=False)
    assert client.get(f"/api/v1/reviews/{galina.pk}/").status_code == 404


def test_the_applicant_reads_anonymised_reviews_after_the_decision(call, assigned, expert, colleague, orgadmin):
    for person, levels in ((expert, [2, 2, 2]), (colleague, [1, 1, 1])):
        services.save_review(
            assigned.assignments.get(expert=person),
            by=person,
            scores=full_scores(call, levels),
            conclusion=f"Заключение: {person.first_name}",
            recommendation="support",
            submit=True,
        )
    client = api(orgadmin)
    assert client.get(f"/api/v1/applications/{assigned.pk}/").json()["reviews"] == []
    services.record_council_decision(Application.objects.get(pk=assigned.pk), recommended=True)
    body = client.get(f"/api/v1/applications/{assigned.pk}/").json()
    assert [r["label"] for r in body["reviews"]] == ["Эксперт 1", "Эксперт 2"]
    assert body["reviews"][0]["scores"][0] == {
        "criterion": criteria_of(call)[0],
        "criterion_title": "Актуальность",
        "value": 2,
        "comment": "",
    }
    text = json.dumps(body, ensure_ascii=False)
    assert expert.last_name not in text and colleague.last_name not in text


def test_the_review_list_does_not_query_per_row(call, amursky, expert, methodist, assert_constant_queries):
    def more(count):
        for _ in range(count):
            application = in_review(submitted(call, OrganizationFactory(municipality=amursky)), experts=[expert])
            services.save_review(application.assignments.get(), by=expert, scores=full_scores(call, [1, 2, 1]))

    # the session, the user and their roles, the count, the page; then scores, stages and criteria
    assert_constant_queries(logged_in(expert), "/api/v1/reviews/", more, maximum=8)
    assert_constant_queries(logged_in(methodist), "/api/v1/reviews/", more, maximum=8)


# ---------------------------------------------------------------- the ranking


@pytest.fixture
def council(expert):
    return Membership.objects.get(user=expert).body


@pytest.fixture
def chair(council):
    """Галина, chair of the council the call belongs to: follows the ranking."""
    user = UserFactory(username="galina", first_name="Галина", last_name="Председателева")
    MembershipFactory(user=user, role=Role.EXPERT, body=council, body_position=BodyPosition.CHAIR)
    return user


@pytest.fixture
def world(amursky, school, council):
    return scored_world(amursky, school, body=council)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("methodist", 200),
        ("authority", 200),
        ("admin_user", 200),
        ("chair", 200),
        ("expert", 403),
        ("other_methodist", 403),
        ("orgadmin", 403),
        ("teacher", 403),
        (None, 403),
    ],
)
def test_the_ranking_is_for_the_calls_staff_and_the_chair(request, world, role, status):
    response = api(persona(request, role)).get(f"/api/v1/calls/{world.call.pk}/ranking/")
    assert response.status_code == status
    if status == 403 and role is not None:
        assert response.json()["detail"] == "Результаты экспертизы видят методисты конкурса и председатель совета."


def test_an_unpublished_calls_ranking_is_not_found_by_outsiders(world, other_methodist, chair):
    world.call.is_published = False
    world.call.save(update_fields=["is_published"])
    assert api(other_methodist).get(f"/api/v1/calls/{world.call.pk}/ranking/").status_code == 404
    assert api(chair).get(f"/api/v1/calls/{world.call.pk}/ranking/").status_code == 200


def test_the_ranking_has_the_numbers_of_the_ranking_page(world, methodist):
    body = api(methodist).get(f"/api/v1/calls/{world.call.pk}/ranking/").json()
    expected = build_ranking(world.call)
    assert [
        (r["number"], r["rank"], r["score"], r["mean"], r["median"], r["spread"], r["share"]) for r in body["rows"]
    ] == [
        (
            r.application.number,
            r.rank,
            *(None if v is None else str(v) for v in (r.score, r.mean, r.median, r.spread, r.share)),
        )
        for r in expected.rows
    ]
    second, first, third = body["rows"]
    # № 2 first: 25 and 23 (the declined and the recused expert do not count); № 1: 30 and 10, the experts disagree
    assert (second["number"], second["score"], second["totals"], second["passes"]) == (
        2,
        "24.00",
        ["25.00", "23.00"],
        True,
    )
    assert (first["number"], first["score"], first["disputed"], first["share"]) == (1, "20.00", True, "66.67")
    assert first["criterion_means"][0] == {
        "criterion": world.call.rubric.criteria.first().pk,
        "mean": "1.50",
        "below_minimum": False,
    }
    assert (third["number"], third["rank"], third["score"], third["submitted"], third["assigned"]) == (
        3,
        None,
        None,
        0,
        1,
    )
    assert (body["maximum"], body["threshold_points"], body["passing_count"], body["disputed_count"]) == (
        "30.00",
        "18.00",
        2,
        1,
    )
    assert second["organization_name"] == "МБОУ Гимназия № 8" and first["theme"] == "Школа функциональной грамотности"


def test_the_ranking_normalises_on_request(world, methodist):
    client = api(methodist)
    plain = client.get(f"/api/v1/calls/{world.call.pk}/ranking/").json()
    normalised = client.get(f"/api/v1/calls/{world.call.pk}/ranking/", {"normalise": "1"}).json()
    assert plain["normalised"] is False and normalised["normalised"] is True
    expected = [None if r.score is None else str(r.score) for r in build_ranking(world.call, normalise=True).rows]
    assert [r["score"] for r in normalised["rows"]] == expected != [r["score"] for r in plain["rows"]]


def test_the_chair_of_a_blind_call_never_sees_the_applicants(amursky, school, council, chair, methodist):
    blind = scored_world(amursky, school, body=council, is_blind=True, title="Слепой конкурс")
    response = api(chair).get(f"/api/v1/calls/{blind.call.pk}/ranking/")
    text = json.dumps(response.json(), ensure_ascii=False)
    for secret in (school.short_name, "Гимназия", "Лицей", "Школа функциональной грамотности", "Цифровая"):
        assert secret not in text
    assert {r["theme"] for r in response.json()["rows"]} == {"Тема скрыта (слепая экспертиза)"}
    assert all(r["names_hidden"] and r["organization_name"] is None for r in response.json()["rows"])
    staff = api(methodist).get(f"/api/v1/calls/{blind.call.pk}/ranking/").json()
    assert "МБОУ Гимназия № 8" in {r["organization_name"] for r in staff["rows"]}


def test_the_schema_describes_the_review_api():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/calls/",
        "/api/v1/calls/{id}/ranking/",
        "/api/v1/applications/{id}/return/",
        "/api/v1/assignments/{id}/decline/",
        "/api/v1/reviews/{id}/submit/",
    ):
        assert path in schema["paths"]


# ---------------------------------------------------------------- scores withheld until one's own review


def test_the_chair_gets_no_scores_of_an_application_she_still_scores(world, chair, methodist):
    """Галина joins № 1's experts: until she submits, the ranking withholds № 1's scores (and every place) from her."""
    chair_joins(world, chair)
    score(world.first, chair, [1, 1, 1], submit=False)
    client = api(chair)
    body = client.get(f"/api/v1/calls/{world.call.pk}/ranking/").json()
    rows = {r["number"]: r for r in body["rows"]}
    first = rows[1]
    assert first["scores_withheld"] is True
    assert (first["score"], first["mean"], first["totals"], first["passes"], first["disputed"]) == (
        None,
        None,
        [],
        False,
        False,
    )
    assert {m["mean"] for m in first["criterion_means"]} == {None}
    assert (first["submitted"], first["assigned"]) == (2, 3)
    assert {r["rank"] for r in body["rows"]} == {None}
    assert (rows[2]["scores_withheld"], rows[2]["score"]) == (False, "24.00")
    assert (body["passing_count"], body["disputed_count"]) == (1, 0)
    # the methodist's ranking is whole
    staff = {r["number"]: r for r in api(methodist).get(f"/api/v1/calls/{world.call.pk}/ranking/").json()["rows"]}
    assert (staff[1]["scores_withheld"], staff[1]["score"], staff[2]["rank"]) == (False, "20.00", 1)
    score(world.first, chair, [2, 1, 1])
    rows = {r["number"]: r for r in client.get(f"/api/v1/calls/{world.call.pk}/ranking/").json()["rows"]}
    assert rows[1]["scores_withheld"] is False and rows[1]["score"] is not None and rows[2]["rank"] is not None


def test_the_chair_reads_no_colleague_in_her_own_review_before_submitting_it(world, chair):
    chair_joins(world, chair)
    world.call.stages.filter(kind=StageKind.REVIEW).update(experts_see_other_reviews=True)
    draft = score(world.first, chair, [1, 1, 1], submit=False)
    client = api(chair)
    body = client.get(f"/api/v1/reviews/{draft.pk}/").json()
    assert body["others"] == [] and "Проект зрелый" not in json.dumps(body, ensure_ascii=False)
    assert ids(client.get("/api/v1/reviews/")) == {draft.pk}
    score(world.first, chair, [2, 1, 1])
    others = client.get(f"/api/v1/reviews/{draft.pk}/").json()["others"]
    assert [(o["label"], o["total"]) for o in others] == [("Эксперт 2", "30.00"), ("Эксперт 3", "10.00")]
