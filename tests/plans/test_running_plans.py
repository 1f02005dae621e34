"""Plans people can run: responsible organizations and people picked from the directory (and reminded),
items reordered by drag and drop, and a plan's calendar feed that carries approved dates only."""

import datetime as dt
import io

import icalendar
import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import Notification
from innoinfra.plans import calendar_feed, services
from innoinfra.plans.enums import PlanState
from innoinfra.plans.exports import plan_xlsx
from innoinfra.plans.models import PlanItem
from innoinfra.plans.reminders import send_plan_reminders
from tests.api.clients import api
from tests.factories import OrderFactory, OrganizationFactory, UserFactory

from ..conftest import ROLE_FIXTURES
from .factories import make_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
STAFF_OF_AMURSKY = {"methodist", "authority", "admin_user"}


@pytest.fixture
def draft(amursky, methodist):
    return make_plan(
        amursky,
        items=[("Семинар для педагогов", "октябрь"), ("Педсовет", "ноябрь"), ("Круглый стол", "май")],
        by=methodist,
    )


@pytest.fixture
def far_school(vyselki):
    return OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 7 ст. Выселки")


def item_of(plan, activity) -> PlanItem:
    return plan.items.get(activity=activity)


def activities(section) -> list[str]:
    return list(section.items.order_by("position", "id").values_list("activity", flat=True))


# ---------------------------------------------------------------- the directory in the item form


def test_the_item_form_offers_the_district_directory_only(
    client_for, draft, methodist, school, teacher, orgadmin, far_school, other_methodist
):
    seminar = item_of(draft, "Семинар для педагогов")
    page = client_for(methodist).get(reverse("plans:item_edit", args=[seminar.pk]), **HTMX).content.decode()
    assert "Ответственные организации" in page and "Ответственные сотрудники" in page
    assert "МБОУ СОШ № 1 г. Амурска" in page
    assert "Петров П. — МБОУ СОШ № 1 г. Амурска" in page and "Иванова И. — МБОУ СОШ № 1 г. Амурска" in page
    assert "Кривошеева Л." in page  # the district's methodist herself
    assert "Выселки" not in page and "Иванова В." not in page  # another district's school and methodist
    assert 'data-enhance="1"' in page  # searchable (Tom Select)


def test_picks_are_saved_and_shown_with_the_free_text(client_for, draft, methodist, school, teacher):
    seminar = item_of(draft, "Семинар для педагогов")
    answer = client_for(methodist).post(
        reverse("plans:item_edit", args=[seminar.pk]),
        {
            "section": seminar.section_id,
            "number": "1",
            "activity": seminar.activity,
            "responsible": "РМЦ",
            "timing": "октябрь",
            "responsible_organizations": [school.pk],
            "responsible_users": [teacher.pk],
            "version": seminar.version,
        },
        **HTMX,
    )
    assert answer.status_code == 200
    assert set(seminar.responsible_organizations.all()) == {school}
    assert set(seminar.responsible_users.all()) == {teacher}
    table = answer.content.decode()
    assert "РМЦ (Петров П., МБОУ СОШ № 1 г. Амурска)" in table
    # The free text stays as the document had it.
    seminar.refresh_from_db()
    assert seminar.responsible == "РМЦ"


def test_a_pick_from_another_district_is_refused_and_nothing_is_added(client_for, draft, methodist, far_school):
    section = draft.sections.get()
    before = PlanItem.objects.count()
    answer = client_for(methodist).post(
        reverse("plans:item_add", args=[section.pk]),
        {"section": section.pk, "activity": "Вебинар", "responsible_organizations": [far_school.pk]},
        **HTMX,
    )
    assert answer.status_code == 200  # the form comes back in its row
    assert "Выберите корректный вариант" in answer.content.decode()
    assert PlanItem.objects.count() == before


