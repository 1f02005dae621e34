"""Mentoring pages as the people of Amursky use them.

- Ирина (`orgadmin`), head of school № 1, files requests of her school, sees its pairs and records meetings.
- Лариса (`methodist`) and Наталья (`authority`) see every request and pair of Amursky and match requests.
- Вера (`other_methodist`) runs Vyselki: nothing of Amursky's requests and pairs.
- Олег (`expert`) and Пётр (`teacher`) take no part: empty lists, refusals on objects.
- The mentor is the gymnasium (its head Галина) or a person (Ольга): both record meetings of their pairs.
- An anonymous visitor sees the public list of mentors and nothing else.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.core.models import Notification
from innoinfra.mentoring.enums import PairState, RequestState
from innoinfra.mentoring.models import Meeting, MentoringPair, MentoringRequest, MentorOffer
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import direction, make_offer, make_pair, make_request

pytestmark = pytest.mark.django_db

ROLES = ["methodist", "authority", "other_methodist", "expert", "orgadmin", "teacher", "admin_user"]
AMURSKY_SIDE = {"methodist", "authority", "orgadmin", "admin_user"}


@pytest.fixture
def gymnasium(amursky):
    return OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")


@pytest.fixture
def galina(gymnasium):
    user = UserFactory(username="galina", first_name="Галина", last_name="Сергеева", organization=gymnasium)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=gymnasium)
    return user


@pytest.fixture
def projects():
    return direction("Проектная деятельность")


@pytest.fixture
def open_request(school, orgadmin, projects):
    return make_request(school, by=orgadmin, directions=[projects])


@pytest.fixture
def pair(school, gymnasium, galina, projects):
    return make_pair(make_request(school, topic="Цифровая образовательная среда"), make_offer(organization=gymnasium))


def _user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


# ---------------------------------------------------------------- requests


def test_the_head_of_a_school_files_a_request(client_for, orgadmin, school, projects):
    client = client_for(orgadmin)
    page = client.get("/mentoring/requests/new/").content.decode()
    assert "МБОУ СОШ № 1 г. Амурска" in page
    response = client.post(
        "/mentoring/requests/new/",
        {
            "organization": school.pk,
            "topic": "Проектное обучение в начальной школе",
            "directions": [projects.pk],
            "needs": "Хотим запустить проектную неделю.",
            "contact": "Иванова И. С., 8 (42142) 2-22-22",
        },
        follow=True,
    )
    created = MentoringRequest.objects.get()
    assert response.redirect_chain[-1][0] == f"/mentoring/requests/{created.pk}/"
    page = response.content.decode()
    assert "Запрос подан. Методист подберёт наставника" in page and "Ждёт наставника" in page
    assert created.municipality == school.municipality and created.created_by == orgadmin
    assert "Подбор наставника" not in page  # matching is the methodist's


def test_a_head_files_only_for_their_own_school(client_for, orgadmin, amursky):
    other = OrganizationFactory(municipality=amursky)
    response = client_for(orgadmin).post(
        "/mentoring/requests/new/", {"organization": other.pk, "topic": "Тема", "needs": "Помощь"}
    )
    assert response.status_code == 400 and not MentoringRequest.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_who_may_file_a_request(role, request, client_for):
    response = client_for(_user(request, role)).get("/mentoring/requests/new/")
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    else:
        allowed = role in {"methodist", "authority", "other_methodist", "orgadmin", "admin_user"}
        assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_who_sees_a_request_and_the_list(role, request, client_for, open_request):
    client = client_for(_user(request, role))
    response = client.get(open_request.get_absolute_url())
    listing = client.get("/mentoring/requests/")
    if role == "anonymous":
        assert response.status_code == 302 and listing.status_code == 302
        return
    assert response.status_code == (200 if role in AMURSKY_SIDE else 403)
    assert ("Проектное обучение в начальной школе" in listing.content.decode()) == (role in AMURSKY_SIDE)


def test_the_methodist_sees_ranked_suggestions_and_matches(
    client_for, methodist, open_request, gymnasium, galina, projects, vyselki, django_capture_on_commit_callbacks
):
    near = make_offer(organization=gymnasium, directions=[projects])
    far = make_offer(organization=OrganizationFactory(municipality=vyselki, short_name="Школа Выселок"))
    client = client_for(methodist)
    page = client.get(open_request.get_absolute_url()).content.decode()
    assert page.index("МБОУ Гимназия № 8") < page.index("Школа Выселок")
    assert "Общие направления: Проектная деятельность" in page and "Тот же муниципалитет" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mentoring/requests/{open_request.pk}/match/",
            {"offer": near.pk, "plan": "Проектная неделя к маю", "started_on": timezone.localdate().isoformat()},
            follow=True,
        )
    pair = MentoringPair.objects.get()
    assert response.redirect_chain[-1][0] == f"/mentoring/pairs/{pair.pk}/"
    assert "Наставник назначен. Обе стороны получили уведомление." in response.content.decode()
    assert pair.offer == near and pair.matched_by == methodist and not far.pairs.exists()
    assert Notification.objects.filter(user=galina).exists()


def test_matching_without_choosing_a_mentor_says_so(client_for, methodist, open_request, gymnasium):
    make_offer(organization=gymnasium)
    response = client_for(methodist).post(f"/mentoring/requests/{open_request.pk}/match/", {"plan": "План"})
    assert response.status_code == 400
    assert "Выберите наставника из списка." in response.content.decode()
    assert not MentoringPair.objects.exists()


@pytest.mark.parametrize("role", ["orgadmin", "other_methodist", "teacher"])
def test_only_the_territorys_staff_match(role, request, client_for, open_request, gymnasium):
    offer = make_offer(organization=gymnasium)
    response = client_for(request.getfixturevalue(role)).post(
        f"/mentoring/requests/{open_request.pk}/match/", {"offer": offer.pk}
    )
    assert response.status_code == 403 and not MentoringPair.objects.exists()


def test_the_head_withdraws_an_open_request_but_not_a_matched_one(client_for, orgadmin, open_request, pair):
    client = client_for(orgadmin)
    response = client.post(f"/mentoring/requests/{open_request.pk}/withdraw/", follow=True)
    assert "Запрос отозван." in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.state == RequestState.WITHDRAWN
    response = client.post(f"/mentoring/requests/{pair.request.pk}/withdraw/", follow=True)
    assert "Наставник уже назначен" in response.content.decode()
    assert MentoringRequest.objects.get(pk=pair.request.pk).state == RequestState.MATCHED


def test_a_stranger_cannot_withdraw(client_for, teacher, other_methodist, open_request):
    for user in (teacher, other_methodist):
        assert client_for(user).post(f"/mentoring/requests/{open_request.pk}/withdraw/").status_code == 403
    open_request.refresh_from_db()
    assert open_request.state == RequestState.OPEN


# ---------------------------------------------------------------- offers


def test_the_public_sees_accepting_mentors_but_not_paused_ones(client, gymnasium, amursky, galina):
    shown = make_offer(organization=gymnasium, topics="Проектная деятельность младших школьников")
    paused = make_offer(
        organization=OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 5"), accepting=False
    )
    page = client.get("/mentoring/offers/").content.decode()
    assert "МБОУ Гимназия № 8" in page and "Свободно мест: 2 из 2" in page and "МБОУ СОШ № 5" not in page
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(paused.get_absolute_url()).status_code == 404
    assert "МБОУ СОШ № 5" not in client.get("/mentoring/offers/?q=проектной").content.decode()


def test_a_school_head_offers_their_school_as_mentor_and_edits_it(client_for, galina, gymnasium, projects):
    client = client_for(galina)
    page = client.get("/mentoring/offers/new/").content.decode()
    assert "Педагог-наставник" not in page  # a head offers the school, not a person
    response = client.post(
        "/mentoring/offers/new/",
        {
            "mentor_organization": gymnasium.pk,
            "directions": [projects.pk],
            "topics": "Проекты",
            "capacity": 3,
            "accepting": "on",
        },
        follow=True,
    )
    offer = MentorOffer.objects.get()
    assert response.redirect_chain[-1][0] == offer.get_absolute_url()
    assert offer.municipality == gymnasium.municipality and offer.capacity == 3
    response = client.post(f"/mentoring/offers/{offer.pk}/edit/", {"topics": "Проекты и исследования", "capacity": 2})
    offer.refresh_from_db()
    assert response.status_code == 302 and offer.capacity == 2 and not offer.accepting


def test_the_methodist_offers_a_teacher_of_her_territory(client_for, methodist, teacher, school):
    response = client_for(methodist).post(
        "/mentoring/offers/new/", {"mentor_user": teacher.pk, "topics": "Смешанное обучение", "capacity": 1}
    )
    offer = MentorOffer.objects.get()
    assert response.status_code == 302 and offer.mentor_user == teacher and offer.municipality == school.municipality
    assert offer.mentor_name == "Петров Пётр, МБОУ СОШ № 1 г. Амурска"


def test_an_offer_without_a_mentor_is_refused(client_for, methodist):
    response = client_for(methodist).post("/mentoring/offers/new/", {"topics": "Опыт", "capacity": 1})
    assert response.status_code == 400 and "либо организация, либо педагог" in response.content.decode()
    assert not MentorOffer.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_who_edits_an_offer(role, request, client_for, gymnasium):
    offer = make_offer(organization=gymnasium)
    response = client_for(_user(request, role)).get(f"/mentoring/offers/{offer.pk}/edit/")
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in {"methodist", "authority", "admin_user"} else 403)


# ---------------------------------------------------------------- pairs


@pytest.mark.parametrize("role", ["anonymous", *ROLES, "galina"])
def test_who_sees_a_pair(role, request, client_for, pair):
    client = client_for(_user(request, role))
    response = client.get(pair.get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302
        return
    allowed = role in AMURSKY_SIDE | {"galina"}
    assert response.status_code == (200 if allowed else 403)
    listed = "Цифровая образовательная среда" in client.get("/mentoring/pairs/").content.decode()
    assert listed == allowed
    if allowed:
        assert "Отметить встречу" in response.content.decode()
    if role == "galina":  # the mentor reads the request she works on, without matching or withdrawing it
        page = client.get(pair.request.get_absolute_url()).content.decode()
        assert "Цифровая образовательная среда" in page and "Отозвать запрос" not in page


def test_both_sides_record_meetings(client_for, orgadmin, galina, pair):
    today = timezone.localdate().isoformat()
    for user, summary in [(orgadmin, "Обсудили план проектной недели."), (galina, "Провели открытый урок.")]:
        response = client_for(user).post(
            f"/mentoring/pairs/{pair.pk}/meetings/",
            {"date": today, "format": "online", "summary": summary, "outcomes": "Следующая встреча через месяц"},
            follow=True,
        )
        assert "Встреча отмечена." in response.content.decode()
    page = client_for(orgadmin).get(pair.get_absolute_url()).content.decode()
    assert "Обсудили план проектной недели." in page and "Провели открытый урок." in page
    assert "Онлайн-встреча" in page and " г." in page
    assert set(Meeting.objects.values_list("created_by__username", flat=True)) == {"irina", "galina"}


def test_a_meeting_in_the_future_is_refused_on_the_page(client_for, orgadmin, pair):
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    response = client_for(orgadmin).post(
        f"/mentoring/pairs/{pair.pk}/meetings/", {"date": tomorrow, "format": "online", "summary": "Созвон"}
    )
    assert response.status_code == 400 and "Встреча ещё не состоялась" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ["teacher", "expert", "other_methodist"])
def test_strangers_record_nothing_and_close_nothing(role, request, client_for, pair):
    client = client_for(request.getfixturevalue(role))
    today = timezone.localdate().isoformat()
    meeting = client.post(f"/mentoring/pairs/{pair.pk}/meetings/", {"date": today, "format": "online", "summary": "x"})
    close = client.post(f"/mentoring/pairs/{pair.pk}/close/", {"state": "completed", "result": "x", "ended_on": today})
    assert meeting.status_code == 403 and close.status_code == 403
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE and not Meeting.objects.exists()


def test_closing_a_pair_early_sends_the_request_back_to_the_methodist(client_for, methodist, pair):
    today = timezone.localdate().isoformat()
    response = client_for(methodist).post(
        f"/mentoring/pairs/{pair.pk}/close/",
        {"state": "discontinued", "result": "Наставник переведён в другую школу.", "ended_on": today},
        follow=True,
    )
    page = response.content.decode()
    assert "Наставничество прекращено. Запрос снова ждёт наставника." in page
    assert "Прекращена досрочно" in page and "Отметить встречу" not in page
    assert MentoringRequest.objects.get(pk=pair.request_id).state == RequestState.OPEN


def test_closing_without_a_result_changes_nothing(client_for, orgadmin, pair):
    response = client_for(orgadmin).post(f"/mentoring/pairs/{pair.pk}/close/", {"state": "completed"})
    assert response.status_code == 400
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE


# ---------------------------------------------------------------- overview and lists


def test_the_overview_shows_the_methodist_her_territorys_counts(client_for, methodist, open_request, pair):
    page = client_for(methodist).get("/mentoring/").content.decode()
    assert 'data-testid="counts"' in page
    assert "запрос ждёт наставника" in page and "пара работает" in page
    assert "Проектное обучение в начальной школе" in page


def test_the_overview_of_a_teacher_shows_no_counts(client_for, teacher, open_request):
    page = client_for(teacher).get("/mentoring/").content.decode()
    assert 'data-testid="counts"' not in page and "Открытых запросов нет." in page


def test_lists_run_no_query_per_row(client_for, client, methodist, amursky, projects, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            school = OrganizationFactory(municipality=amursky)
            offer = make_offer(organization=OrganizationFactory(municipality=amursky), directions=[projects])
            make_pair(make_request(school, directions=[projects]), offer)
            make_request(school, topic="Ещё одна тема", directions=[projects])
            make_offer(user=UserFactory(organization=school), directions=[projects])

    staff = client_for(methodist)
    staff.get("/mentoring/")  # caches filled on a first request (content types …) are not the list's queries
    client.get("/mentoring/offers/")
    assert_constant_queries(staff, "/mentoring/requests/", grow, maximum=12)
    assert_constant_queries(staff, "/mentoring/pairs/", grow, maximum=12)
    assert_constant_queries(client, "/mentoring/offers/", grow, maximum=8)
    assert_constant_queries(staff, "/mentoring/", grow, maximum=16)


def test_a_filter_change_refreshes_only_the_results(client, client_for, methodist, open_request, gymnasium):
    make_offer(organization=gymnasium)
    response = client.get("/mentoring/offers/?q=проектной", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Найдено наставников: 1" in page and "<nav" not in page
    staff = client_for(methodist).get("/mentoring/requests/?state=withdrawn", HTTP_HX_REQUEST="true")
    assert "Найдено запросов: 0" in staff.content.decode()
