"""Decisions on agenda items: the quorum, the votes, and the application moving with the council's decision."""

import datetime as dt

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, Outcome, VotingMode
from innoinfra.council.models import Decision
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application, ApplicationEvent
from tests.factories import make_site

from .conftest import add_item, decide, reviewed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting, application):
    return add_item(meeting, kind=AgendaKind.APPLICATION, application=application)


def test_an_application_item_gets_its_title_from_the_application(item, application):
    assert item.title.startswith("О присвоении статуса «Муниципальная инновационная площадка» МБОУ СОШ № 1 г. Амурска")
    assert f"заявка № {application.number}" in item.title and item.site is None


def test_recommending_moves_the_application_in_the_same_transaction(item, application, chair):
    decision = decide(item, Outcome.RECOMMEND, by=chair, votes=(4, 0, 1))
    application.refresh_from_db()
    assert application.state == ApplicationState.RECOMMENDED
    event = ApplicationEvent.objects.filter(application=application).latest("id")
    assert event.by == chair and "протокол от" in event.comment
    assert decision.text.startswith("Рекомендовать присвоить МБОУ СОШ № 1 г. Амурска статус")


def test_not_recommending_moves_the_application_too(item, application):
    decide(item, Outcome.NOT_RECOMMEND, votes=(3, 2, 0))
    assert Application.objects.get(pk=application.pk).state == ApplicationState.NOT_RECOMMENDED


def test_an_application_in_the_wrong_state_rolls_the_decision_back(meeting, amursky, school):
    application = reviewed_application(amursky, school, theme="Другая тема")
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    from innoinfra.review import services as review_services

    review_services.transition(application, ApplicationState.UNDER_REVIEW)  # sent back to the experts
    with pytest.raises(ServiceError, match="Нельзя перевести заявку"):
        decide(item, Outcome.RECOMMEND)
    assert not Decision.objects.filter(agenda_item=item).exists()


def test_the_outcome_on_an_application_stays_once_given_but_the_text_may_be_corrected(item, application):
    decide(item, Outcome.RECOMMEND)
    with pytest.raises(ServiceError, match="изменить его нельзя"):
        decide(item, Outcome.NOT_RECOMMEND)
    decision = decide(item, Outcome.RECOMMEND, text="Рекомендовать с учётом замечаний экспертов.", votes=(5, 0, 0))
    assert decision.text == "Рекомендовать с учётом замечаний экспертов."
    assert Decision.objects.count() == 1
    assert ApplicationEvent.objects.filter(application=application, to_state=ApplicationState.RECOMMENDED).count() == 1


def test_no_decisions_without_a_quorum(item, meeting):
    members = list(meeting.attendees.order_by("id"))
    services.set_attendance(meeting, present=[a.pk for a in members[:2]])
    with pytest.raises(ServiceError, match="Нет кворума: присутствуют 2 из 5"):
        decide(item, Outcome.RECOMMEND, votes=(2, 0, 0))


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        ((4, 1, 1), "Голосов \\(6\\) больше, чем присутствующих членов органа \\(5\\)"),
        ((0, 0, 0), "Укажите, сколько членов голосовали"),
        ((2, 2, 1), "не набрало большинства"),
    ],
)
def test_votes_must_fit_the_members_present(item, application, votes, message):
    with pytest.raises(ServiceError, match=message):
        decide(item, Outcome.RECOMMEND, votes=votes)
    assert Application.objects.get(pk=application.pk).state == ApplicationState.REVIEWED


def test_absent_members_do_not_vote(item, meeting):
    members = list(meeting.attendees.order_by("id"))
    services.set_attendance(meeting, present=[a.pk for a in members[:3]])
    with pytest.raises(ServiceError, match="больше, чем присутствующих членов органа \\(3\\)"):
        decide(item, Outcome.RECOMMEND, votes=(4, 0, 0))


def test_marking_members_absent_after_a_vote_they_took_part_in_is_refused(item, meeting):
    decide(item, Outcome.RECOMMEND, votes=(5, 0, 0))
    members = list(meeting.attendees.order_by("id"))
    with pytest.raises(ServiceError, match="голосовали 5 членов"):
        services.set_attendance(meeting, present=[a.pk for a in members[:3]])
    assert services.quorum(meeting).present == 5


def test_a_refused_attendance_invites_nobody(item, meeting):
    decide(item, Outcome.RECOMMEND, votes=(5, 0, 0))
    members = list(meeting.attendees.order_by("id"))
    with pytest.raises(ServiceError, match="голосовали 5 членов"):
        services.set_attendance(meeting, present=[a.pk for a in members[:3]], invited_name="Гость Гостевой")
    assert not meeting.attendees.filter(is_member=False).exists()
    assert services.quorum(meeting).present == 5


def test_a_consensus_counts_every_member_present(item):
    decision = services.record_decision(item, outcome=Outcome.RECOMMEND, mode=VotingMode.CONSENSUS)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstained) == (5, 0, 0)
    assert decision.adopted


def test_a_failed_vote_may_be_recorded_as_a_note(meeting):
    item = add_item(meeting, kind=AgendaKind.OTHER, title="О проекте положения о конкурсе")
    decision = decide(item, Outcome.NOTE, text="Проект положения не одобрен.", votes=(1, 3, 1))
    assert not decision.adopted
    with pytest.raises(ServiceError, match="не подходит"):
        decide(item, Outcome.RECOMMEND)


def test_no_decisions_before_the_meeting_date(council, methodist, application, today):
    meeting = services.create_meeting(body=council, date=today + dt.timedelta(days=3), by=methodist)
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    with pytest.raises(ServiceError, match="ещё не состоялось"):
        decide(item, Outcome.RECOMMEND)


def test_applications_of_another_territory_are_not_on_the_agenda(meeting, vyselki):
    foreign = reviewed_application(vyselki)
    with pytest.raises(ServiceError, match="другой территории"):
        add_item(meeting, kind=AgendaKind.APPLICATION, application=foreign)


def test_site_hearing_outcomes_check_their_parameters(meeting, school):
    site = make_site(organization=school)
    item = add_item(meeting, kind=AgendaKind.SITE, site=site, heard="Отчёт о результатах за 2024/2025 учебный год")
    assert item.title.startswith("Об итогах деятельности площадки «Муниципальная инновационная площадка»")
    with pytest.raises(ServiceError, match="новую тему"):
        decide(item, Outcome.CHANGE_THEME)
    with pytest.raises(ServiceError, match="позже нынешнего"):
        decide(item, Outcome.EXTEND, new_end_date=dt.date(2027, 1, 1))
    decision = decide(item, Outcome.EXTEND, new_end_date=dt.date(2028, 6, 30), new_theme="ignored")
    assert decision.new_end_date == dt.date(2028, 6, 30) and decision.new_theme == ""
    assert "до 30.06.2028" in decision.text
    decision = decide(item, Outcome.TERMINATE)
    assert decision.final_state == "revoked" and decision.new_end_date is None


def test_an_item_with_a_decision_is_not_deleted(item):
    decide(item, Outcome.RECOMMEND)
    with pytest.raises(ServiceError, match="удалить его из повестки нельзя"):
        services.delete_agenda_item(item)
