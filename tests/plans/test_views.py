"""Plan pages: who sees what, editing in place with HTMX, approval, execution marks, the overdue dashboard."""

import datetime as dt

import pytest
from django.urls import reverse

from innoinfra.plans import queries, services
from innoinfra.plans.enums import OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence, Plan, PlanItem
from tests.factories import OrderFactory

from .factories import make_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(amursky, methodist):
    return make_plan(amursky, by=methodist)


@pytest.fixture
def approved(amursky, methodist):
    return make_plan(
        amursky,
        title="План мероприятий на 2024/2025 учебный год",
        items=[("Семинар «Первые шаги к инновациям»", "октябрь"), ("Круглый стол", "май")],
        approved=True,
        by=methodist,
    )


def test_anyone_reads_an_approved_plan_but_not_a_draft(client_for, draft, approved):
    anonymous = client_for()
    page = anonymous.get(approved.get_absolute_url())
    assert page.status_code == 200
    assert "Семинар «Первые шаги к инновациям»" in page.content.decode()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    listing = anonymous.get(reverse("plans:list")).content.decode()
    assert approved.title in listing and "Удалить проект" not in listing


def test_the_methodist_sees_drafts_of_her_district_only(client_for, draft, methodist, other_methodist):
    assert client_for(methodist).get(draft.get_absolute_url()).status_code == 200
    assert client_for(other_methodist).get(draft.get_absolute_url()).status_code == 404


