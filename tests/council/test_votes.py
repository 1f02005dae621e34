"""Roll-call (поимённое) voting: each member present votes or recuses; the decision's totals are counted from the votes;
the protocol lists them, with the recusals' reasons and the dissenting opinions; nothing changes once it is signed."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from innoinfra.core.errors import ServiceError
from innoinfra.core.typography import plain
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome, VoteChoice, VotingMode
from innoinfra.council.models import Attendee, Decision, Vote
from innoinfra.council.protocol import protocol_docx
from innoinfra.review import services as review_services
from tests.api.clients import api

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db
FOR, AGAINST, ABSTAINED, RECUSED = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAINED, VoteChoice.RECUSED


@pytest.fixture
def decision(meeting, application, chair):
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    return decide(item, Outcome.RECOMMEND, by=chair, votes=(5, 0, 0))


def members(meeting) -> dict[str, Attendee]:
    """Surname → attendee: Загуменнова (chair), Кузнецова (secretary), Олегов, Петрова, Сидоров."""
    return {a.name.split()[0]: a for a in Attendee.objects.filter(meeting=meeting, is_member=True)}


def ballots(meeting, **choices):
    """Everyone «за» unless named: surname=choice or surname=(choice, reason, dissent)."""
    result = []
    for surname, attendee in members(meeting).items():
        given = choices.get(surname, FOR)
        choice, reason, dissent = (given, "", "") if isinstance(given, str) else given
        result.append(services.Ballot(attendee.pk, choice, reason, dissent))
    return result


def roll_call(meeting):
    return ballots(
        meeting,
        Петрова=(AGAINST, "", "Тема заявки повторяет проект прошлого года."),
        Сидоров=(RECUSED, "работает в организации-партнёре заявителя", ""),
    )


# ---------------------------------------------------------------- services


def test_totals_are_counted_from_the_votes_and_recused_members_do_not_vote(meeting, decision, chair):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstained) == (3, 1, 0)
    assert decision.adopted
    assert services.totals_of(decision) == (3, 1, 0, 1)
    recusal = Vote.objects.get(decision=decision, choice=RECUSED)
    assert recusal.recusal_reason == "работает в организации-партнёре заявителя"
    assert recusal.history.count() == 1  # simple-history keeps every change of a vote


def test_saving_twice_does_not_count_twice(meeting, decision, chair, secretary):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    stale = Decision.objects.get(pk=decision.pk)  # what a second writer loaded before the first save
    services.record_votes(stale, ballots=roll_call(meeting), by=secretary)
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    decision.refresh_from_db()
    assert Vote.objects.filter(decision=decision).count() == 5
    assert (decision.votes_for, decision.votes_against, decision.votes_abstained) == (3, 1, 0)
    # unchanged votes are not rewritten: one history row each
    assert Vote.history.filter(decision_id=decision.pk).count() == 5


def test_a_recusal_needs_a_reason_and_carries_no_dissent(meeting, decision, chair):
    with pytest.raises(ServiceError, match="Укажите причину самоотвода: Сидоров"):
        services.record_votes(decision, ballots=ballots(meeting, Сидоров=RECUSED), by=chair)
    with pytest.raises(ServiceError, match="особое мнение не записывается"):
        services.record_votes(
            decision, ballots=ballots(meeting, Сидоров=(RECUSED, "родственник директора", "Против")), by=chair
        )
    assert not Vote.objects.exists()


def test_every_member_present_votes_and_only_they(meeting, decision, chair, methodist):
    partial = ballots(meeting)[:-1]
    with pytest.raises(ServiceError, match="Не отмечены голоса присутствующих членов органа"):
        services.record_votes(decision, ballots=partial, by=chair)
    guest = services.invite(meeting, name="Иванова Ирина Сергеевна")
    with pytest.raises(ServiceError, match="Голосуют только члены органа"):
        services.record_votes(decision, ballots=[*ballots(meeting), services.Ballot(guest.pk, FOR)], by=chair)
    Decision.objects.filter(pk=decision.pk).update(votes_for=4)  # typed for four, so one may be marked absent
    absent = members(meeting)["Сидоров"]
    services.set_attendance(meeting, present=[a.pk for a in members(meeting).values() if a != absent])
    with pytest.raises(ServiceError, match="отмечен отсутствующим"):
        services.record_votes(decision, ballots=[*ballots(meeting)], by=chair)
    assert not Vote.objects.exists()


def test_a_member_who_voted_is_not_marked_absent(meeting, decision, chair):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    others = [a.pk for surname, a in members(meeting).items() if surname != "Петрова"]
    with pytest.raises(ServiceError, match="Голосовали поимённо и не могут быть отмечены отсутствующими: Петрова"):
        services.set_attendance(meeting, present=others)


def test_a_roll_call_that_does_not_adopt_the_decision_is_refused(meeting, decision, chair):
    votes = ballots(meeting, Петрова=AGAINST, Сидоров=AGAINST, Олегов=ABSTAINED)
    with pytest.raises(ServiceError, match="По голосам членов решение не принято: «за» — 2 голоса"):
        services.record_votes(decision, ballots=votes, by=chair)
    assert not Vote.objects.exists()


def test_a_member_with_a_conflict_of_interest_may_only_recuse(meeting, decision, chair, application, expert):
    review_services.declare_conflict(expert, application.lead_organization, reason="супруга работает в школе")
    with pytest.raises(ServiceError, match=r"Олегов .*заявленный конфликт интересов: супруга работает в школе"):
        services.record_votes(decision, ballots=ballots(meeting), by=chair)
    # recused without a typed reason: the declared conflict is the reason
    services.record_votes(decision, ballots=ballots(meeting, Олегов=RECUSED), by=chair)
    vote = Vote.objects.get(attendee__name__startswith="Олегов")
    assert vote.recusal_reason == "заявленный конфликт интересов: супруга работает в школе"


def test_totals_of_a_roll_call_are_not_typed_by_hand_and_consensus_still_works(meeting, decision, chair):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    item = decision.agenda_item
    with pytest.raises(ServiceError, match="вручную не меняется"):
        decide(item, Outcome.RECOMMEND, by=chair, votes=(5, 0, 0))
    with pytest.raises(ServiceError, match="единогласно"):
        services.record_decision(item, outcome=Outcome.RECOMMEND, mode=VotingMode.CONSENSUS, by=chair)
    decide(item, Outcome.RECOMMEND, by=chair, votes=(3, 1, 0), text="Рекомендовать.")  # the counted totals pass
    other = add_item(meeting, kind=AgendaKind.OTHER, title="О плане работы")
    consensus = services.record_decision(other, outcome=Outcome.NOTE, mode=VotingMode.CONSENSUS)
    assert consensus.adopted and consensus.votes_for == 5
    with pytest.raises(ServiceError, match="поимённое голосование по нему не проводится"):
        services.record_votes(consensus, ballots=ballots(meeting), by=chair)


def test_votes_do_not_change_after_the_protocol_is_signed(meeting, decision, chair, methodist):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    services.sign_protocol(meeting, by=methodist)
    with pytest.raises(services.ProtocolSigned, match="Протокол заседания подписан"):
        services.record_votes(decision, ballots=ballots(meeting), by=chair)
    assert Vote.objects.filter(choice=AGAINST).count() == 1


def test_the_quorum_message_agrees_with_its_number(council, methodist, today):
    meeting = services.create_meeting(body=council, date=today, by=methodist)
    services.set_attendance(meeting, present=[])
    item = add_item(meeting, kind=AgendaKind.OTHER, title="Разное")
    with pytest.raises(ServiceError, match="присутствуют 0 из 5 членов"):
        decide(item, Outcome.NOTE)


# ---------------------------------------------------------------- the protocol


def test_the_protocol_lists_the_roll_call_the_recusal_and_the_dissent(meeting, decision, chair):
    services.record_votes(decision, ballots=roll_call(meeting), by=chair)
    document = Document(io.BytesIO(protocol_docx(meeting, url="https://inno.example.ru/m/1/")))
    lines = [plain(p.text) for p in document.paragraphs]
    assert "Голосовали: «За» – 3, «Против» – 1, «Воздержались» – 0." in lines
    start = lines.index("Поимённое голосование:")
    assert lines[start + 1 : start + 6] == [
        "Загуменнова Людмила Владимировна — за;",
        "Кузнецова Светлана Игоревна — за;",
        "Олегов Олег — за;",
        "Петрова Анна Сергеевна — против;",
        "Сидоров Игорь Петрович — самоотвод (работает в организации-партнёре заявителя);",
    ]
    assert "Заявили самоотвод и в голосовании не участвовали: 1 член органа." in lines
    assert "Особое мнение (Петрова А. С.): Тема заявки повторяет проект прошлого года." in lines


# ---------------------------------------------------------------- the page


def _post(meeting):
    """Everyone present «за», as the page posts it."""
    return {f"choice-{attendee.pk}": FOR for attendee in members(meeting).values()}


def test_the_secretary_records_votes_on_the_page(meeting, decision, secretary, client_for):
    url = reverse("council:votes", args=[decision.agenda_item_id])
    client = client_for(secretary)
    page = client.get(url).content.decode()
    assert "<legend" in page and "Причина самоотвода" in page
    who = members(meeting)
    data = _post(meeting)
    data[f"choice-{who['Сидоров'].pk}"] = RECUSED
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Укажите причину самоотвода." in response.content.decode()
    data[f"reason-{who['Сидоров'].pk}"] = "родственник директора школы"
    data[f"choice-{who['Петрова'].pk}"] = AGAINST
    data[f"dissent-{who['Петрова'].pk}"] = "<b>Против</b> без обоснования"
    assert client.post(url, data).status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "«За» – 3, «Против» – 1, «Воздержались» – 0" in page
    assert "Сидоров Игорь Петрович — самоотвод (родственник директора школы)" in page
    assert "&lt;b&gt;Против&lt;/b&gt;" in page  # the dissent is escaped


def test_the_page_refuses_a_non_member_with_400_and_a_signed_protocol_with_409(
    meeting, decision, chair, methodist, client_for
):
    url = reverse("council:votes", args=[decision.agenda_item_id])
    client = client_for(chair)
    guest = services.invite(meeting, name="Гость Иван")
    data = {**_post(meeting), f"choice-{guest.pk}": FOR}
    response = client.post(url, data)
    assert response.status_code == 400 and "Голосуют только члены органа" in response.content.decode()
    assert client.post(url, _post(meeting)).status_code == 302
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    services.sign_protocol(meeting, by=methodist)
    response = client.post(url, {**_post(meeting), f"choice-{members(meeting)['Петрова'].pk}": ABSTAINED})
    assert response.status_code == 409
    assert "Протокол заседания подписан" in response.content.decode()
    assert not Vote.objects.filter(choice=ABSTAINED).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 200), ("chair", 200), ("secretary", 200), ("expert", 403), ("teacher", 404), ("orgadmin", 404)],
)
def test_who_opens_the_roll_call_page(role, status, decision, client_for, request):
    url = reverse("council:votes", args=[decision.agenda_item_id])
    assert client_for(request.getfixturevalue(role)).get(url).status_code == status


# ---------------------------------------------------------------- the API


def _payload(meeting, **choices):
    return {
        "votes": [
            {"attendee": b.attendee_id, "choice": b.choice, "recusal_reason": b.recusal_reason, "dissent": b.dissent}
            for b in ballots(meeting, **choices)
        ]
    }


def test_the_api_reads_and_writes_the_roll_call(meeting, decision, secretary, expert, teacher, methodist):
    url = f"/api/v1/decisions/{decision.pk}/votes/"
    payload = _payload(meeting, Петрова=(AGAINST, "", "Особое мнение."), Сидоров=(RECUSED, "конфликт интересов", ""))
    assert api(expert).put(url, payload, format="json").status_code == 403  # an ordinary member reads only
    assert api(teacher).get(url).status_code == 404
    response = api(secretary).put(url, payload, format="json")
    assert response.status_code == 200, response.json()
    rows = {row["name"].split()[0]: row for row in response.json()["votes"]}
    assert rows["Сидоров"]["choice_label"] == "самоотвод" and rows["Петрова"]["dissent"] == "Особое мнение."
    read = api(expert).get(url)
    assert read.status_code == 200 and len(read.json()["votes"]) == 5
    assert api(expert).get(f"/api/v1/decisions/{decision.pk}/").json()["votes_for"] == 3
    guest = services.invite(meeting, name="Гость Иван")
    bad = {"votes": [*payload["votes"], {"attendee": guest.pk, "choice": FOR}]}
    response = api(secretary).put(url, bad, format="json")
    assert response.status_code == 400 and "Голосуют только члены органа" in response.json()["detail"]
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    services.sign_protocol(meeting, by=methodist)
    response = api(secretary).put(url, _payload(meeting), format="json")
    assert response.status_code == 409 and "Протокол заседания подписан" in response.json()["detail"]
    assert Vote.objects.filter(choice=RECUSED).count() == 1
