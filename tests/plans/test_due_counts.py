"""The execution dashboard's figures from the summary rows (DueCount): the same numbers as counting the occurrences
one by one, for every kind of user, on any day (the day an item falls overdue included, with no write in between),
kept current by the services, and with the same queries however many plans there are."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from innoinfra.plans import queries, services
from innoinfra.plans.enums import OccurrenceStatus, PlanState
from innoinfra.plans.models import DueCount, DueCountByMunicipality, DueCountByOrganization, Occurrence
from innoinfra.plans.views.execution import VIEWS, _horizon, _window
from tests.factories import OrderFactory, OrganizationFactory

from .factories import make_plan

pytestmark = pytest.mark.django_db

# dates around the plans' due dates: before anything, the day of a due date and the day after, months later
DAYS = [
    dt.date(2024, 9, 20),
    dt.date(2024, 10, 31),
    dt.date(2024, 11, 1),
    dt.date(2025, 3, 15),
    dt.date(2025, 5, 31),
    dt.date(2025, 6, 1),
    dt.date(2025, 12, 1),
]
TIMINGS = [
    ("Семинар для педагогов", "октябрь"),
    ("Круглый стол", "май"),
    ("Заседание творческой группы", "ежеквартально"),
    ("Мониторинг", "ежемесячно"),
]


def _approve(plan):
    services.change_plan_state(plan, PlanState.APPROVED, order=OrderFactory(municipality=plan.municipality))
    return plan


@pytest.fixture
def region(amursky, vyselki, school, methodist, teacher, orgadmin):
    """Plans of two districts and of a school; items naming people and organizations; some execution marked."""
    municipal = make_plan(amursky, title="План мероприятий Амурского района", items=TIMINGS)
    other_school = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 9")
    named = municipal.items.order_by("position")
    named[0].responsible_organizations.add(school, other_school)
    named[1].responsible_organizations.add(school)
    named[2].responsible_users.add(teacher)
    _approve(municipal)
    _approve(make_plan(school, title="План работы площадки школы", items=TIMINGS[:3]))
    elsewhere = make_plan(vyselki, title="План Выселковского района", items=TIMINGS)
    # the Amur methodist and the school are named in another district's plan: seen through the names only
    elsewhere.items.order_by("position")[0].responsible_users.add(methodist)
    elsewhere.items.order_by("position")[1].responsible_organizations.add(school)
    _approve(elsewhere)
    make_plan(amursky, title="Проект плана", items=TIMINGS)  # a draft: never counted
    archived = _approve(make_plan(amursky, title="План прошлых лет", items=TIMINGS))
    services.change_plan_state(archived, PlanState.ARCHIVED)
    for index, occurrence in enumerate(Occurrence.objects.filter(plan=municipal).order_by("due_date", "pk")):
        if index % 3 == 0:
            services.record_execution(occurrence, status=OccurrenceStatus.DONE, today=dt.date(2026, 1, 1))
        elif index % 7 == 0:
            services.record_execution(occurrence, status=OccurrenceStatus.IN_PROGRESS, today=dt.date(2026, 1, 1))


def _naive(user, view: str, today: dt.date) -> queries.DueFigures:
    """Count the visible open occurrences one by one, with the windows written out anew."""
    inside = {
        "overdue": lambda due: due < today,
        "month": lambda due: (due.year, due.month) == (today.year, today.month),
        "soon": lambda due: today <= due <= today + dt.timedelta(days=30),
    }
    occurrences = list(
        queries.occurrences_visible_to(user)
        .filter(status__in=[OccurrenceStatus.PLANNED, OccurrenceStatus.IN_PROGRESS])
        .select_related("plan")
        .prefetch_related("item__responsible_organizations")
    )
    counts = {name: sum(1 for o in occurrences if test(o.due_date)) for name, test in inside.items()}
    selected = [o for o in occurrences if inside[view](o.due_date)]
    plans = Counter((o.plan_id, o.plan.title) for o in selected)
    organizations = Counter(
        (org.pk, org.short_name) for o in selected for org in o.item.responsible_organizations.all()
    )
    by_plan = [
        {"plan_id": pk, "plan__title": title, "open_count": n}
        for (pk, title), n in sorted(plans.items(), key=lambda kv: (-kv[1], kv[0][1]))[:10]
    ]
    by_organization = [
        {"responsible_id": pk, "short_name": name, "open_count": n}
        for (pk, name), n in sorted(organizations.items(), key=lambda kv: (-kv[1], kv[0][1]))[:10]
    ]
    return queries.DueFigures(counts, by_plan, by_organization)


def _figures(user, view, today):
    windows = {name: _window(name, today) for name in VIEWS}
    return queries.due_figures(user, windows, view, _horizon(today))


@pytest.mark.parametrize("who", ["methodist", "other_methodist", "orgadmin", "teacher", "admin_user", "authority"])
def test_the_summary_gives_what_counting_every_occurrence_gives(region, who, request):
    user = request.getfixturevalue(who)
    for today in DAYS:
        for view in VIEWS:
            assert _figures(user, view, today) == _naive(user, view, today), (who, today, view)


def test_the_figures_are_not_all_zero(region, methodist, orgadmin, teacher):
    """The comparison above means something: each kind of user has items overdue and names in the lists."""
    today = dt.date(2025, 6, 1)
    assert _figures(methodist, "overdue", today).counts["overdue"] > 0
    assert _figures(methodist, "overdue", today).by_organization
    assert _figures(orgadmin, "overdue", today).counts["overdue"] > 0
    assert _figures(teacher, "overdue", today).counts["overdue"] > 0
    # the methodist sees the item of the other district that names her
    assert "План Выселковского района" in [p["plan__title"] for p in _figures(methodist, "overdue", today).by_plan]


def _badge(page: str, label: str) -> str:
    after = page.split(label, 1)[1]
    return after.split('">', 1)[1].split("</span>", 1)[0].strip()


def test_an_item_falls_overdue_the_next_day_without_any_write(client_for, methodist, amursky):
    plan = _approve(make_plan(amursky, items=[("Круглый стол", "10-15 ноября")]))
    due = Occurrence.objects.get(plan=plan).due_date
    client = client_for(methodist)
    with time_machine.travel(dt.datetime.combine(due, dt.time(12)), tick=False):
        page = client.get(reverse("plans:dashboard")).content.decode()
        assert _badge(page, "Просрочено") == "0" and "Мероприятий" not in page.split("Просрочено", 1)[0]
        assert "Просроченных мероприятий нет." in page
    with time_machine.travel(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 30)), tick=False):
        page = client.get(reverse("plans:dashboard")).content.decode()
        assert _badge(page, "Просрочено") == "1" and "Круглый стол" in page


def _municipalities_sum_the_plans():
    """The municipalities' rows are the sums of their plans' rows, with no row of nothing left behind."""
    sums = Counter()
    for municipality_id, due_date, count in DueCount.objects.values_list("municipality_id", "due_date", "open_count"):
        sums[(municipality_id, due_date)] += count
    kept = {
        (m, d): n for m, d, n in DueCountByMunicipality.objects.values_list("municipality_id", "due_date", "open_count")
    }
    assert kept == dict(sums)
    return kept


def test_services_keep_the_summary_current(methodist, amursky):
    plan = make_plan(amursky, items=TIMINGS)
    assert not DueCount.objects.filter(plan=plan).exists()  # a draft is not counted
    _approve(plan)
    total = Occurrence.objects.filter(plan=plan).count()
    assert sum(DueCount.objects.filter(plan=plan).values_list("open_count", flat=True)) == total
    occurrence = Occurrence.objects.filter(plan=plan).order_by("due_date").first()
    services.record_execution(occurrence, status=OccurrenceStatus.DONE, today=dt.date(2026, 1, 1))
    assert sum(DueCount.objects.filter(plan=plan).values_list("open_count", flat=True)) == total - 1
    services.record_execution(occurrence, status=OccurrenceStatus.IN_PROGRESS, today=dt.date(2026, 1, 1))
    assert sum(DueCount.objects.filter(plan=plan).values_list("open_count", flat=True)) == total
    item = plan.items.get(activity="Круглый стол")
    services.set_manual_dates(item, [(dt.date(2025, 1, 10), dt.date(2025, 1, 20))])
    assert DueCount.objects.get(plan=plan, due_date=dt.date(2025, 1, 20)).open_count == 1
    assert _municipalities_sum_the_plans()
    services.change_plan_state(plan, PlanState.ARCHIVED)
    assert not DueCount.objects.filter(plan=plan).exists()
    assert _municipalities_sum_the_plans() == {}


def test_a_recount_of_everything_gives_the_rows_the_services_kept(region):
    def rows():
        return (
            sorted(
                DueCount.objects.values_list("plan_id", "municipality_id", "organization_id", "due_date", "open_count")
            ),
            sorted(
                DueCountByOrganization.objects.values_list(
                    "plan_id", "responsible_organization_id", "due_date", "open_count"
                )
            ),
            _municipalities_sum_the_plans(),
        )

    kept = rows()
    assert kept[0] and kept[1] and kept[2]
    services.refresh_due_counts()
    assert rows() == kept
    # a write past the services (the console, a bulk update) is mended by the command
    DueCount.objects.all().delete()
    DueCountByMunicipality.objects.all().delete()
    out = StringIO()
    call_command("refresh_due_counts", stdout=out)
    assert rows() == kept
    assert out.getvalue().startswith("Сводка сроков пересчитана: строк — ")


def test_dashboard_queries_do_not_grow_with_plans(client_for, amursky, methodist, assert_constant_queries):
    def grow(count):
        for _ in range(count):
            _approve(make_plan(amursky, items=TIMINGS))

    client = client_for(methodist)
    client.get(reverse("plans:dashboard"))
    for view in VIEWS:
        assert_constant_queries(client, f"{reverse('plans:dashboard')}?view={view}", grow)


def test_the_plan_filter_offers_a_bounded_list_and_finds_the_rest_by_title(client_for, amursky, methodist):
    for index in range(queries.PLAN_CHOICES + 5):
        _approve(make_plan(amursky, title=f"План работы площадки № {index:02d}", items=TIMINGS[:1]))
    wanted = _approve(make_plan(amursky, title="Дорожная карта наставничества", items=TIMINGS[:1]))
    client = client_for(methodist)
    page = client.get(reverse("plans:dashboard")).content.decode()
    # the page carries the plans with most overdue items (ten), not all of them
    assert page.count("<option value=") <= 1 + 10
    found = client.get(reverse("plans:dashboard_plans"), {"q": "наставничества"}).json()["results"]
    assert found == [{"value": str(wanted.pk), "text": "Дорожная карта наставничества"}]
    first = client.get(reverse("plans:dashboard_plans")).json()["results"]
    assert len(first) == queries.PLAN_CHOICES and first[0]["text"] == "Дорожная карта наставничества"
    # the chosen plan is among the options even when it has nothing overdue
    chosen = client.get(reverse("plans:dashboard"), {"plan": wanted.pk, "view": "soon"}).content.decode()
    assert f'<option value="{wanted.pk}" selected>Дорожная карта наставничества</option>' in chosen


def test_the_plan_filter_list_is_for_those_who_see_the_dashboard(
    client_for, amursky, methodist, other_methodist, teacher
):
    _approve(make_plan(amursky, title="План Амурского района", items=TIMINGS[:1]))
    make_plan(amursky, title="Проект Амурского района", items=TIMINGS[:1])
    assert client_for().get(reverse("plans:dashboard_plans")).status_code == 302
    assert client_for(teacher).get(reverse("plans:dashboard_plans")).status_code == 403
    titles = [
        row["text"] for row in client_for(other_methodist).get(reverse("plans:dashboard_plans")).json()["results"]
    ]
    assert titles == ["План Амурского района"]  # approved plans are public; a draft is not offered to filter by
