"""Decisions on agenda items: the vote, the default text, the parameters of a decision on a site, and the move
of the application a decision is about, in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from innoinfra.core.dates import numeric_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.numerals import numeral
from innoinfra.registry.enums import SiteState
from innoinfra.review import services as review_services

from ..enums import ORDER_OUTCOMES, OUTCOMES_BY_KIND, AgendaKind, Outcome, VotingMode
from ..models import AgendaItem, Decision, Meeting, Vote
from ._common import check_editable
from .attendance import quorum
from .votes import totals_of

# «из 5 членов», «из 1 члена»: the genitive after «из».
MEMBERS_GENITIVE = ("члена", "членов", "членов")


def default_decision_text(item: AgendaItem, outcome: str, **params) -> str:
    if outcome == Outcome.POSTPONE:
        return "Отложить рассмотрение вопроса до следующего заседания."
    application, site = item.application, item.site
    if application is not None:
        status = f"«{application.site_kind.name}»" if application.site_kind_id else ""
        organization = application.lead_organization.short_name
        if outcome == Outcome.RECOMMEND:
            return f"Рекомендовать присвоить {organization} статус {status} по теме «{application.theme}»."
        if outcome == Outcome.NOT_RECOMMEND:
            return f"Не рекомендовать присвоение {organization} статуса {status}."
    if site is not None:
        label = f"площадки «{site.kind.name}» {site.lead_organization.short_name}"
        if outcome == Outcome.CONTINUE:
            return f"Признать работу {label} удовлетворительной; продолжить работу в статусе."
        if outcome == Outcome.CHANGE_THEME:
            return f"Рекомендовать изменить тему {label} на «{params.get('new_theme', '')}»."
        if outcome == Outcome.EXTEND:
            return f"Рекомендовать продлить срок статуса {label} до {numeric_date(params.get('new_end_date'))}."
        if outcome == Outcome.TERMINATE:
            return f"Рекомендовать прекратить статус {label} досрочно."
    return "Принять информацию к сведению."


def _check_votes(mode: str, votes: tuple[int, int, int], present: int, outcome: str) -> tuple[int, int, int]:
    if mode == VotingMode.CONSENSUS:
        return present, 0, 0
    if any(v < 0 for v in votes):
        raise ServiceError("Число голосов не может быть отрицательным.")
    total = sum(votes)
    if total == 0:
        raise ServiceError("Укажите, сколько членов голосовали «за», «против» и «воздержались».")
    if total > present:
        raise ServiceError(f"Голосов ({total}) больше, чем присутствующих членов органа ({present}).")
    votes_for, against, abstained = votes
    if outcome != Outcome.NOTE and votes_for <= against + abstained:
        raise ServiceError(
            "Решение не набрало большинства голосов присутствующих и не принято. "
            "Запишите итог «Принять к сведению / иное» с текстом о том, что решение не принято."
        )
    return votes


def _site_parameters(item: AgendaItem, outcome: str, new_theme: str, new_end_date, final_state: str):
    site = item.site
    if outcome in ORDER_OUTCOMES and not site.is_current:
        raise ServiceError("Площадка уже не действует: решения о ней больше не принимаются.")
    new_theme = " ".join((new_theme or "").split()) if outcome == Outcome.CHANGE_THEME else ""
    if outcome == Outcome.CHANGE_THEME and (not new_theme or new_theme == site.theme):
        raise ServiceError("Укажите новую тему площадки (она должна отличаться от прежней).")
    new_end_date = new_end_date if outcome == Outcome.EXTEND else None
    if outcome == Outcome.EXTEND:
        if new_end_date is None:
            raise ServiceError("Укажите, до какой даты продлевается статус.")
        if site.end_date and new_end_date <= site.end_date:
            raise ServiceError(f"Новый срок должен быть позже нынешнего ({numeric_date(site.end_date)}).")
    if outcome == Outcome.TERMINATE:
        final_state = final_state or SiteState.REVOKED
        if final_state not in (SiteState.REVOKED, SiteState.COMPLETED):
            raise ServiceError("Укажите, прекращается статус или работа площадки завершается.")
    else:
        final_state = ""
    return new_theme, new_end_date, final_state


@transaction.atomic
def record_decision(
    item: AgendaItem,
    *,
    outcome: str,
    text: str = "",
    mode: str = VotingMode.VOTES,
    votes_for: int = 0,
    votes_against: int = 0,
    votes_abstained: int = 0,
    new_theme: str = "",
    new_end_date: dt.date | None = None,
    final_state: str = "",
    by=None,
) -> Decision:
    """Record (or correct) the decision on an agenda item.

    A quorum must be present and the vote must fit the members present. On an application item the outcome
    «recommend» / «do not recommend» moves the application in the same transaction; once it has moved, the
    outcome stays (the text and votes may still be corrected). A decision carried out by an order is final."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    check_editable(meeting)
    if meeting.date > timezone.localdate():
        raise ServiceError("Заседание ещё не состоялось: решения записываются в день заседания или позже.")
    if outcome not in OUTCOMES_BY_KIND[item.kind]:
        raise ServiceError(f"Итог «{Outcome(outcome).label}» не подходит для вопроса этого вида.")
    attendance = quorum(meeting)
    if not attendance.reached:
        raise ServiceError(
            f"Нет кворума: присутствуют {attendance.present} из {numeral(attendance.members, MEMBERS_GENITIVE)}, "
            f"нужно не менее "
            f"{attendance.needed}. Решения не принимаются."
        )
    decision = Decision.objects.select_for_update().filter(agenda_item=item).first()
    if decision and Vote.objects.filter(decision=decision).exists():
        # A roll-call was taken: its totals are counted from the members' votes, never typed.
        if mode == VotingMode.CONSENSUS:
            raise ServiceError(
                "По решению проведено поимённое голосование: записать его как принятое единогласно нельзя."
            )
        counted = totals_of(decision)[:3]
        if (votes_for, votes_against, votes_abstained) != counted:
            raise ServiceError(
                "По решению проведено поимённое голосование: число голосов считается по голосам членов и вручную "
                "не меняется. Исправьте голоса в поимённом голосовании."
            )
    votes = _check_votes(mode, (votes_for, votes_against, votes_abstained), attendance.present, outcome)
    if item.kind == AgendaKind.SITE:
        new_theme, new_end_date, final_state = _site_parameters(item, outcome, new_theme, new_end_date, final_state)
    else:
        new_theme, new_end_date, final_state = "", None, ""
    previous = decision.outcome if decision else None
    if decision and decision.order_id:
        raise ServiceError("Решение уже исполнено приказом: изменить его нельзя.")
    moves_application = item.application_id and outcome in (Outcome.RECOMMEND, Outcome.NOT_RECOMMEND)
    if item.application_id and previous in (Outcome.RECOMMEND, Outcome.NOT_RECOMMEND) and outcome != previous:
        raise ServiceError("Итог по заявке уже передан в конкурс: изменить его нельзя, можно исправить текст.")
    decision = decision or Decision(agenda_item=item)
    decision.outcome = outcome
    decision.mode = mode
    decision.votes_for, decision.votes_against, decision.votes_abstained = votes
    decision.new_theme, decision.new_end_date, decision.final_state = new_theme, new_end_date, final_state
    decision.text = (text or "").strip() or default_decision_text(
        item, outcome, new_theme=new_theme, new_end_date=new_end_date
    )
    decision.save()
    if moves_application and outcome != previous:
        review_services.record_council_decision(
            item.application,
            recommended=outcome == Outcome.RECOMMEND,
            by=by,
            comment=f"Решение: {meeting.body}, протокол от {numeric_date(meeting.date)}",
        )
    return decision
