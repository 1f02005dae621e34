"""The methodist's steps on an application through the API (issue 21) — the same services as the application's
page: formal check, send to review, reject, the council's recommendation, assigning experts, the depersonalised
copy; the expert's recusal and conflict declarations. A step the state forbids is 409, a bad body 400."""

from __future__ import annotations

import pytest
from django.utils import timezone

from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import AssignmentState, StageKind
from innoinfra.review.models import Application, Assignment, ConflictDeclaration
from tests.factories import OrganizationFactory, UserFactory
from tests.review.factories import make_application, make_call, stages_around

from .clients import api, logged_in, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(amursky):
    return UserFactory(username="colleague", first_name="Галина", last_name="Коллегова")


@pytest.fixture
def open_call(amursky, expert, colleague):
    return make_call(amursky, panel=[expert, colleague], title="Конкурс с открытым приёмом")


@pytest.fixture
def received(open_call, school, orgadmin):
    return make_application(open_call, school, by=orgadmin, submitted=True)


def state_of(application) -> str:
    return Application.objects.get(pk=application.pk).state


def post(user, application, step, body=None):
    return api(user).post(f"/api/v1/applications/{application.pk}/{step}/", body or {}, format="json")


def test_the_methodist_checks_then_sends_to_review(received, methodist):
    response = post(methodist, received, "check")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == AS.CHECKING
    response = post(methodist, received, "send-to-review")
    assert response.status_code == 200, response.json()
    assert state_of(received) == AS.UNDER_REVIEW


def test_a_step_the_state_forbids_is_a_conflict(received, methodist):
    services.withdraw(received, reason="Передумали")
    response = post(methodist, received, "check")
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == "Нельзя перевести заявку из состояния «Отозвана заявителем» в «Проверка комплектности»."
    )
    assert state_of(received) == AS.WITHDRAWN


def test_the_methodist_rejects_after_the_check(received, methodist):
    services.start_check(received)
    response = post(methodist, received, "reject", {"remarks": "Нет согласия учредителя"})
    assert response.status_code == 200, response.json()
    assert state_of(received) == AS.REJECTED


@pytest.mark.parametrize(
    ("role", "status"), [("orgadmin", 403), ("other_methodist", 404), ("expert", 404), ("teacher", 404), (None, 403)]
)
@pytest.mark.parametrize("step", ["check", "send-to-review", "reject", "blind-copy", "assign", "recommend"])
def test_only_the_territorys_staff_take_the_steps(request, received, role, status, step):
    response = post(persona(request, role), received, step, {"experts": [1], "recommended": True, "blind_theme": "Т"})
    assert response.status_code in ({status, 401} if role is None else {status})
    assert state_of(received) == AS.SUBMITTED


def test_the_recommendation_waits_for_the_council_stage(received, methodist, open_call):
    services.send_to_review(received)
    Application.objects.filter(pk=received.pk).update(state=AS.REVIEWED)
    response = post(methodist, received, "recommend", {"recommended": True})
    assert response.status_code == 400
    assert response.json()["detail"] == "Решения по этому конкурсу принимаются на этапе заседания совета."
    services.set_stages(open_call, stages_around(timezone.localdate(), StageKind.MEETING))
    response = post(methodist, received, "recommend", {"recommended": False, "remarks": "Мало баллов"})
    assert response.status_code == 200, response.json()
    assert state_of(received) == AS.NOT_RECOMMENDED


def test_the_methodist_assigns_experts_all_or_none(received, methodist, expert, colleague, school):
    stranger = UserFactory(username="stranger")
    response = post(methodist, received, "assign", {"experts": [expert.pk, stranger.pk]})
    assert response.status_code == 400
    assert response.json()["experts"] == [f"Пользователь с id {stranger.pk} не входит в экспертную группу конкурса."]
    ConflictDeclaration.objects.create(expert=colleague, organization=school, reason="Бывший сотрудник")
    response = post(methodist, received, "assign", {"experts": [expert.pk, colleague.pk]})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Назначение невозможно: заявленный конфликт интересов")
    assert not Assignment.objects.filter(application=received).exists()  # no partial change
    response = post(methodist, received, "assign", {"experts": [expert.pk]})
    assert response.status_code == 201, response.json()
    assert [row["expert"] for row in response.json()] == [expert.pk]
    assert post(methodist, received, "assign", {"experts": []}).json()["experts"] == [
        "Выберите хотя бы одного эксперта."
    ]


def test_the_methodist_saves_the_blind_copy(received, methodist):
    file = received.files.first()
    body = {"blind_theme": "Тема без названия школы", "passport": {"goal": "Цель без имён"}}
    response = post(methodist, received, "blind-copy", {**body, "depersonalised_files": [999999]})
    assert response.status_code == 400
    response = post(methodist, received, "blind-copy", {**body, "depersonalised_files": [file.pk] if file else []})
    assert response.status_code == 200, response.json()
    saved = Application.objects.get(pk=received.pk)
    assert saved.blind_theme == "Тема без названия школы" and saved.blind_passport["goal"] == "Цель без имён"
    response = post(methodist, received, "blind-copy", {**body, "passport": {"no_such_field": "x"}})
    assert response.status_code == 400
    assert response.json()["detail"] == "В заявке есть поля, которых нет в форме конкурса."


def test_the_expert_recuses_and_declares_conflicts_staff_see_them(received, methodist, expert, school, vyselki):
    assignment = services.assign(received, expert)
    response = api(expert).post(f"/api/v1/assignments/{assignment.pk}/recuse/", {"reason": ""}, format="json")
    assert response.status_code == 400 and response.json()["detail"] == "Укажите причину."
    response = api(methodist).post(f"/api/v1/assignments/{assignment.pk}/recuse/", {"reason": "x"}, format="json")
    assert response.status_code == 403
    response = api(expert).post(
        "/api/v1/conflict-declarations/", {"organization": school.pk, "reason": "Работал там"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert Assignment.objects.get(pk=assignment.pk).state == AssignmentState.RECUSED
    listed = api(methodist).get("/api/v1/conflict-declarations/").json()["results"]
    assert [(row["expert"], row["organization"]) for row in listed] == [(expert.pk, school.pk)]


@pytest.mark.parametrize(("role", "status"), [("teacher", 403), ("methodist", 403), (None, 403)])
def test_only_experts_declare_conflicts(request, school, role, status):
    response = api(persona(request, role)).post(
        "/api/v1/conflict-declarations/", {"organization": school.pk, "reason": "Связь"}, format="json"
    )
    assert response.status_code in ({status, 401} if role is None else {status})
    assert not ConflictDeclaration.objects.exists()


def test_others_do_not_read_declarations(expert, school, teacher, other_methodist, open_call):
    services.declare_conflict(expert, school, reason="Работал там")
    assert api().get("/api/v1/conflict-declarations/").json()["results"] == []
    assert api(teacher).get("/api/v1/conflict-declarations/").json()["results"] == []
    assert api(other_methodist).get("/api/v1/conflict-declarations/").json()["results"] == []
    assert len(api(expert).get("/api/v1/conflict-declarations/").json()["results"]) == 1


def test_the_declaration_list_does_not_query_per_row(open_call, methodist, amursky, assert_constant_queries):
    def more(count):
        for _ in range(count):
            expert = UserFactory()
            open_call.panel.add(expert)
            services.declare_conflict(expert, OrganizationFactory(municipality=amursky), reason="Совместитель")

    assert_constant_queries(logged_in(methodist), "/api/v1/conflict-declarations/", more, maximum=8)
