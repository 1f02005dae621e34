"""The plans API, told by the people of the Amursky district.

- Лариса (`methodist`) runs the Amursky plans: creates, edits drafts, approves by an order, marks execution.
- Наталья (`authority`) may do what Лариса does.
- Вера (`other_methodist`) runs Vyselki: reads Amursky's approved plans, writes none of them.
- Ирина (`orgadmin`) heads school № 1: writes her school's plans, cannot approve them.
- Пётр (`teacher`) writes nothing; marks execution only where he is named responsible.
- An anonymous visitor reads approved plans and nothing else.
"""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus, PlanKind, PlanState
from innoinfra.plans.models import Evidence, Occurrence, Plan, PlanItem

from ..factories import OrderFactory, OrganizationFactory
from ..plans.factories import make_plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = (TODAY - dt.timedelta(days=120), TODAY + dt.timedelta(days=240))
PAST = TODAY - dt.timedelta(days=10)
SOON = TODAY + dt.timedelta(days=20)


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def plan_of(owner, *, approved=False, title="План мероприятий по сопровождению инноваций", **kwargs):
    """Two items: a seminar that was due ten days ago, a round table due in twenty days."""
    items = (("Семинар для педагогов", f"{PAST:%d.%m.%Y}"), ("Круглый стол", f"{SOON:%d.%m.%Y}"))
    return make_plan(owner, title=title, items=items, period=PERIOD, approved=approved, **kwargs)


def occurrence_of(plan, activity) -> Occurrence:
    return Occurrence.objects.get(plan=plan, item__activity=activity)


@pytest.fixture
def approved(amursky):
    return plan_of(amursky, approved=True, title="План мероприятий РМЦ (утверждён)")


@pytest.fixture
def draft(amursky):
    return plan_of(amursky, title="Проект плана РМЦ")


@pytest.fixture
def school_plan(school):
    return plan_of(school, title="План работы школы № 1")


def logged_in(user):
    """A session like a browser's: each request loads its user afresh, so query counts are the real ones."""
    client = APIClient()
    client.force_login(user)
    return client


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


# ---------------------------------------------------------------- reading plans


def test_anonymous_reads_approved_plans_only(approved, draft):
    response = api().get("/api/v1/plans/")
    assert titles(response) == ["План мероприятий РМЦ (утверждён)"]
    row = response.json()["results"][0]
    assert row["state_label"] == "Утверждён" and row["owner_kind"] == "municipality"
    assert row["execution"] == {"total": 2, "due": 1, "done": 0, "overdue": 1, "percent": 0}
    assert api().get(f"/api/v1/plans/{draft.pk}/").status_code == 404


def test_drafts_are_seen_by_those_who_run_them(approved, draft, school_plan, methodist, other_methodist, orgadmin):
    assert set(titles(api(methodist).get("/api/v1/plans/"))) == {approved.title, draft.title, school_plan.title}
    assert titles(api(other_methodist).get("/api/v1/plans/")) == [approved.title]
    assert set(titles(api(orgadmin).get("/api/v1/plans/"))) == {approved.title, school_plan.title}
    assert api(other_methodist).get(f"/api/v1/plans/{draft.pk}/").status_code == 404