def test_the_service_refuses_picks_outside_the_plans_municipality(draft, far_school, other_methodist):
    section = draft.sections.get()
    with pytest.raises(ServiceError, match="только действующую организацию муниципалитета плана"):
        services.add_item(section, activity="Вебинар", responsible_organizations=[far_school])
    with pytest.raises(ServiceError, match="только работника муниципалитета плана"):
        services.add_item(section, activity="Вебинар", responsible_users=[other_methodist])
    assert not PlanItem.objects.filter(activity="Вебинар").exists()


def test_an_old_pick_stays_when_the_school_closes(draft, school, teacher):
    seminar = item_of(draft, "Семинар для педагогов")
    services.update_item(seminar, responsible_organizations=[school], responsible_users=[teacher])
    school.is_active = False
    school.save()
    seminar.refresh_from_db()
    services.update_item(seminar, activity="Семинар для педагогов-наставников", version=seminar.version)
    services.update_item(seminar, responsible_organizations=[school], responsible_users=[teacher])
    assert set(seminar.responsible_organizations.all()) == {school}


def test_a_plan_without_the_responsible_column_has_no_pickers(client_for, amursky, methodist):
    plan = make_plan(amursky, by=methodist)
    services.update_plan(plan, columns=["timing"])
    section = plan.sections.get()
    page = client_for(methodist).get(reverse("plans:item_add", args=[section.pk]), **HTMX).content.decode()
    assert "Ответственные сотрудники" not in page


# ---------------------------------------------------------------- reminders reach the picks


def test_reminders_reach_the_people_and_school_heads_picked_in_the_form(
    client_for, draft, methodist, school, teacher, orgadmin, django_capture_on_commit_callbacks
):
    seminar = item_of(draft, "Семинар для педагогов")
    client_for(methodist).post(
        reverse("plans:item_edit", args=[seminar.pk]),
        {
            "section": seminar.section_id,
            "activity": seminar.activity,
            "responsible": "РМЦ",
            "timing": "октябрь",
            "responsible_organizations": [school.pk],
            "responsible_users": [teacher.pk],
            "version": seminar.version,
        },
        **HTMX,
    )
    services.change_plan_state(draft, PlanState.APPROVED, order=OrderFactory(municipality=draft.municipality))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_plan_reminders(dt.date(2024, 10, 28), days=7)
    told = set(
        Notification.objects.filter(title="Приближается срок: Семинар для педагогов").values_list("user", flat=True)
    )
    assert told == {teacher.pk, orgadmin.pk}  # not the methodist: the item names who runs it
    assert {message.to[0] for message in mail.outbox} == {teacher.email, orgadmin.email}
    letter = next(message for message in mail.outbox if message.to == [teacher.email])
    assert "Семинар для педагогов" in letter.body and "31 октября 2024 г." in letter.body


# ---------------------------------------------------------------- drag and drop


def reorder(client, section, seen, order):
    ids = [str(item.pk) for item in seen], [str(item.pk) for item in order]
    return client.post(
        reverse("plans:section_reorder", args=[section.pk]),
        {"seen": ",".join(ids[0]), "order": ",".join(ids[1])},
        **HTMX,
    )


def test_a_drop_puts_the_section_in_the_new_order(client_for, draft, methodist):
    section = draft.sections.get()
    first, second, third = section.items.order_by("position")
    answer = reorder(client_for(methodist), section, [first, second, third], [third, first, second])
    assert answer.status_code == 200
    assert activities(section) == ["Круглый стол", "Семинар для педагогов", "Педсовет"]
    table = answer.content.decode()
    assert table.index("Круглый стол") < table.index("Семинар для педагогов") < table.index("Педсовет")


def test_a_drop_over_an_order_someone_changed_is_refused_with_the_current_order(client_for, draft, methodist):
    section = draft.sections.get()
    first, second, third = section.items.order_by("position")
    services.move_item(third, section=section, position=0)  # a colleague moved «Круглый стол» up meanwhile
    answer = reorder(client_for(methodist), section, [first, second, third], [second, first, third])
    assert answer.status_code == 409
    assert "Порядок пунктов раздела изменился" in answer.content.decode()
    assert activities(section) == ["Круглый стол", "Семинар для педагогов", "Педсовет"]