def test_creating_a_plan_from_the_form(client_for, methodist, amursky):
    response = client_for(methodist).post(
        reverse("plans:create"),
        {
            "kind": "event_plan",
            "title": "План мероприятий по сопровождению инновационной деятельности",
            "owner": f"municipality:{amursky.pk}",
            "period_kind": "academic_year",
            "first_year": "2025",
            "columns": ["responsible", "timing", "audience", "result"],
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.period_start, plan.period_end) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert plan.columns == ["responsible", "timing", "audience", "result"]
    assert plan.state == PlanState.DRAFT and plan.municipality == amursky


def test_a_teacher_may_not_create_plans(client_for, teacher):
    assert client_for(teacher).get(reverse("plans:create")).status_code == 403


def test_adding_an_item_with_htmx_answers_with_the_table(client_for, methodist, draft):
    section = draft.sections.get()
    response = client_for(methodist).post(
        reverse("plans:item_add", args=[section.pk]),
        {"section": section.pk, "number": "3", "activity": "Мастер-класс на базе МИП", "timing": "ноябрь, февраль"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="plan-table"' in body
    assert "Мастер-класс на базе МИП" in body and "ноябрь 2024" in body and "февраль 2025" in body
    assert PlanItem.objects.get(activity="Мастер-класс на базе МИП").occurrences.count() == 2


def test_an_invalid_item_comes_back_as_its_form_row(client_for, methodist, draft):
    section = draft.sections.get()
    response = client_for(methodist).post(
        reverse("plans:item_add", args=[section.pk]), {"section": section.pk, "activity": ""}, **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#section-{section.pk}-new"
    assert "Обязательное поле" in response.content.decode()


def test_moving_an_item_down_past_its_section_puts_it_into_the_next(client_for, methodist, draft):
    services.add_section(draft, title="2. Методическое сопровождение")
    last = draft.items.order_by("position").last()
    client_for(methodist).post(reverse("plans:item_move", args=[last.pk]), {"direction": "down"}, **HTMX)
    last.refresh_from_db()
    assert last.section.title == "2. Методическое сопровождение"


def test_another_district_cannot_edit(client_for, other_methodist, draft):
    section = draft.sections.get()
    response = client_for(other_methodist).post(
        reverse("plans:item_add", args=[section.pk]), {"section": section.pk, "activity": "Чужой пункт"}, **HTMX
    )
    assert response.status_code == 404
    assert not PlanItem.objects.filter(activity="Чужой пункт").exists()


def test_an_approved_plan_is_not_edited_in_place(client_for, methodist, approved):
    item = approved.items.first()
    response = client_for(methodist).post(reverse("plans:item_edit", args=[item.pk]), {"activity": "Новое"}, **HTMX)
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.activity != "Новое"


def _particulars(plan, **changes) -> dict:
    data = {
        "kind": plan.kind,
        "title": plan.title,
        "period_kind": plan.period_kind,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "columns": plan.columns,
        "purpose": plan.purpose,
        "preamble": plan.preamble,
        "version": plan.version,
    }
    return {**data, **changes}


def test_the_methodist_edits_the_particulars_of_a_draft(client_for, methodist, draft):
    response = client_for(methodist).post(reverse("plans:edit", args=[draft.pk]), _particulars(draft, title="Иначе"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Иначе"


def test_the_page_and_the_api_refuse_to_edit_an_approved_plan_with_one_message(client_for, methodist, approved):
    from tests.api.clients import api

    message = (
        "План в состоянии «Утверждён»: изменять его сведения можно только в проекте. "
        "Верните план в проект, чтобы изменить его."
    )
    page = client_for(methodist).post(reverse("plans:edit", args=[approved.pk]), _particulars(approved, title="Иначе"))
    assert page.status_code == 400
    assert message in page.content.decode()
    through_api = api(methodist).patch(f"/api/v1/plans/{approved.pk}/", {"title": "Иначе"}, format="json")
    assert through_api.status_code == 400
    assert through_api.json() == {"detail": message}
    approved.refresh_from_db()
    assert approved.title == "План мероприятий на 2024/2025 учебный год" and approved.state == PlanState.APPROVED


def test_execution_is_still_marked_on_an_approved_plan(methodist, approved):
    occurrence = approved.occurrences.order_by("due_date").first()
    services.record_execution(
        occurrence, by=methodist, status=OccurrenceStatus.DONE, completed_on=dt.date(2024, 10, 20), today=dt.date(2024, 11, 1)
    )
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.DONE


def test_a_refused_approval_leaves_no_new_order_behind(client_for, methodist, amursky):
    from innoinfra.registry.models import Order

    empty = make_plan(amursky, items=(), by=methodist)
    response = client_for(methodist).post(
        reverse("plans:state", args=[empty.pk]),
        {"state": "approved", "new_order_number": "46-Д", "new_order_date": "2024-08-30"},
        follow=True,
    )
    assert "В плане нет ни одного пункта: утверждать нечего." in response.content.decode()
    empty.refresh_from_db()
    assert empty.state == PlanState.DRAFT and not Order.objects.filter(number="46-Д").exists()


def test_moving_an_item_to_another_section_from_its_form(client_for, methodist, draft):
    second = services.add_section(draft, title="2. Методическое сопровождение")
    item = draft.items.order_by("position").first()
    response = client_for(methodist).post(
        reverse("plans:item_edit", args=[item.pk]), {"section": second.pk, "activity": "Перенесённый семинар", "version": item.version},
        **HTMX,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.section == second and item.activity == "Перенесённый семинар"


def test_approving_with_a_new_order(client_for, methodist, draft):
    response = client_for(methodist).post(
        reverse("plans:state", args=[draft.pk]),
        {"state": "approved", "new_order_number": "45-Д", "new_order_date": "2024-08-30"},
    )
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.state == PlanState.APPROVED and draft.order.number == "45-Д"
    assert draft.order.municipality == draft.municipality


def test_approving_without_an_order_is_refused_with_a_message(client_for, methodist, draft):
    response = client_for(methodist).post(reverse("plans:state", args=[draft.pk]), {"state": "approved"}, follow=True)
    draft.refresh_from_db()
    assert draft.state == PlanState.DRAFT
    assert "План утверждается приказом" in response.content.decode()


def test_the_school_administrator_cannot_approve(client_for, orgadmin, amursky):
    plan = make_plan(orgadmin.memberships.get().organization)
    response = client_for(orgadmin).post(
        reverse("plans:state", args=[plan.pk]),
        {"state": "approved", "order": OrderFactory(municipality=amursky).pk},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_marking_an_occurrence_done_with_a_link(client_for, methodist, approved):
    occurrence = Occurrence.objects.filter(plan=approved).order_by("due_date").first()
    response = client_for(methodist).post(
        reverse("plans:occurrence", args=[occurrence.pk]),
        {
            "status": "done",
            "completed_on": "2024-10-15",
            "comment": "Проведён, 32 участника",
            "link_title": "Новость",
            "link_url": "https://rmc.example.ru/news/15",
        },
        **HTMX,
    )
    assert response.status_code == 204 and "executionSaved" in response["HX-Trigger"]
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.DONE and occurrence.completed_on == dt.date(2024, 10, 15)
    assert occurrence.evidence.get().url == "https://rmc.example.ru/news/15"


def test_a_teacher_cannot_mark_execution(client_for, teacher, approved):
    occurrence = Occurrence.objects.filter(plan=approved).first()
    response = client_for(teacher).post(reverse("plans:occurrence_done", args=[occurrence.pk]), **HTMX)
    assert response.status_code == 403
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.PLANNED


def test_the_dashboard_lists_overdue_items(client_for, methodist, approved):
    page = client_for(methodist).get(reverse("plans:dashboard")).content.decode()
    # the plan's October 2024 and May 2025 are long past
    assert "Семинар «Первые шаги к инновациям»" in page and "Круглый стол" in page
    occurrence = Occurrence.objects.get(item__activity="Круглый стол")
    services.record_execution(occurrence, status=OccurrenceStatus.DONE)
    page = client_for(methodist).get(reverse("plans:dashboard")).content.decode()
    assert "Круглый стол" not in page


def test_manual_dates_from_the_dialog(client_for, methodist, draft):
    item = draft.items.first()
    response = client_for(methodist).post(
        reverse("plans:item_dates", args=[item.pk]), {"dates": "01.12.2024 – 10.12.2024\n20.03.2025"}, **HTMX
    )
    assert response.status_code == 204
    assert [o.due_date for o in item.occurrences.order_by("due_date")] == [dt.date(2024, 12, 10), dt.date(2025, 3, 20)]
    bad = client_for(methodist).post(reverse("plans:item_dates", args=[item.pk]), {"dates": "в декабре"}, **HTMX)
    assert "Не удалось прочитать строку" in bad.content.decode()


def test_plan_page_queries_do_not_grow_with_items(client_for, methodist, draft, assert_constant_queries):
    section = draft.sections.get()

    def grow(count):
        for index in range(count):
            services.add_item(section, activity=f"Пункт {index}", timing="ежемесячно")

    client = client_for(methodist)
    client.get(draft.get_absolute_url())  # the first request of a session reads settings once
    assert_constant_queries(client, draft.get_absolute_url(), grow)


def test_plan_list_queries_do_not_grow_with_plans(client_for, amursky, methodist, assert_constant_queries):
    def grow(count):
        for _ in range(count):
            make_plan(amursky, approved=True)

    client = client_for(methodist)
    client.get(reverse("plans:list"))
    assert_constant_queries(client, reverse("plans:list"), grow)


def test_the_approved_plan_page_counts_execution_from_its_rows(client_for, methodist, approved):
    """The sidebar figures come from the occurrences the table loaded: they must say what the aggregate says."""
    first, second = approved.occurrences.order_by("due_date")[:2]
    services.record_execution(first, status=OccurrenceStatus.DONE, by=methodist, completed_on=dt.date(2024, 10, 5))
    services.record_execution(second, status=OccurrenceStatus.CANCELLED, by=methodist)
    today = dt.date.today()
    expected = queries.plan_execution(approved, today)
    response = client_for(methodist).get(approved.get_absolute_url())
    assert response.context["execution"] == expected
    assert expected.total == 2 and expected.done == 1


def test_the_approved_plan_page_queries_do_not_grow_with_items(client_for, methodist, amursky, assert_constant_queries):
    plan = make_plan(amursky, approved=True, by=methodist)

    def grow(count):
        # an approved plan takes no new items through the services' checks, so rows are added as a draft's would be
        Plan.objects.filter(pk=plan.pk).update(state=PlanState.DRAFT)
        section = plan.sections.select_related("plan").get()
        for index in range(count):
            services.add_item(section, activity=f"Пункт {index}", timing="ежемесячно")
        Plan.objects.filter(pk=plan.pk).update(state=PlanState.APPROVED)

    client = client_for(methodist)
    client.get(plan.get_absolute_url())
    assert_constant_queries(client, plan.get_absolute_url(), grow, maximum=14)


@pytest.mark.parametrize("prefix", ["/", "/innoinfra/"])
def test_row_urls_are_the_urls_django_reverses(prefix):
    from django.urls import get_script_prefix, set_script_prefix

    from innoinfra.plans.templatetags.plans import pk_url

    saved = get_script_prefix()
    set_script_prefix(prefix)
    try:
        for name, pk in (("plans:item_edit", 7), ("plans:occurrence", 123456), ("plans:section_move", 1)):
            assert pk_url(name, pk) == reverse(name, args=[pk])
    finally:
        set_script_prefix(saved)
