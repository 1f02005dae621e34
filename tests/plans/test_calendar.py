"""Calendars of due dates: the iCalendar feeds people subscribe to, and the month on a page."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from innoinfra.plans import calendar_feed, services
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.models import OrganizationFeed, Plan
from tests.factories import OrganizationFactory

from .factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(amursky, methodist):
    return make_plan(
        amursky,
        title="План мероприятий на 2024/2025 учебный год",
        items=[("Семинар «Первые шаги к инновациям»", "октябрь"), ("Круглый стол", "май")],
        approved=True,
        by=methodist,
    )


def plan_feed(client, plan, token=None):
    url = reverse("plans:plan-ics", args=[plan.pk])
    return client.get(url, {"token": plan.feed_token if token is None else token})


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.getvalue()).walk("VEVENT")


# ---------------------------------------------------------------- plan feed


def test_the_plan_feed_has_one_all_day_event_per_due_date(client_for, approved):
    response = plan_feed(client_for(), approved)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.getvalue())  # a streamed body is read once
    assert str(calendar["X-WR-CALNAME"]) == "Сроки: План мероприятий на 2024/2025 учебный год"
    events = calendar.walk("VEVENT")
    assert len(events) == approved.occurrences.count() == 2
    seminar = next(e for e in events if "Семинар" in str(e["SUMMARY"]))
    assert str(seminar["SUMMARY"]) == "Срок: Семинар «Первые шаги к инновациям»"
    assert seminar.decoded("DTSTART") == dt.date(2024, 10, 31)
    assert seminar.decoded("DTEND") == dt.date(2024, 11, 1)
    description = str(seminar["DESCRIPTION"])
    assert "План: План мероприятий на 2024/2025 учебный год" in description
    assert "Раздел: 1. Организационные мероприятия" in description
    assert "Сроки по плану: октябрь" in description
    assert "Ответственный: РМЦ" in description
    assert "Выполнение: Запланировано" in description
    assert str(seminar["URL"]).endswith(
        f"/plans/{approved.pk}/#item-{approved.items.get(activity__startswith='Семинар').pk}"
    )


def test_uids_stay_the_same_when_the_status_changes(client_for, approved, methodist):
    client = client_for()
    before = {str(e["UID"]): e for e in events_of(plan_feed(client, approved))}
    occurrence = approved.occurrences.get(item__activity="Круглый стол")
    assert f"occurrence-{occurrence.pk}@innoinfra" in before
    services.record_execution(
        occurrence, by=methodist, status=OccurrenceStatus.CANCELLED, today=dt.date(2025, 4, 1), comment="Перенесено"
    )
    after = {str(e["UID"]): e for e in events_of(plan_feed(client, approved))}
    assert set(after) == set(before)
    cancelled = after[f"occurrence-{occurrence.pk}@innoinfra"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "Выполнение: Отменено" in str(cancelled["DESCRIPTION"])
    assert cancelled.decoded("LAST-MODIFIED") >= before[f"occurrence-{occurrence.pk}@innoinfra"].decoded(
        "LAST-MODIFIED"
    )
    others = [e for uid, e in after.items() if uid != f"occurrence-{occurrence.pk}@innoinfra"]
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in others)


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_a_wrong_or_missing_token_is_not_found(client_for, approved, token):
    assert plan_feed(client_for(), approved, token=token).status_code == 404
    assert client_for().get(reverse("plans:plan-ics", args=[approved.pk])).status_code == 404


def test_a_missing_plan_answers_like_a_wrong_token(client_for, approved):
    url = reverse("plans:plan-ics", args=[approved.pk + 1000])
    assert client_for().get(url, {"token": approved.feed_token}).status_code == 404


def test_the_feed_runs_a_constant_number_of_queries(client_for, amursky, methodist, django_assert_max_num_queries):
    plan = make_plan(amursky, items=[(f"Мероприятие {n}", "ежемесячно") for n in range(5)], approved=True, by=methodist)
    assert plan.occurrences.count() >= 50
    with django_assert_max_num_queries(5):
        assert len(events_of(plan_feed(client_for(), plan))) == plan.occurrences.count()


# ---------------------------------------------------------------- organization feed


def test_the_organization_feed_shows_its_own_plans_and_items_it_answers_for(client_for, amursky, school, methodist):
    make_plan(school, title="План работы школы", items=[("Педсовет", "ноябрь")], approved=True, by=methodist)
    district = make_plan(amursky, items=[("Семинар", "октябрь"), ("Круглый стол", "май")], approved=True, by=methodist)
    district.items.get(activity="Семинар").responsible_organizations.add(
        school, OrganizationFactory(municipality=amursky)
    )
    make_plan(school, title="Проект плана", items=[("Черновик", "декабрь")], by=methodist)
    feed = OrganizationFeed.objects.create(organization=school)
    url = reverse("plans:organization-ics", args=[school.pk])

    calendar = icalendar.Calendar.from_ical(client_for().get(url, {"token": feed.token}).getvalue())
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Срок: Педсовет", "Срок: Семинар"]
    assert str(calendar["X-WR-CALNAME"]) == f"Сроки по планам: {school.short_name}"
    assert client_for().get(url, {"token": "wrong"}).status_code == 404
    other = OrganizationFactory(municipality=amursky)
    assert (
        client_for().get(reverse("plans:organization-ics", args=[other.pk]), {"token": feed.token}).status_code == 404
    )


def test_the_organization_link_is_made_on_first_use(rf, school, settings):
    settings.SITE_URL = ""  # the link takes the address the page was opened at
    request = rf.get("/")
    url = calendar_feed.feed_url_for_organization(request, school)
    feed = OrganizationFeed.objects.get(organization=school)
    assert url == f"http://testserver/plans/organizations/{school.pk}/calendar.ics?token={feed.token}"
    assert calendar_feed.feed_url_for_organization(request, school) == url


# ---------------------------------------------------------------- new links


def test_the_methodist_regenerates_the_plan_link_and_the_old_one_stops_working(client_for, approved, methodist):
    old = approved.feed_token
    response = client_for(methodist).post(reverse("plans:plan-ics-reset", args=[approved.pk]), follow=True)
    assert response.redirect_chain[-1][0] == approved.get_absolute_url()
    assert "Создана новая ссылка на календарь" in response.content.decode()
    approved.refresh_from_db()
    assert approved.feed_token != old
    assert plan_feed(client_for(), approved, token=old).status_code == 404
    assert plan_feed(client_for(), approved).status_code == 200


def test_others_may_not_regenerate_the_plan_link(client_for, approved, other_methodist, teacher):
    old = approved.feed_token
    for user in (other_methodist, teacher):
        assert client_for(user).post(reverse("plans:plan-ics-reset", args=[approved.pk])).status_code == 403
    assert Plan.objects.get(pk=approved.pk).feed_token == old


def test_the_school_head_and_district_staff_regenerate_the_school_link(
    client_for, school, orgadmin, methodist, other_methodist, teacher
):
    url = reverse("plans:organization-ics-reset", args=[school.pk])
    feed = OrganizationFeed.objects.create(organization=school)
    tokens = {feed.token}
    for user in (orgadmin, methodist):
        response = client_for(user).post(url, {"next": "/plans/calendar/"})
        assert response.status_code == 302 and response.url == "/plans/calendar/"
        feed.refresh_from_db()
        assert feed.token not in tokens
        tokens.add(feed.token)
    for user in (other_methodist, teacher):
        assert client_for(user).post(url).status_code == 403
    feed.refresh_from_db()
    assert feed.token in tokens
    response = client_for(orgadmin).post(url, {"next": "https://evil.example/"})
    assert response.url == school.get_absolute_url()


# ---------------------------------------------------------------- the month on a page


def test_the_month_shows_the_activity_on_its_due_day(client_for, approved, methodist):
    response = client_for(methodist).get(reverse("plans:calendar"), {"month": "2024-10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Октябрь 2024" in html
    item = approved.items.get(activity__startswith="Семинар")
    day = html.split('data-date="2024-10-31"', 1)[1].split("</td>", 1)[0]
    assert "Семинар «Первые шаги к инновациям»" in day
    assert f"{approved.get_absolute_url()}#item-{item.pk}" in day
    assert "text-bg-danger" in day  # long overdue and not marked
    assert "Круглый стол" not in html
    assert "?month=2024-09" in html and "?month=2024-11" in html


def test_a_done_item_is_green(client_for, approved, methodist):
    occurrence = approved.occurrences.get(item__activity__startswith="Семинар")
    services.record_execution(occurrence, by=methodist, status=OccurrenceStatus.DONE, today=dt.date(2024, 10, 20))
    html = client_for(methodist).get(reverse("plans:calendar"), {"month": "2024-10"}).content.decode()
    day = html.split('data-date="2024-10-31"', 1)[1].split("</td>", 1)[0]
    assert "text-bg-success" in day


@pytest.mark.parametrize("month", ["garbage", "2024-13", "0-1", "2024", "99999-01", "1900-01"])
def test_a_bad_month_shows_a_month_without_failing(client_for, methodist, month):
    assert client_for(methodist).get(reverse("plans:calendar"), {"month": month}).status_code == 200


def test_the_month_filters_by_plan_and_by_organization(client_for, approved, amursky, school, methodist):
    other = make_plan(amursky, title="Другой план", items=[("Конференция", "октябрь")], approved=True, by=methodist)
    other.items.get().responsible_organizations.add(school)
    url = reverse("plans:calendar")
    client = client_for(methodist)
    both = client.get(url, {"month": "2024-10"}).content.decode()
    assert "Конференция" in both and "Семинар" in both
    by_plan = client.get(url, {"month": "2024-10", "plan": approved.pk}).content.decode()
    assert "Семинар" in by_plan and "Конференция" not in by_plan
    assert approved.feed_token in by_plan  # she runs the plan: the subscription link is shown
    by_school = client.get(url, {"month": "2024-10", "organization": school.pk}).content.decode()
    assert "Конференция" in by_school and "Семинар" not in by_school


def test_the_teacher_sees_only_what_she_answers_for(client_for, approved, teacher):
    url = reverse("plans:calendar")
    assert "Семинар" not in client_for(teacher).get(url, {"month": "2024-10"}).content.decode()
    approved.items.get(activity__startswith="Семинар").responsible_users.add(teacher)
    html = client_for(teacher).get(url, {"month": "2024-10"}).content.decode()
    assert "Семинар" in html and approved.feed_token not in html


def test_the_month_needs_a_login(client_for):
    response = client_for().get(reverse("plans:calendar"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_month_runs_a_constant_number_of_queries(client_for, amursky, methodist, assert_constant_queries):
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            make_plan(
                amursky, title=f"План {next(counter)}", items=[("Семинар", "октябрь")], approved=True, by=methodist
            )

    client, url = client_for(methodist), f"{reverse('plans:calendar')}?month=2024-10"
    client.get(url)  # the first page of a session also creates the installation settings row
    assert_constant_queries(client, url, grow, maximum=10)
