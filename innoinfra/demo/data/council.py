"""Meetings of the Amursky expert council for the demo, made through the council's services as its secretary and
the methodist would make them:

- the meeting that decided last year's status competition, and the order that carried its decisions out, which
  created the sites in the registry;
- this year's meeting, planned for the council stage of the current competition, with the applications and a
  site's hearing on its agenda.

The review demo calls these while it builds its competitions; the council's members beyond the demo accounts are
added here, so that the protocols have a council of realistic size.
"""

from __future__ import annotations

import datetime as dt

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership, User
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome, VoteChoice, VotingMode
from innoinfra.council.models import Meeting
from innoinfra.council.orders import issue_order
from innoinfra.reference.models import Body
from innoinfra.registry.models import Order, Site

PLACE = "г. Амурск, МКУ РМЦ, методический кабинет"
START = dt.time(15, 0)

# Members without a demo login: the council is made of methodists, the education authority and schools (seed 001).
OTHER_MEMBERS = (
    ("mes-gladkikh", "Гладких", "Татьяна", "Николаевна", "Заместитель директора МКУ РМЦ", BodyPosition.DEPUTY),
    ("mes-sokolova", "Соколова", "Марина", "Викторовна", "Главный специалист УОМПиС", BodyPosition.MEMBER),
    ("mes-kravets", "Кравец", "Елена", "Александровна", "Директор МБОУ СОШ № 3 г. Амурска", BodyPosition.MEMBER),
    ("mes-timofeev", "Тимофеев", "Андрей", "Павлович", "Методист МКУ РМЦ", BodyPosition.MEMBER),
)


def complete_council(body: Body) -> None:
    for username, last, first, middle, position, body_position in OTHER_MEMBERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(last_name=last, first_name=first, middle_name=middle, position=position),
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=Role.EXPERT, body=body, body_position=body_position)


def _speaker(user: User, what: str) -> str:
    position = user.position[:1].lower() + user.position[1:]  # «методист МКУ РМЦ», the abbreviation kept
    return f"{user.short_name}, {position}, — {what}"


RECUSAL = "заявитель — сетевой партнёр МБОУ СОШ № 3, которой руководит член совета (конфликт интересов)"
DISSENT = (
    "Считаю, что проект заслуживает статуса: замечания экспертов устранимы при доработке программы, а тема "
    "востребована школами района."
)


def _roll_call(decision, *, by, recused=None, against=None) -> None:
    """Roll-call votes on a decision: everyone present «за», except one recusal or one vote against with a dissent."""
    ballots = []
    for attendee in services.voters_of(decision.agenda_item.meeting):
        username = attendee.user.username if attendee.user_id else ""
        if recused and username == recused[0]:
            ballots.append(services.Ballot(attendee.pk, VoteChoice.RECUSED, recusal_reason=recused[1]))
        elif against and username == against[0]:
            ballots.append(services.Ballot(attendee.pk, VoteChoice.AGAINST, dissent=against[1]))
        else:
            ballots.append(services.Ballot(attendee.pk, VoteChoice.FOR))
    services.record_votes(decision, ballots=ballots, by=by)


def hold_competition_meeting(
    body: Body, *, date: dt.date, outcomes: list, order_number: str, order_date: dt.date, speaker: User, by
) -> tuple[Meeting, Order]:
    """The council hears the experts' conclusions on each application (`outcomes`: application → recommended),
    decides, and the education authority's order carries the decisions out."""
    meeting = services.create_meeting(body=body, date=date, start_time=START, place=PLACE, by=by)
    present = list(meeting.attendees.values_list("pk", flat=True))
    absent = meeting.attendees.filter(user__username="mes-timofeev").values_list("pk", flat=True).first()
    services.set_attendance(meeting, present=[pk for pk in present if pk != absent])
    voters = len(present) - (absent is not None)
    recusal_shown = dissent_shown = False
    for application, recommended in outcomes:
        item = services.add_agenda_item(
            meeting,
            kind=AgendaKind.APPLICATION,
            application=application,
            heard=_speaker(speaker, "о результатах экспертизы заявки и итоговом балле."),
            spoke=f"представитель {application.lead_organization.short_name} — о замысле проекта и ходе его "
            "подготовки.",
        )
        if recommended:
            decision = services.record_decision(item, outcome=Outcome.RECOMMEND, votes_for=voters, by=by)
            if not recusal_shown:  # the first recommendation: a member recused (seed 001: a conflict of interest)
                _roll_call(decision, by=by, recused=("mes-kravets", RECUSAL))
                recusal_shown = True
        else:
            decision = services.record_decision(
                item, outcome=Outcome.NOT_RECOMMEND, votes_for=voters - 1, votes_abstained=1, by=by
            )
            if not dissent_shown:  # the first refusal: a member voted against and stated an «особое мнение»
                _roll_call(decision, by=by, against=("mes-sokolova", DISSENT))
                dissent_shown = True
    plan = services.add_agenda_item(
        meeting,
        kind=AgendaKind.OTHER,
        title=f"О плане работы Муниципального экспертного совета на {date.year + 1} год",
        heard=_speaker(meeting.chair, "о проекте плана работы совета.") if meeting.chair else "",
    )
    services.record_decision(
        plan,
        outcome=Outcome.NOTE,
        mode=VotingMode.CONSENSUS,
        text=f"Утвердить план работы Муниципального экспертного совета на {date.year + 1} год.",
        by=by,
    )
    services.change_meeting_state(meeting, MeetingState.HELD, by=by)
    services.sign_protocol(meeting, by=by)  # signed before the order, as in life: its decisions are locked
    order = issue_order(
        meeting,
        number=order_number,
        date=order_date,
        by=by,
        control_person="заместителя начальника управления образования, молодёжной политики и спорта Загуменнову Л. В.",
    )
    return meeting, order


def plan_competition_meeting(body: Body, *, date: dt.date, applications: list, site: Site | None, by) -> Meeting:
    """The meeting ahead: the competition's applications and the yearly report of a site, heard in person."""
    meeting = services.create_meeting(body=body, date=date, start_time=START, place=PLACE, by=by)
    for application in applications:
        services.add_agenda_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    if site is not None:
        head = site.lead_organization.head_name or "руководитель организации"
        services.add_agenda_item(
            meeting,
            kind=AgendaKind.SITE,
            site=site,
            invited=f"{head}, {site.lead_organization.short_name} — отчёт о работе площадки за год",
        )
    return meeting