def test_a_plan_comes_with_its_sections_items_and_due_dates(approved):
    response = api().get(f"/api/v1/plans/{approved.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["period_label"] and body["municipality_name"] == approved.municipality.name
    [section] = body["sections"]
    assert section["title"] == "1. Организационные мероприятия"
    seminar, round_table = section["items"]
    assert seminar["activity"] == "Семинар для педагогов" and seminar["timing_kind"] == "scheduled"
    assert [o["due_date"] for o in seminar["occurrences"]] == [PAST.isoformat()]
    assert [o["due_date"] for o in round_table["occurrences"]] == [SOON.isoformat()]


def test_plan_filters(approved, school_plan, vyselki, methodist):
    services.change_plan_state(
        school_plan, PlanState.APPROVED, order=OrderFactory(municipality=school_plan.municipality)
    )
    plan_of(vyselki, approved=True, title="Дорожная карта Выселковского района", kind=PlanKind.ROADMAP)
    client = api(methodist)
    assert titles(client.get("/api/v1/plans/", {"kind": "roadmap"})) == ["Дорожная карта Выселковского района"]
    assert titles(client.get("/api/v1/plans/", {"owner_kind": "organization"})) == ["План работы школы № 1"]
    assert titles(client.get("/api/v1/plans/", {"organization": school_plan.organization_id})) == [school_plan.title]
    assert len(titles(client.get("/api/v1/plans/", {"municipality": vyselki.pk}))) == 1
    assert titles(client.get("/api/v1/plans/", {"q": "дорожная карта"})) == ["Дорожная карта Выселковского района"]
    assert titles(client.get("/api/v1/plans/", {"state": "draft"})) == []
    assert len(titles(client.get("/api/v1/plans/", {"year": PERIOD[1].year}))) == 3
    assert titles(client.get("/api/v1/plans/", {"year": PERIOD[1].year + 2})) == []


def test_a_bad_filter_is_a_400_naming_the_filter(approved):
    response = api().get("/api/v1/plans/", {"state": "утверждён"})
    assert response.status_code == 400
    assert "state" in response.json()


def test_plan_list_and_page_do_not_query_per_row(amursky, school, methodist, assert_constant_queries):
    client = logged_in(methodist)

    def more_plans(count):
        for number in range(count):
            owner = school if number % 2 else amursky
            plan = plan_of(owner, approved=bool(number % 2), title=f"План {Plan.objects.count() + 1}")
            services.copy_plan(plan)

    assert_constant_queries(
        client, "/api/v1/plans/", more_plans, maximum=6
    )  # the page, then its execution figures in one grouped query
    plan = plan_of(amursky)

    def more_items(count):
        section = plan.sections.get()
        for _ in range(count):
            services.add_item(section, activity="Консультация", timing="ежемесячно", responsible="РМЦ")

    assert_constant_queries(
        client, f"/api/v1/plans/{plan.pk}/", more_items, maximum=10
    )  # 10: the execution figures of the plan


# ---------------------------------------------------------------- writing plans

NEW_PLAN = {
    "title": "План мероприятий на 2026/2027 учебный год",
    "kind": "event_plan",
    "period_kind": "academic_year",
    "period_start": "2026-09-01",
    "period_end": "2027-08-31",
    "columns": ["responsible", "timing", "audience"],
}


def test_the_methodist_creates_a_plan_of_her_district(methodist, amursky):
    response = api(methodist).post(
        "/api/v1/plans/", {**NEW_PLAN, "owner_kind": "municipality", "owner_id": amursky.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft" and body["owner_label"] == str(amursky)
    assert body["columns"] == ["responsible", "timing", "audience"]
    assert len(body["sections"]) == 1  # something to add items to
    plan = Plan.objects.get(pk=body["id"])
    assert plan.created_by == methodist and plan.history.first().history_user == methodist


def test_the_methodist_cannot_create_a_plan_for_vyselki(methodist, vyselki):
    response = api(methodist).post(
        "/api/v1/plans/", {**NEW_PLAN, "owner_kind": "municipality", "owner_id": vyselki.pk}, format="json"
    )
    assert response.status_code == 403
    assert "владельца" in response.json()["detail"]
    assert not Plan.objects.exists()


def test_the_head_of_school_creates_her_schools_plan_only(orgadmin, school, amursky):
    own = api(orgadmin).post(
        "/api/v1/plans/", {**NEW_PLAN, "owner_kind": "organization", "owner_id": school.pk}, format="json"
    )
    assert own.status_code == 201, own.json()
    assert own.json()["organization"] == school.pk
    other_school = OrganizationFactory(municipality=amursky)
    for kind, pk in (("organization", other_school.pk), ("municipality", amursky.pk)):
        refused = api(orgadmin).post("/api/v1/plans/", {**NEW_PLAN, "owner_kind": kind, "owner_id": pk}, format="json")
        assert refused.status_code == 403
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("persona", ["teacher", "expert", None])
def test_people_who_run_no_plans_cannot_create_one(persona, request, amursky):
    user = request.getfixturevalue(persona) if persona else None
    response = api(user).post(
        "/api/v1/plans/", {**NEW_PLAN, "owner_kind": "municipality", "owner_id": amursky.pk}, format="json"
    )
    assert response.status_code in (401, 403)
    assert not Plan.objects.exists()


def test_bad_plan_data_is_a_400_in_russian(methodist, amursky):
    client = api(methodist)
    unknown = client.post("/api/v1/plans/", {**NEW_PLAN, "owner_kind": "organization", "owner_id": 999}, format="json")
    assert unknown.status_code == 400
    assert "не найден" in unknown.json()["detail"]
    backwards = client.post(
        "/api/v1/plans/",
        {**NEW_PLAN, "owner_kind": "municipality", "owner_id": amursky.pk, "period_end": "2026-01-01"},
        format="json",
    )
    assert backwards.status_code == 400
    assert "раньше начала" in backwards.json()["detail"]
    assert not Plan.objects.exists()


def test_a_draft_is_edited_an_approved_plan_is_not(methodist, draft, approved):
    client = api(methodist)
    response = client.patch(
        f"/api/v1/plans/{draft.pk}/", {"title": "Новое название", "columns": ["timing", "notes"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Новое название" and response.json()["columns"] == ["timing", "notes"]
    refused = client.patch(f"/api/v1/plans/{approved.pk}/", {"title": "Иначе"}, format="json")
    assert refused.status_code == 400
    assert "только в проекте" in refused.json()["detail"]
    approved.refresh_from_db()
    assert approved.title == "План мероприятий РМЦ (утверждён)"


@pytest.mark.parametrize("persona", ["other_methodist", "teacher", "orgadmin"])
def test_others_cannot_edit_amursky_plans(persona, request, approved):
    response = api(request.getfixturevalue(persona)).patch(
        f"/api/v1/plans/{approved.pk}/", {"title": "Иначе"}, format="json"
    )
    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.title != "Иначе"


def test_anonymous_cannot_edit(approved):
    response = api().patch(f"/api/v1/plans/{approved.pk}/", {"title": "Иначе"}, format="json")
    assert response.status_code in (401, 403)


# ---------------------------------------------------------------- state and copy


def test_approval_needs_an_order_of_the_plans_own_district(authority, draft, vyselki):
    client = api(authority)
    url = f"/api/v1/plans/{draft.pk}/change-state/"
    without = client.post(url, {"state": "approved"}, format="json")
    assert without.status_code == 400
    assert "приказом" in without.json()["detail"]
    foreign = client.post(url, {"state": "approved", "order": OrderFactory(municipality=vyselki).pk}, format="json")
    assert foreign.status_code == 400 and "order" in foreign.json()
    order = OrderFactory(municipality=draft.municipality)
    response = client.post(url, {"state": "approved", "order": order.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "approved" and response.json()["order"] == order.pk
    back = client.post(url, {"state": "approved"}, format="json")
    assert back.status_code == 400
    assert "Нельзя перевести план" in back.json()["detail"]


def test_the_head_of_school_cannot_approve_her_plan_but_may_archive_its_draft(orgadmin, school_plan):
    url = f"/api/v1/plans/{school_plan.pk}/change-state/"
    order = OrderFactory(municipality=school_plan.municipality)
    refused = api(orgadmin).post(url, {"state": "approved", "order": order.pk}, format="json")
    assert refused.status_code == 403
    archived = api(orgadmin).post(url, {"state": "archived"}, format="json")
    assert archived.status_code == 200
    assert archived.json()["state_label"] == "В архиве"


def test_the_vyselki_methodist_cannot_approve_an_amursky_plan(other_methodist, approved):
    response = api(other_methodist).post(
        f"/api/v1/plans/{approved.pk}/change-state/", {"state": "archived"}, format="json"
    )
    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.state == PlanState.APPROVED


def test_copy_makes_a_draft_for_the_next_year(methodist, approved, other_methodist):
    assert api(other_methodist).post(f"/api/v1/plans/{approved.pk}/copy/").status_code == 403
    response = api(methodist).post(f"/api/v1/plans/{approved.pk}/copy/")
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "draft" and body["copied_from"] == approved.pk
    assert body["period_start"][:4] == str(PERIOD[0].year + 1)
    assert [item["activity"] for item in body["sections"][0]["items"]] == ["Семинар для педагогов", "Круглый стол"]


# ---------------------------------------------------------------- items


def test_the_methodist_adds_edits_and_removes_items_of_a_draft(methodist, draft):
    client = api(methodist)
    section = draft.sections.get()
    created = client.post(
        "/api/v1/plan-items/",
        {"section": section.pk, "number": "1.3", "activity": "Фестиваль проектов", "timing": "ежемесячно"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["plan"] == draft.pk and body["timing_kind"] == "frequency"
    assert len(body["occurrences"]) >= 8  # a month each, the period is a year
    item_url = f"/api/v1/plan-items/{body['id']}/"
    changed = client.patch(item_url, {"timing": f"{SOON:%d.%m.%Y}", "timing_kind": "manual"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["timing_kind"] == "scheduled"  # read-only: computed from the timing
    assert [o["due_date"] for o in changed.json()["occurrences"]] == [SOON.isoformat()]
    second = services.add_section(draft, title="2. Методическое сопровождение")
    moved = client.patch(item_url, {"section": second.pk}, format="json")
    assert moved.status_code == 200 and moved.json()["section"] == second.pk
    assert client.delete(item_url).status_code == 204
    assert not PlanItem.objects.filter(activity="Фестиваль проектов").exists()


def test_items_of_an_approved_plan_are_not_changed(methodist, approved):
    item = approved.items.first()
    client = api(methodist)
    response = client.patch(f"/api/v1/plan-items/{item.pk}/", {"activity": "Иначе"}, format="json")
    assert response.status_code == 400
    assert "только в проекте" in response.json()["detail"]
    added = client.post("/api/v1/plan-items/", {"section": item.section_id, "activity": "Ещё одно"}, format="json")
    assert added.status_code == 400
    assert client.delete(f"/api/v1/plan-items/{item.pk}/").status_code == 400
    assert approved.items.count() == 2


def test_the_head_of_school_writes_items_of_her_school_plan_only(orgadmin, school_plan, draft, approved):
    client = api(orgadmin)
    own = client.post(
        "/api/v1/plan-items/", {"section": school_plan.sections.get().pk, "activity": "Педсовет"}, format="json"
    )
    assert own.status_code == 201
    district = client.post(
        "/api/v1/plan-items/", {"section": approved.sections.get().pk, "activity": "Чужое"}, format="json"
    )
    assert district.status_code == 403
    invisible = client.post("/api/v1/plan-items/", {"section": draft.sections.get().pk, "activity": "X"}, format="json")
    assert invisible.status_code == 400 and "section" in invisible.json()
    assert client.patch(f"/api/v1/plan-items/{draft.items.first().pk}/", {"activity": "X"}).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "other_methodist"])
def test_others_cannot_write_items(persona, request, approved, school_plan):
    client = api(request.getfixturevalue(persona))
    item = approved.items.first()
    assert client.patch(f"/api/v1/plan-items/{item.pk}/", {"activity": "X"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/plan-items/{item.pk}/").status_code == 403
    response = client.post(
        "/api/v1/plan-items/", {"section": approved.sections.get().pk, "activity": "X"}, format="json"
    )
    assert response.status_code == 403
    assert approved.items.count() == 2


def test_items_are_listed_by_plan_and_section(approved, draft, methodist, assert_constant_queries):
    response = api().get("/api/v1/plan-items/", {"plan": approved.pk})
    assert [item["activity"] for item in response.json()["results"]] == ["Семинар для педагогов", "Круглый стол"]
    assert api().get("/api/v1/plan-items/", {"plan": draft.pk}).json()["count"] == 0
    assert api(methodist).get("/api/v1/plan-items/", {"section": draft.sections.get().pk}).json()["count"] == 2

    def more_items(count):
        for _ in range(count):
            services.add_item(draft.sections.get(), activity="Консультация", timing="ежемесячно")

    # 8: the responsible organizations and the responsible users are prefetched, one query each
    assert_constant_queries(logged_in(methodist), "/api/v1/plan-items/", more_items, maximum=8)


# ---------------------------------------------------------------- occurrences: reading and filters


def test_occurrences_are_listed_for_those_who_run_or_execute_them(approved, draft, methodist, other_methodist):
    assert api().get("/api/v1/occurrences/").json()["count"] == 0
    assert api(other_methodist).get("/api/v1/occurrences/").json()["count"] == 0
    rows = api(methodist).get("/api/v1/occurrences/").json()["results"]
    assert [(row["activity"], row["due_date"], row["overdue"]) for row in rows] == [
        ("Семинар для педагогов", PAST.isoformat(), True),
        ("Круглый стол", SOON.isoformat(), False),
    ]  # the draft's dates are not due: it is not approved yet


def test_occurrence_filters(approved, school, methodist, vyselki):
    school_plan = plan_of(school, approved=True, title="План работы школы № 1")
    partner = OrganizationFactory(municipality=approved.municipality, short_name="СОШ № 2")
    round_table = approved.items.get(activity="Круглый стол")
    round_table.responsible_organizations.add(partner)
    services.record_execution(occurrence_of(school_plan, "Семинар для педагогов"), status=OccurrenceStatus.DONE)
    client = api(methodist)

    def rows(**params):
        response = client.get("/api/v1/occurrences/", params)
        assert response.status_code == 200, response.json()
        return sorted((row["plan_title"], row["activity"]) for row in response.json()["results"])

    assert rows(overdue="true") == [(approved.title, "Семинар для педагогов")]
    assert len(rows(overdue="false")) == 3
    assert rows(status="done") == [(school_plan.title, "Семинар для педагогов")]
    assert rows(due_after=TODAY.isoformat()) == [(approved.title, "Круглый стол"), (school_plan.title, "Круглый стол")]
    assert len(rows(due_before=TODAY.isoformat(), due_after=PAST.isoformat())) == 2
    assert rows(plan=school_plan.pk, due_before=TODAY.isoformat()) == [(school_plan.title, "Семинар для педагогов")]
    assert rows(owner=school.pk) == [(school_plan.title, "Круглый стол"), (school_plan.title, "Семинар для педагогов")]
    assert rows(owner=partner.pk) == [(approved.title, "Круглый стол")]
    assert rows(municipality=vyselki.pk) == []
    assert client.get("/api/v1/occurrences/", {"due_after": "вчера"}).status_code == 400


def test_occurrence_list_does_not_query_per_row(amursky, methodist, assert_constant_queries):
    def more_marked_plans(count):
        for _ in range(count):
            plan = plan_of(amursky, approved=True)
            for occurrence in plan.occurrences.filter(due_date__lte=TODAY):
                services.record_execution(
                    occurrence, status=OccurrenceStatus.DONE, links=[("Отчёт", "https://rmc.example/report")]
                )

    assert_constant_queries(logged_in(methodist), "/api/v1/occurrences/", more_marked_plans, maximum=6)


# ---------------------------------------------------------------- occurrences: marking execution


def test_the_methodist_records_execution_with_links(methodist, approved):
    seminar = occurrence_of(approved, "Семинар для педагогов")
    response = api(methodist).post(
        f"/api/v1/occurrences/{seminar.pk}/record/",
        {
            "status": "done",
            "completed_on": PAST.isoformat(),
            "comment": "Провели, 34 участника",
            "links": [{"title": "Новость на сайте", "url": "https://rmc.example/news/1"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status_label"] == "Выполнено" and body["completed_on"] == PAST.isoformat()
    assert body["overdue"] is False
    assert [(e["title"], e["url"]) for e in body["evidence"]] == [("Новость на сайте", "https://rmc.example/news/1")]
    seminar.refresh_from_db()
    assert seminar.comment == "Провели, 34 участника" and seminar.updated_by == methodist


def test_execution_is_recorded_with_files_from_a_form(methodist, approved):
    seminar = occurrence_of(approved, "Семинар для педагогов")
    scan = SimpleUploadedFile("протокол.pdf", b"%PDF-1.4 protocol", content_type="application/pdf")
    response = api(methodist).post(
        f"/api/v1/occurrences/{seminar.pk}/record/",
        {"status": "done", "files": [scan], "links": '[{"title": "Фото", "url": "https://rmc.example/photo"}]'},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    evidence = Evidence.objects.filter(occurrence=seminar).order_by("id")
    assert [e.title for e in evidence] == ["Фото", "протокол.pdf"]
    assert evidence[1].file.read() == b"%PDF-1.4 protocol"


def test_a_bad_mark_is_a_400_and_changes_nothing(methodist, approved, draft):
    seminar = occurrence_of(approved, "Семинар для педагогов")
    client = api(methodist)
    future = client.post(
        f"/api/v1/occurrences/{seminar.pk}/record/", {"status": "done", "completed_on": SOON.isoformat()}, format="json"
    )
    assert future.status_code == 400
    assert "в будущем" in future.json()["detail"]
    script = SimpleUploadedFile("virus.exe", b"MZ")
    wrong_file = client.post(
        f"/api/v1/occurrences/{seminar.pk}/record/", {"status": "done", "files": [script]}, format="multipart"
    )
    assert wrong_file.status_code == 400
    assert "не принимаются" in str(wrong_file.json()["files"])
    of_draft = client.post(f"/api/v1/occurrences/{occurrence_of(draft, 'Круглый стол').pk}/mark-done/")
    assert of_draft.status_code == 400
    assert "не утверждён" in of_draft.json()["detail"]
    assert not Occurrence.objects.exclude(status=OccurrenceStatus.PLANNED).exists()
    assert not Evidence.objects.exists()


def test_who_may_mark_execution(approved, school, teacher, orgadmin, other_methodist, authority):
    seminar = occurrence_of(approved, "Семинар для педагогов")
    url = f"/api/v1/occurrences/{seminar.pk}/mark-done/"
    assert api().post(url).status_code in (401, 403)
    for outsider in (teacher, orgadmin, other_methodist):
        response = api(outsider).post(url)
        assert response.status_code == 403, outsider
    seminar.item.responsible_users.add(teacher)
    assert api(teacher).post(url).json()["status"] == "done"
    round_table = occurrence_of(approved, "Круглый стол")
    round_table.item.responsible_organizations.add(school)
    response = api(orgadmin).post(f"/api/v1/occurrences/{round_table.pk}/record/", {"status": "in_progress"})
    assert response.status_code == 200
    assert response.json()["status_label"] == "Выполняется"
    assert api(authority).post(f"/api/v1/occurrences/{round_table.pk}/mark-done/").status_code == 200


def test_a_responsible_teacher_sees_his_own_dates_only(approved, teacher):
    seminar = occurrence_of(approved, "Семинар для педагогов")
    seminar.item.responsible_users.add(teacher)
    rows = api(teacher).get("/api/v1/occurrences/").json()["results"]
    assert [row["id"] for row in rows] == [seminar.pk]
    assert api(teacher).get(f"/api/v1/occurrences/{occurrence_of(approved, 'Круглый стол').pk}/").status_code == 404


# ---------------------------------------------------------------- import


def plan_docx(rows=(("1", "Семинар «Проектное обучение»", "октябрь", "РМЦ"),)) -> SimpleUploadedFile:
    from docx import Document

    document = Document()
    document.add_paragraph("План мероприятий на 2026-2027 учебный год")
    table = document.add_table(rows=1, cols=4)
    for cell, header in zip(table.rows[0].cells, ("№ п/п", "Мероприятие", "Сроки", "Ответственный"), strict=True):
        cell.text = header
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    content = io.BytesIO()
    document.save(content)
    return SimpleUploadedFile("plan.docx", content.getvalue())


@pytest.fixture
def importer():
    return pytest.importorskip("innoinfra.plans.word_import")


def test_a_dry_run_shows_what_was_read_and_saves_nothing(importer, methodist):
    response = api(methodist).post("/api/v1/plans/import/", {"file": plan_docx(), "dry_run": "true"})
    assert response.status_code == 200, response.json()
    body = response.json()
    items = [item for section in body["sections"] for item in section["items"]]
    assert [item["activity"] for item in items] == ["Семинар «Проектное обучение»"]
    assert items[0]["timing"] == "октябрь"
    assert "warnings" in body
    # The document's own metadata comes with it: «на 2026-2027 учебный год».
    document = body["document"]
    assert (document["period_kind"], document["period_start"], document["period_end"]) == (
        "academic_year",
        "2026-09-01",
        "2027-08-31",
    )
    assert not Plan.objects.exists()


def test_import_creates_a_draft_of_the_chosen_owner(importer, methodist, amursky):
    response = api(methodist).post(
        "/api/v1/plans/import/",
        {"file": plan_docx(), "owner_kind": "municipality", "owner_id": amursky.pk, "kind": "event_plan"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft" and body["municipality"] == amursky.pk
    assert body["period_start"] == "2026-09-01"
    [item] = [item for section in body["sections"] for item in section["items"]]
    assert item["activity"] == "Семинар «Проектное обучение»"
    assert [o["due_date"] for o in item["occurrences"]] == ["2026-10-31"]


TWO_ROWS = (
    ("1", "Семинар «Проектное обучение»", "октябрь", "РМЦ"),
    ("2", "Конкурс «Педагог-исследователь»", "по итогам конкурса", "РМЦ"),
)


def test_a_dry_run_lists_the_particulars_and_the_timings_not_understood(importer, methodist):
    response = api(methodist).post("/api/v1/plans/import/", {"file": plan_docx(TWO_ROWS), "dry_run": "true"})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["document"]["period_start"] == "2026-09-01" and body["document"]["period_end"] == "2027-08-31"
    assert body["unknown_timings"] == [
        {
            "section": 0,
            "item": 1,
            "number": "2",
            "activity": "Конкурс «Педагог-исследователь»",
            "timing": "по итогам конкурса",
        }
    ]
    assert not Plan.objects.exists()


def test_import_saves_the_corrected_particulars_and_the_dates_given_for_unknown_timings(importer, methodist, amursky):
    response = api(methodist).post(
        "/api/v1/plans/import/",
        {
            "file": plan_docx(TWO_ROWS),
            "owner_kind": "municipality",
            "owner_id": amursky.pk,
            "period_kind": "calendar_year",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "approved_by": "Начальник управления образования",
            "order_number": "172-Д",
            "order_date": "2026-12-27",
            "responsible_people": "Петрова П. П.\nСидорова С. С.",
            "due_dates": '[{"section": 0, "item": 1, "date": "2027-11-15"}]',
        },
    )

    assert response.status_code == 201, response.json()
    plan = Plan.objects.get()
    assert (plan.period_start, plan.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert (plan.document_order_number, plan.document_order_date) == ("172-Д", dt.date(2026, 12, 27))
    assert plan.document_responsible == "Петрова П. П.\nСидорова С. С."
    contest = PlanItem.objects.get(number="2")
    assert [o.due_date for o in contest.occurrences.all()] == [dt.date(2027, 11, 15)]
    assert [o.due_date for o in PlanItem.objects.get(number="1").occurrences.all()] == [dt.date(2027, 10, 31)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"due_dates": '[{"section": 0, "item": 1, "date": "15.11.2027"}]'}, "ГГГГ-ММ-ДД"),
        ({"due_dates": '[{"section": 0, "item": 1, "date": "2030-11-15"}]'}, "вне периода плана"),
        ({"due_dates": '[{"section": 5, "item": 0, "date": "2026-11-15"}]'}, "которого нет в файле"),
        ({"period_kind": "calendar_year"}, "Период задаётся целиком"),
    ],
)
def test_import_refuses_bad_corrections_in_russian_and_saves_nothing(importer, methodist, amursky, fields, message):
    response = api(methodist).post(
        "/api/v1/plans/import/",
        {"file": plan_docx(TWO_ROWS), "owner_kind": "municipality", "owner_id": amursky.pk, **fields},
    )

    assert response.status_code == 400
    assert message in str(response.json())
    assert not Plan.objects.exists()


def test_import_refuses_a_bad_file_or_someone_elses_owner(importer, methodist, vyselki, amursky, teacher):
    client = api(methodist)
    broken = SimpleUploadedFile("plan.docx", b"this is not a Word file")
    response = client.post(
        "/api/v1/plans/import/", {"file": broken, "owner_kind": "municipality", "owner_id": amursky.pk}
    )
    assert response.status_code == 400
    assert "не похож на документ Word (DOCX)" in str(response.json()["file"])  # the upload gate's Russian message
    foreign = client.post(
        "/api/v1/plans/import/", {"file": plan_docx(), "owner_kind": "municipality", "owner_id": vyselki.pk}
    )
    assert foreign.status_code == 403
    no_owner = client.post("/api/v1/plans/import/", {"file": plan_docx()})
    assert no_owner.status_code == 400 and "owner_id" in no_owner.json()
    not_staff = api(teacher).post("/api/v1/plans/import/", {"file": plan_docx(), "dry_run": "true"})
    assert not_staff.status_code == 403
    assert not Plan.objects.exists()


def test_import_accepts_only_word_and_excel(methodist):
    response = api(methodist).post(
        "/api/v1/plans/import/", {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4"), "dry_run": "true"}
    )
    assert response.status_code == 400
    assert "не принимаются" in str(response.json()["file"])


def test_the_schema_describes_the_plans_api():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/plans/", "/api/v1/plans/import/", "/api/v1/plan-items/", "/api/v1/occurrences/{id}/record/"):
        assert path in schema["paths"]