@pytest.mark.parametrize("order", ["1,2", "abc", "", "1,,2", "٣,١"])
def test_a_mangled_or_foreign_order_changes_nothing(client_for, draft, methodist, order):
    section = draft.sections.get()
    seen = ",".join(str(pk) for pk in section.items.order_by("position").values_list("pk", flat=True))
    answer = client_for(methodist).post(
        reverse("plans:section_reorder", args=[section.pk]), {"seen": seen, "order": order}, **HTMX
    )
    assert answer.status_code == 400
    assert activities(section) == ["Семинар для педагогов", "Педсовет", "Круглый стол"]


def test_an_item_of_another_section_cannot_be_dropped_in(client_for, draft, methodist):
    section = draft.sections.get()
    other = services.add_section(draft, title="2. Методическая работа")
    stranger = services.add_item(other, activity="Консультация")
    first, second, third = section.items.order_by("position")
    answer = reorder(client_for(methodist), section, [first, second, third], [stranger, second, third])
    assert answer.status_code == 400
    assert "Новый порядок должен состоять из тех же пунктов" in answer.content.decode()
    assert activities(section) == ["Семинар для педагогов", "Педсовет", "Круглый стол"]


def test_an_approved_plan_is_not_reordered(client_for, amursky, methodist):
    plan = make_plan(amursky, approved=True, by=methodist)
    section = plan.sections.get()
    first, second = section.items.order_by("position")
    assert reorder(client_for(methodist), section, [first, second], [second, first]).status_code == 403
    assert activities(section) == ["Семинар для педагогов", "Круглый стол"]


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_those_who_run_the_plan_reorder_it(role, draft, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    section = draft.sections.get()
    first, second, third = section.items.order_by("position")
    answer = reorder(client_for(user), section, [first, second, third], [second, third, first])
    if role == "anonymous":
        assert answer.status_code == 302 and "/login" in answer["Location"]
    elif role in STAFF_OF_AMURSKY:
        assert answer.status_code == 200
    else:
        assert answer.status_code == 404  # a draft of another's territory is not even shown
    moved = role in STAFF_OF_AMURSKY
    expected = ["Педсовет", "Круглый стол", "Семинар для педагогов"] if moved else activities(section)
    assert activities(section) == expected
    if not moved:
        assert expected == ["Семинар для педагогов", "Педсовет", "Круглый стол"]


def test_the_school_head_reorders_her_schools_plan(client_for, school, orgadmin, methodist):
    plan = make_plan(school, by=orgadmin)
    section = plan.sections.get()
    first, second = section.items.order_by("position")
    assert reorder(client_for(orgadmin), section, [first, second], [second, first]).status_code == 200
    assert activities(section) == ["Круглый стол", "Семинар для педагогов"]


# ---------------------------------------------------------------- the plan's feed: approved dates only


def feed_events(client, plan):
    answer = client.get(reverse("plans:plan-ics", args=[plan.pk]), {"token": plan.feed_token})
    assert answer.status_code == 200
    return icalendar.Calendar.from_ical(answer.getvalue()).walk("VEVENT")


def test_a_drafts_feed_is_empty_until_the_plan_is_approved(client_for, draft, methodist):
    client = client_for()
    assert feed_events(client, draft) == []
    services.change_plan_state(draft, PlanState.APPROVED, order=OrderFactory(municipality=draft.municipality))
    assert len(feed_events(client, draft)) == 3
    services.change_plan_state(draft, PlanState.DRAFT, by=methodist)  # back to a draft to be corrected
    assert feed_events(client, draft) == []
    services.change_plan_state(draft, PlanState.APPROVED, order=OrderFactory(municipality=draft.municipality))
    services.change_plan_state(draft, PlanState.ARCHIVED, by=methodist)
    assert feed_events(client, draft) == []


def test_a_date_no_longer_in_the_schedule_is_not_in_the_feed(client_for, draft):
    services.change_plan_state(draft, PlanState.APPROVED, order=OrderFactory(municipality=draft.municipality))
    dropped = draft.occurrences.get(item__activity="Педсовет")
    dropped.in_schedule = False
    dropped.save()
    summaries = {str(event["SUMMARY"]) for event in feed_events(client_for(), draft)}
    assert summaries == {"Срок: Семинар для педагогов", "Срок: Круглый стол"}


def test_the_feed_names_the_picked_people(client_for, draft, school, teacher):
    seminar = item_of(draft, "Семинар для педагогов")
    services.update_item(seminar, responsible_organizations=[school], responsible_users=[teacher])
    services.change_plan_state(draft, PlanState.APPROVED, order=OrderFactory(municipality=draft.municipality))
    occurrences = calendar_feed.plan_feed_occurrences(draft)
    body = b"".join(calendar_feed.stream_feed("x", occurrences, base_url="https://example.org")).decode()
    unfolded = body.replace("\r\n ", "")
    assert "Ответственный: РМЦ (Петров П.\\, МБОУ СОШ № 1 г. Амурска)" in unfolded


# ---------------------------------------------------------------- API


def test_the_api_reads_and_writes_the_picks(draft, methodist, school, teacher, far_school):
    seminar = item_of(draft, "Семинар для педагогов")
    url = f"/api/v1/plan-items/{seminar.pk}/"
    answer = api(methodist).patch(
        url, {"responsible_organizations": [school.pk], "responsible_users": [teacher.pk]}, format="json"
    )
    assert answer.status_code == 200, answer.content
    data = api(methodist).get(url).json()
    assert data["responsible_organizations"] == [school.pk]
    assert data["responsible_users"] == [teacher.pk]
    assert data["responsible_label"] == "РМЦ (Петров П., МБОУ СОШ № 1 г. Амурска)"
    refused = api(methodist).patch(url, {"responsible_organizations": [far_school.pk]}, format="json")
    assert refused.status_code == 400
    assert "муниципалитета плана" in refused.json()["detail"]
    assert set(seminar.responsible_organizations.all()) == {school}


def test_the_api_creates_an_item_with_picks(draft, methodist, teacher):
    section = draft.sections.get()
    answer = api(methodist).post(
        "/api/v1/plan-items/",
        {"section": section.pk, "activity": "Вебинар", "responsible_users": [teacher.pk]},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert list(PlanItem.objects.get(activity="Вебинар").responsible_users.all()) == [teacher]


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_only_those_who_run_the_plan_write_picks_through_the_api(role, draft, request, teacher):
    user = request.getfixturevalue(role)
    seminar = item_of(draft, "Семинар для педагогов")
    answer = api(user).patch(f"/api/v1/plan-items/{seminar.pk}/", {"responsible_users": [teacher.pk]}, format="json")
    expected = 200 if role in STAFF_OF_AMURSKY else 404
    assert answer.status_code == expected
    assert seminar.responsible_users.exists() == (role in STAFF_OF_AMURSKY)


def test_an_inactive_user_cannot_be_picked_through_the_api(draft, methodist, school):
    gone = UserFactory(username="gone", organization=school, is_active=False)
    seminar = item_of(draft, "Семинар для педагогов")
    answer = api(methodist).patch(f"/api/v1/plan-items/{seminar.pk}/", {"responsible_users": [gone.pk]}, format="json")
    assert answer.status_code == 400
    assert not seminar.responsible_users.exists()


def test_the_excel_plan_shows_the_picks_beside_the_text(draft, school, teacher):
    services.update_item(
        item_of(draft, "Семинар для педагогов"), responsible_organizations=[school], responsible_users=[teacher]
    )
    # the flat sheet shows the picks; the sheet «План» keeps the document's own text so that it imports back
    sheet = openpyxl.load_workbook(io.BytesIO(plan_xlsx(draft)))["Сроки и выполнение"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "РМЦ (Петров П., МБОУ СОШ № 1 г. Амурска)" in rows["Семинар для педагогов"]
    assert "РМЦ" in rows["Педсовет"]
