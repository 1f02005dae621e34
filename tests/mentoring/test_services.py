"""Mentoring actions and their refusals: an illegal step changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import Notification
from innoinfra.mentoring import queries, services
from innoinfra.mentoring.enums import MeetingFormat, PairState, RequestState
from innoinfra.mentoring.models import Meeting, MentoringPair, MentoringRequest
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import direction, make_offer, make_pair, make_request

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def gymnasium(amursky):
    return OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")


@pytest.fixture
def gymnasium_head(gymnasium):
    from innoinfra.accounts.enums import Role

    user = UserFactory(username="galina", first_name="Галина", last_name="Сергеева", organization=gymnasium)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=gymnasium)
    return user


def test_matching_gives_the_request_a_mentor_and_tells_both_sides(
    school, orgadmin, gymnasium, gymnasium_head, methodist, django_capture_on_commit_callbacks
):
    request = make_request(school, by=orgadmin)
    offer = make_offer(organization=gymnasium)
    with django_capture_on_commit_callbacks(execute=True):
        pair = services.match(request, offer, by=methodist, plan="Проектная неделя к маю")
    request.refresh_from_db()
    assert request.state == RequestState.MATCHED
    assert pair.state == PairState.ACTIVE and pair.started_on == TODAY() and pair.municipality == school.municipality
    titles = dict(Notification.objects.values_list("user__username", "title"))
    assert titles == {"galina": f"Вы наставник: {school}", "irina": "Назначен наставник: МБОУ Гимназия № 8"}
    assert sorted(m.to[0] for m in mail.outbox) == ["galina@example.org", "irina@example.org"]


def test_a_person_mentor_is_told_in_person(school, orgadmin, methodist, django_capture_on_commit_callbacks):
    mentor = UserFactory(username="olga", first_name="Ольга", last_name="Андреева")
    offer = make_offer(user=mentor, municipality=school.municipality)
    assert offer.mentor_name == "Андреева Ольга"
    with django_capture_on_commit_callbacks(execute=True):
        make_pair(make_request(school), offer, by=methodist)
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"olga", "irina"}


def _unchanged(request):
    request.refresh_from_db()
    assert request.state == RequestState.OPEN
    assert not MentoringPair.objects.filter(request=request).exists()
    assert not Notification.objects.exists()


def test_a_full_mentor_takes_no_more_mentees(school, gymnasium, amursky):
    offer = make_offer(organization=gymnasium, capacity=1)
    make_pair(make_request(OrganizationFactory(municipality=amursky)), offer)
    Notification.objects.all().delete()
    request = make_request(school)
    with pytest.raises(ServiceError, match="нет свободных мест: подопечных уже 1 из 1"):
        services.match(request, offer, by=None)
    _unchanged(request)


def test_a_paused_mentor_and_a_mentor_from_the_same_school_are_refused(school, gymnasium):
    request = make_request(school)
    paused = make_offer(organization=gymnasium, accepting=False)
    with pytest.raises(ServiceError, match="не принимает подопечных"):
        services.match(request, paused, by=None)
    with pytest.raises(ServiceError, match="из той же организации"):
        services.match(request, make_offer(organization=school), by=None)
    colleague = UserFactory(organization=school)
    with pytest.raises(ServiceError, match="из той же организации"):
        services.match(request, make_offer(user=colleague), by=None)
    _unchanged(request)


def test_a_request_gets_one_mentor_at_a_time(school, gymnasium, amursky):
    request = make_request(school)
    make_pair(request, make_offer(organization=gymnasium))
    other = make_offer(organization=OrganizationFactory(municipality=amursky))
    with pytest.raises(ServiceError, match="уже не ждёт наставника"):
        services.match(request, other, by=None)
    assert MentoringPair.objects.filter(request=request).count() == 1
    assert not other.pairs.exists()


def test_a_start_in_the_future_is_refused(school, gymnasium):
    request = make_request(school)
    with pytest.raises(ServiceError, match="позже сегодняшнего дня"):
        services.match(request, make_offer(organization=gymnasium), by=None, started_on=TODAY() + dt.timedelta(days=1))
    _unchanged(request)


def test_withdrawing_an_open_request_and_not_a_matched_one(school, gymnasium):
    request = make_request(school)
    services.withdraw_request(request, by=None)
    request.refresh_from_db()
    assert request.state == RequestState.WITHDRAWN
    with pytest.raises(ServiceError, match="уже не ждёт наставника"):
        services.withdraw_request(request, by=None)
    matched = make_request(school, topic="Цифровая среда")
    make_pair(matched, make_offer(organization=gymnasium))
    with pytest.raises(ServiceError, match="Наставник уже назначен"):
        services.withdraw_request(matched, by=None)
    matched.refresh_from_db()
    assert matched.state == RequestState.MATCHED


def test_meetings_are_recorded_on_an_active_pair_within_its_dates(school, gymnasium, orgadmin):
    pair = make_pair(make_request(school), make_offer(organization=gymnasium))
    meeting = services.record_meeting(
        pair, by=orgadmin, date=TODAY(), format=MeetingFormat.VISIT, summary="Посетили уроки проектной недели."
    )
    assert meeting.created_by == orgadmin and pair.meetings.count() == 1
    refusals = [
        (TODAY() + dt.timedelta(days=1), "Посетили", "ещё не состоялась"),
        (TODAY() - dt.timedelta(days=1), "Посетили", "раньше начала наставничества"),
        (TODAY(), "   ", "что было сделано"),
    ]
    for date, summary, message in refusals:
        with pytest.raises(ServiceError, match=message):
            services.record_meeting(pair, by=orgadmin, date=date, format=MeetingFormat.ONLINE, summary=summary)
    assert pair.meetings.count() == 1


def test_completing_a_pair_completes_the_request(school, gymnasium):
    request = make_request(school)
    pair = make_pair(request, make_offer(organization=gymnasium))
    services.close_pair(pair, by=None, state=PairState.COMPLETED, result="Проектная неделя проведена.")
    pair.refresh_from_db()
    request.refresh_from_db()
    assert (pair.state, pair.ended_on, request.state) == (PairState.COMPLETED, TODAY(), RequestState.COMPLETED)
    with pytest.raises(ServiceError, match="Пара уже закрыта"):
        services.close_pair(pair, by=None, state=PairState.DISCONTINUED, result="Передумали.")
    with pytest.raises(ServiceError, match="Пара закрыта"):
        services.record_meeting(pair, by=None, date=TODAY(), format=MeetingFormat.ONLINE, summary="Созвонились.")
    pair.refresh_from_db()
    assert pair.state == PairState.COMPLETED and pair.result == "Проектная неделя проведена."
    assert not Meeting.objects.exists()


def test_a_discontinued_pair_sends_the_request_back_to_matching_and_frees_the_place(school, gymnasium, amursky):
    request = make_request(school)
    offer = make_offer(organization=gymnasium, capacity=1)
    pair = make_pair(request, offer)
    services.close_pair(pair, by=None, state=PairState.DISCONTINUED, result="Наставник ушёл в декрет.")
    request.refresh_from_db()
    assert request.state == RequestState.OPEN
    second = make_pair(request, make_offer(organization=OrganizationFactory(municipality=amursky)))
    assert second.state == PairState.ACTIVE
    make_pair(make_request(OrganizationFactory(municipality=amursky)), offer)  # the freed place


def test_closing_needs_a_result_and_a_sane_date(school, gymnasium):
    pair = make_pair(make_request(school), make_offer(organization=gymnasium))
    for kwargs, message in [
        (dict(state=PairState.COMPLETED, result=" "), "итог"),
        (dict(state=PairState.ACTIVE, result="Итог"), "чем закончилось"),
        (dict(state=PairState.COMPLETED, result="Итог", ended_on=TODAY() - dt.timedelta(days=3)), "раньше его начала"),
    ]:
        with pytest.raises(ServiceError, match=message):
            services.close_pair(pair, by=None, **kwargs)
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE and pair.result == "" and pair.ended_on is None
    assert MentoringRequest.objects.get().state == RequestState.MATCHED


def test_an_offer_names_one_mentor_and_keeps_its_places_above_its_mentees(school, gymnasium, amursky):
    with pytest.raises(ServiceError, match="либо организация, либо педагог"):
        services.create_offer(by=None, topics="Опыт", mentor_organization=gymnasium, mentor_user=UserFactory())
    with pytest.raises(ServiceError, match="выберите муниципалитет"):
        services.create_offer(by=None, topics="Опыт", mentor_user=UserFactory())
    offer = make_offer(organization=gymnasium, capacity=2)
    make_pair(make_request(school), offer)
    make_pair(make_request(OrganizationFactory(municipality=amursky)), offer)
    with pytest.raises(ServiceError, match="подопечных: 2"):
        services.update_offer(offer, by=None, capacity=1, topics="Новый текст")
    offer.refresh_from_db()
    assert offer.capacity == 2 and offer.topics.startswith("Проектная деятельность")


def test_suggestions_rank_shared_directions_then_the_same_municipality(school, amursky, vyselki):
    projects, digital = direction("Проектная деятельность"), direction("Цифровая образовательная среда")
    request = make_request(school, directions=[projects, digital])
    far_both = make_offer(organization=OrganizationFactory(municipality=vyselki), directions=[projects, digital])
    near_one = make_offer(organization=OrganizationFactory(municipality=amursky), directions=[projects])
    far_one = make_offer(organization=OrganizationFactory(municipality=vyselki), directions=[digital])
    near_none = make_offer(organization=OrganizationFactory(municipality=amursky))
    full = make_offer(organization=OrganizationFactory(municipality=amursky), directions=[projects], capacity=1)
    make_pair(make_request(OrganizationFactory(municipality=amursky)), full)
    make_offer(organization=school, directions=[projects, digital])  # the school does not mentor itself
    make_offer(organization=OrganizationFactory(municipality=amursky), directions=[projects], accepting=False)
    suggestions = queries.suggestions_for(request)
    assert [s.offer for s in suggestions] == [far_both, near_one, far_one, near_none]
    assert [d.name for d in suggestions[0].shared_directions] == [
        "Проектная деятельность",
        "Цифровая образовательная среда",
    ]
    assert suggestions[1].same_municipality and not suggestions[2].same_municipality


def test_counts_for_monitoring_by_municipality(school, gymnasium, amursky, vyselki):
    make_request(school)
    completed = make_pair(make_request(school, topic="Цифровая среда"), make_offer(organization=gymnasium))
    services.record_meeting(completed, by=None, date=TODAY(), format=MeetingFormat.ONLINE, summary="Созвон")
    services.close_pair(completed, by=None, state=PairState.COMPLETED, result="Готово")
    active = make_pair(make_request(OrganizationFactory(municipality=amursky)), make_offer(organization=gymnasium))
    services.record_meeting(active, by=None, date=TODAY(), format=MeetingFormat.VISIT, summary="Посещение")
    services.record_meeting(active, by=None, date=TODAY(), format=MeetingFormat.VISIT, summary="Ещё одно")
    make_request(OrganizationFactory(municipality=vyselki))
    amursky_counts = {"requests_open": 1, "pairs_active": 1, "pairs_completed": 1, "meetings_held": 3}
    assert queries.mentoring_counts([amursky.pk]) == amursky_counts
    assert queries.mentoring_counts([vyselki.pk]) == {
        "requests_open": 1,
        "pairs_active": 0,
        "pairs_completed": 0,
        "meetings_held": 0,
    }
    assert queries.mentoring_counts()["requests_open"] == 2
