"""Council pages: bodies with members and plans, planning a meeting, attendance and decisions in place (HTMX),
the protocol download, entering the order, and the query counts of lists."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse

from innoinfra.accounts.enums import BodyPosition
from innoinfra.accounts.models import Membership
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome, VoteChoice
from innoinfra.council.models import Decision, Meeting
from innoinfra.plans.enums import PlanKind
from innoinfra.registry.models import Order
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application
from tests.factories import UserFactory
from tests.plans.factories import make_plan

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item(meeting, application):
    return add_item(meeting, kind=AgendaKind.APPLICATION, application=application)


def test_the_body_page_lists_members_with_positions_terms_meetings_and_the_work_plan(
    council, meeting, methodist, client_for, today
):
    Membership.objects.filter(user__username="member4").update(
        start_date=dt.date(2024, 9, 1), end_date=dt.date(2027, 8, 31)
    )
    make_plan(council, title="План работы МЭС на 2025/2026 учебный год", kind=PlanKind.COUNCIL_WORK_PLAN)
    page = client_for(methodist).get(council.get_absolute_url()).content.decode()
    assert "Загуменнова Людмила Владимировна" in page and "Председатель" in page and "Секретарь" in page
    assert "с 01.09.2024 по 31.08.2027" in page
    assert "План работы МЭС на 2025/2026 учебный год" in page
    assert "без номера" in page and "Включить в состав" in page  # numbered when held


def test_a_member_sees_the_body_but_cannot_change_its_membership(council, expert, client_for):
    page = client_for(expert).get(council.get_absolute_url()).content.decode()
    assert "Олегов Олег" in page and "Включить в состав" not in page and "Завершить полномочия" not in page
    assert "План работы органа не составлен." in page  # a draft plan of the council is staff's business


def test_the_methodist_includes_a_member_and_ends_a_term(council, methodist, client_for, amursky, today):
    newcomer = UserFactory(username="newcomer", last_name="Новикова", first_name="Ольга")
    Membership.objects.create(user=newcomer, role="teacher", municipality=amursky)
    client = client_for(methodist)
    response = client.post(
        reverse("council:member_add", args=[council.pk]),
        {"user": newcomer.pk, "position": BodyPosition.MEMBER, "start_date": "2025-09-01", "end_date": "2028-08-31"},
        follow=True,
    )
    assert "Новикова Ольга включён(а) в состав органа." in response.content.decode()
    membership = Membership.objects.get(user=newcomer, body=council)
    assert (membership.role, membership.start_date, membership.end_date) == (
        "expert",
        dt.date(2025, 9, 1),
        dt.date(2028, 8, 31),
    )
    response = client.post(
        reverse("council:member_add", args=[council.pk]),
        {"user": newcomer.pk, "position": BodyPosition.CHAIR},
        follow=True,
    )
    assert "У органа уже есть председатель: Загуменнова Людмила Владимировна." in response.content.decode()
    ended = Membership.objects.get(user__username="member5")
    response = client.post(reverse("council:member_end", args=[ended.pk]), {}, follow=True)
    ended.refresh_from_db()
    assert ended.end_date == today - dt.timedelta(days=1)
    assert "Прежние члены (1)" in response.content.decode()


def test_the_chair_plans_a_meeting_numbered_when_it_is_held(council, chair, client_for):
    services.create_meeting(body=council, date=dt.date(2025, 3, 5), by=chair)
    response = client_for(chair).post(
        reverse("council:meeting_create", args=[council.pk]),
        {"date": "2025-05-14", "start_time": "14:30", "place": "г. Амурск, МБОУ ИМЦ, каб. 5"},
    )
    meeting = Meeting.objects.get(date=dt.date(2025, 5, 14))
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert (meeting.number, meeting.chair, meeting.start_time) == (None, chair, dt.time(14, 30))
    assert meeting.attendees.count() == 5


def test_a_bad_meeting_form_is_shown_again_with_the_reason(council, chair, client_for, teacher):
    response = client_for(chair).post(reverse("council:meeting_create", args=[council.pk]), {"date": "2025-13-01"})
    assert response.status_code == 200 and "Введите правильную дату." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_chair_cancels_a_meeting_and_restores_it(meeting, chair, client_for):
    client = client_for(chair)
    url = reverse("council:meeting_state", args=[meeting.pk])
    page = client.post(url, {"state": MeetingState.CANCELLED}, follow=True).content.decode()
    assert "Заседание: «Отменено»." in page and "Вернуть в запланированные" in page
    assert "Сохранить отметки" not in page and "Добавить вопрос" not in page  # read-only while cancelled
    client.post(url, {"state": MeetingState.PLANNED})
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED
    page = client.post(url, {"state": "archived"}, follow=True).content.decode()
    assert "Нельзя перевести заседание из состояния «Запланировано» в «archived»." in page


def test_editing_a_meeting_with_the_officers_left_empty_takes_those_in_office(meeting, chair, secretary, client_for):
    response = client_for(chair).post(
        reverse("council:meeting_edit", args=[meeting.pk]),
        {"date": meeting.date.isoformat(), "place": "Онлайн", "online_link": "https://vk.com/call/123"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.online_link, meeting.chair, meeting.secretary) == (
        "Онлайн",
        "https://vk.com/call/123",
        chair,
        secretary,
    )


def test_the_meeting_page_shows_the_quorum_agenda_and_decisions(meeting, item, client_for, expert, chair):
    decide(item, Outcome.RECOMMEND, by=chair, votes=(4, 0, 1))
    page = client_for(expert).get(meeting.get_absolute_url()).content.decode()
    assert "Кворум есть" in page and "присутствуют 5 из 5 членов, нужно не менее 3" in page
    assert "1. О присвоении статуса" in page and "«За» – 4, «Против» – 0, «Воздержались» – 1" in page
    assert "ожидает приказа" in page
    assert "Записать решение" not in page and "Сохранить отметки" not in page  # Олег only reads


def test_attendance_is_marked_in_place(meeting, chair, client_for):
    attendees = list(meeting.attendees.order_by("id"))
    response = client_for(chair).post(
        reverse("council:attendance", args=[meeting.pk]),
        {
            "present": [a.pk for a in attendees[:2]],
            "invited_name": "Иванова Ирина Сергеевна",
            "invited_position": "директор",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<section class="card mb-3" id="attendance"')
    assert "Кворума нет" in page and "присутствуют 2 из 5" in page
    assert "Отметки сохранены: присутствуют 2 из 5 членов, кворума нет." in page
    assert meeting.attendees.filter(is_member=False, name="Иванова Ирина Сергеевна").exists()


def test_the_chair_records_a_decision_in_place_and_the_application_moves(item, chair, client_for, application):
    client = client_for(chair)
    form = client.get(reverse("council:decision", args=[item.pk]), **HTMX).content.decode()
    assert 'aria-label="Решение по вопросу 1"' in form and "Рекомендовать к присвоению статуса" in form
    response = client.post(
        reverse("council:decision", args=[item.pk]),
        {"outcome": Outcome.RECOMMEND, "mode": "votes", "votes_for": "5", "votes_against": "0", "votes_abstained": "0"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200 and f'id="item-{item.pk}"' in page and "РЕШИЛИ:" in page
    assert Application.objects.get(pk=application.pk).state == ApplicationState.RECOMMENDED


def test_a_vote_that_does_not_fit_is_refused_with_the_reason(item, chair, client_for, application):
    response = client_for(chair).post(
        reverse("council:decision", args=[item.pk]),
        {"outcome": Outcome.RECOMMEND, "mode": "votes", "votes_for": "6"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Голосов (6) больше, чем присутствующих членов органа (5)." in page
    assert 'aria-label="Решение по вопросу 1"' in page  # the form stays, filled in
    assert not Decision.objects.exists()
    assert Application.objects.get(pk=application.pk).state == ApplicationState.REVIEWED


def test_without_javascript_the_decision_form_is_a_page_of_its_own(item, chair, client_for):
    client = client_for(chair)
    page = client.get(reverse("council:decision", args=[item.pk])).content.decode()
    assert "<html" in page and "hx-post" not in page.split('aria-label="Решение по вопросу 1"')[0].rsplit("<form", 1)[1]
    response = client.post(
        reverse("council:decision", args=[item.pk]), {"outcome": Outcome.NOT_RECOMMEND, "mode": "consensus"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#item-{item.pk}")
    assert Decision.objects.get().votes_for == 5


def test_an_agenda_item_is_added_and_edited(meeting, chair, client_for, application):
    client = client_for(chair)
    response = client.post(
        reverse("council:item_add", args=[meeting.pk]),
        {"kind": AgendaKind.OTHER, "title": "О плане работы совета", "heard": "Загуменнову Л. В."},
    )
    assert response.status_code == 302
    item = meeting.agenda.get()
    response = client.post(
        reverse("council:item_edit", args=[item.pk]),
        {"kind": AgendaKind.OTHER, "title": "О плане работы совета на 2025/2026 учебный год", "spoke": "Олегов О."},
        **HTMX,
    )
    assert "1. О плане работы совета на 2025/2026 учебный год" in response.content.decode()
    response = client.post(reverse("council:item_add", args=[meeting.pk]), {"kind": AgendaKind.APPLICATION})
    assert response.status_code == 200 and "Выберите заявку." in response.content.decode()


def test_the_protocol_downloads_as_word(meeting, expert, client_for):
    response = client_for(expert).get(reverse("council:protocol_docx", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    name = f"Протокол заседания от {meeting.date:%d.%m.%Y} (без номера) — {meeting.body.name}.docx"  # not held yet
    assert quote(name) in response["Content-Disposition"]
    assert f'filename="Protokol zasedaniya ot {meeting.date:%d.%m.%Y} (bez nomera) ' in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_the_methodist_enters_the_order_and_the_applicant_is_approved(
    meeting, item, methodist, client_for, application
):
    decide(item, Outcome.RECOMMEND)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    client = client_for(methodist)
    page = client.get(reverse("council:order_issue", args=[meeting.pk])).content.decode()
    assert "ПРИКАЗЫВАЮ:" in page and "Внести реквизиты приказа" in page
    draft = client.get(reverse("council:order_docx", args=[meeting.pk]))
    assert draft.status_code == 200 and draft.content[:2] == b"PK"
    response = client.post(
        reverse("council:order_issue", args=[meeting.pk]),
        {"number": "215-Д", "date": meeting.date.isoformat(), "confirm": "1"},
        follow=True,
    )
    assert "внесён в реестр и исполнен" in response.content.decode()
    order = Order.objects.get(number="215-Д")
    assert Application.objects.get(pk=application.pk).state == ApplicationState.APPROVED
    issued = client.get(reverse("council:order_docx", args=[meeting.pk]) + f"?order={order.pk}")
    assert issued.status_code == 200 and issued.content[:2] == b"PK"


def test_a_refused_order_changes_nothing_and_says_why(meeting, item, methodist, client_for):
    decide(item, Outcome.RECOMMEND)
    response = client_for(methodist).post(
        reverse("council:order_issue", args=[meeting.pk]), {"number": "215-Д", "date": "2099-01-01"}
    )
    assert response.status_code == 200
    assert "Приказ издаётся по итогам проведённого заседания" in response.content.decode()
    assert not Order.objects.exists()


def test_the_chair_does_not_issue_orders(meeting, item, chair, client_for):
    decide(item, Outcome.RECOMMEND)
    assert client_for(chair).get(reverse("council:order_issue", args=[meeting.pk])).status_code == 403
    assert "Приказ по решениям" not in client_for(chair).get(meeting.get_absolute_url()).content.decode()


# Query pins: lists never run a query per row. The first request of a test creates the installation's settings
# row, so each client opens the page once before counting.


@pytest.fixture
def warm_client(client_for):
    def make(user, *urls):
        client = client_for(user)
        for url in urls:
            client.get(url)
        return client

    return make


def test_the_meetings_list_runs_the_same_queries_for_one_and_three_meetings(
    council, methodist, warm_client, assert_constant_queries
):
    def grow(n):
        for _ in range(n):
            meeting = services.create_meeting(body=council, date=dt.date(2025, 5, 14), by=methodist, place="ИМЦ")
            add_item(meeting, kind="other", title="Разное")

    url = reverse("council:meetings")
    assert_constant_queries(warm_client(methodist, url), url, grow, maximum=10)


def test_the_meeting_page_runs_the_same_queries_for_one_and_three_items(
    meeting, chair, warm_client, assert_constant_queries, amursky
):
    from .conftest import reviewed_application

    def grow(n):
        for _ in range(n):
            item = add_item(meeting, kind=AgendaKind.APPLICATION, application=reviewed_application(amursky))
            decision = decide(item, Outcome.RECOMMEND)
            ballots = [services.Ballot(a.pk, VoteChoice.FOR) for a in services.voters_of(meeting)]
            services.record_votes(decision, ballots=ballots, by=chair)  # the roll-call is one prefetch
            services.invite(meeting, name="Гость Гостевой")

    url = meeting.get_absolute_url()
    assert_constant_queries(warm_client(chair, url), url, grow, maximum=11)


def test_the_body_page_and_the_bodies_list_run_constant_queries(
    council, methodist, warm_client, assert_constant_queries
):
    from .conftest import member

    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            number = next(counter)
            member(council, f"extra{number}", f"Членов{number}", "Член")
            services.create_meeting(body=council, date=dt.date(2025, 5, 14), by=methodist)

    client = warm_client(methodist, council.get_absolute_url())
    assert_constant_queries(client, council.get_absolute_url(), grow, maximum=12)
    assert_constant_queries(client, reverse("council:bodies"), grow, maximum=8)
