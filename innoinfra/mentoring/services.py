"""Mentoring actions: each in one transaction, refusing an illegal step with a ServiceError and changing nothing.

Rows that decide a step (the request being matched, the mentor's offer with its places, the pair being closed)
are locked and read afresh, so two methodists cannot give the same request two mentors or one mentor more mentees
than places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Direction, Municipality, Organization

from . import notices
from .enums import CLOSED_PAIR_STATES, PairState, RequestState
from .models import Meeting, MentoringPair, MentoringRequest, MentorOffer

OFFER_FIELDS = ("topics", "capacity", "contact", "accepting")


def _fresh(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# ---------------------------------------------------------------- requests


@transaction.atomic
def create_request(
    *,
    by,
    organization: Organization,
    topic: str,
    needs: str,
    directions: Iterable[Direction] = (),
    contact: str = "",
) -> MentoringRequest:
    if not topic.strip() or not needs.strip():
        raise ServiceError("Укажите тему и опишите, какая помощь нужна.")
    if not organization.is_active:
        raise ServiceError("Организация исключена из реестра: запрос от её имени подать нельзя.")
    request = MentoringRequest(
        organization=organization,
        municipality_id=organization.municipality_id,
        topic=topic.strip(),
        needs=needs.strip(),
        contact=contact,
        created_by=by,
    )
    request._history_user = by
    request.save()
    request.directions.set(directions)
    return request


@transaction.atomic
def withdraw_request(request: MentoringRequest, *, by) -> MentoringRequest:
    request = _fresh(MentoringRequest, request)
    if request.state == RequestState.MATCHED:
        raise ServiceError(
            "Наставник уже назначен: запрос нельзя отозвать. Чтобы прекратить наставничество, закройте пару."
        )
    if request.state != RequestState.OPEN:
        raise ServiceError(f"Запрос уже не ждёт наставника (состояние: «{request.get_state_display()}»).")
    request.state = RequestState.WITHDRAWN
    request._history_user = by
    request.save(update_fields=["state", "updated_at"])
    return request


# ---------------------------------------------------------------- offers


def _offer_municipality(mentor_organization, mentor_user, municipality) -> Municipality | None:
    if mentor_organization is not None:
        return mentor_organization.municipality
    if municipality is not None:
        return municipality
    if mentor_user is not None and mentor_user.organization_id:
        return mentor_user.organization.municipality
    return None


@transaction.atomic
def create_offer(
    *,
    by,
    topics: str,
    mentor_organization: Organization | None = None,
    mentor_user=None,
    municipality: Municipality | None = None,
    directions: Iterable[Direction] = (),
    capacity: int = 1,
    contact: str = "",
    accepting: bool = True,
) -> MentorOffer:
    if (mentor_organization is None) == (mentor_user is None):
        raise ServiceError("Наставник — либо организация, либо педагог: укажите одно из двух.")
    place = _offer_municipality(mentor_organization, mentor_user, municipality)
    if place is None:
        raise ServiceError("У педагога не указано место работы: выберите муниципалитет наставника.")
    if not topics.strip():
        raise ServiceError("Опишите темы и опыт наставника.")
    if capacity is None or capacity < 1:
        raise ServiceError("Наставник ведёт хотя бы одну организацию.")
    offer = MentorOffer(
        mentor_organization=mentor_organization,
        mentor_user=mentor_user,
        municipality=place,
        topics=topics.strip(),
        capacity=capacity,
        contact=contact,
        accepting=accepting,
        created_by=by,
    )
    offer._history_user = by
    offer.save()
    offer.directions.set(directions)
    return offer


@transaction.atomic
def update_offer(offer: MentorOffer, *, by, directions: Iterable[Direction] | None = None, **fields) -> MentorOffer:
    """Topics, places, contacts and whether the mentor takes new mentees; the mentor themself stays."""
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise ServiceError("Наставника в предложении заменить нельзя: создайте новое предложение.")
    offer = _fresh(MentorOffer, offer)
    for name, value in fields.items():
        setattr(offer, name, value)
    if not offer.topics.strip():
        raise ServiceError("Опишите темы и опыт наставника.")
    busy = offer.pairs.filter(state=PairState.ACTIVE).count()
    if offer.capacity is None or offer.capacity < max(busy, 1):
        raise ServiceError(
            f"Сейчас у наставника подопечных: {busy}. Число мест не может быть меньше (и меньше одного)."
        )
    offer._history_user = by
    offer.save()
    if directions is not None:
        offer.directions.set(directions)
    return offer


# ---------------------------------------------------------------- pairs


@transaction.atomic
def match(
    request: MentoringRequest,
    offer: MentorOffer,
    *,
    by,
    plan: str = "",
    started_on: dt.date | None = None,
) -> MentoringPair:
    """Give the request a mentor: the request moves to «наставник назначен», both sides are notified."""
    today = timezone.localdate()
    started_on = started_on or today
    request = _fresh(MentoringRequest, request)
    offer = _fresh(MentorOffer, offer)
    if request.state != RequestState.OPEN:
        raise ServiceError(f"Запрос уже не ждёт наставника (состояние: «{request.get_state_display()}»).")
    if not offer.accepting:
        raise ServiceError("Наставник сейчас не принимает подопечных.")
    if offer.mentor_organization_id == request.organization_id or (
        offer.mentor_user_id and offer.mentor_user.organization_id == request.organization_id
    ):
        raise ServiceError("Наставник не может быть из той же организации, что и подопечный.")
    busy = offer.pairs.filter(state=PairState.ACTIVE).count()
    if busy >= offer.capacity:
        raise ServiceError(f"У наставника нет свободных мест: подопечных уже {busy} из {offer.capacity}.")
    if started_on > today:
        raise ServiceError("Дата начала наставничества не может быть позже сегодняшнего дня.")
    pair = MentoringPair(
        request=request,
        offer=offer,
        municipality_id=request.municipality_id,
        plan=plan.strip(),
        started_on=started_on,
        matched_by=by,
    )
    pair._history_user = by
    pair.save()
    request.state = RequestState.MATCHED
    request._history_user = by
    request.save(update_fields=["state", "updated_at"])
    notices.pair_formed(pair)
    return pair


@transaction.atomic
def record_meeting(pair: MentoringPair, *, by, date: dt.date, format: str, summary: str, outcomes: str = "") -> Meeting:
    pair = _fresh(MentoringPair, pair)
    if pair.state != PairState.ACTIVE:
        raise ServiceError("Пара закрыта: новые встречи не отмечаются.")
    if date > timezone.localdate():
        raise ServiceError("Встреча ещё не состоялась: отметьте её в день проведения или позже.")
    if date < pair.started_on:
        raise ServiceError("Встреча не может быть раньше начала наставничества.")
    if not summary.strip():
        raise ServiceError("Опишите, что было сделано на встрече.")
    meeting = Meeting(
        pair=pair, date=date, format=format, summary=summary.strip(), outcomes=outcomes.strip(), created_by=by
    )
    meeting._history_user = by
    meeting.save()
    return meeting


@transaction.atomic
def close_pair(pair: MentoringPair, *, by, state: str, result: str, ended_on: dt.date | None = None) -> MentoringPair:
    """Completed: the request is done. Discontinued: the request waits for another mentor again."""
    today = timezone.localdate()
    ended_on = ended_on or today
    pair = _fresh(MentoringPair, pair)
    if pair.state != PairState.ACTIVE:
        raise ServiceError("Пара уже закрыта.")
    if state not in CLOSED_PAIR_STATES:
        raise ServiceError("Укажите, чем закончилось наставничество.")
    if not result.strip():
        raise ServiceError("Опишите итог наставничества.")
    if ended_on > today:
        raise ServiceError("Дата окончания не может быть позже сегодняшнего дня.")
    if ended_on < pair.started_on:
        raise ServiceError("Окончание наставничества не может быть раньше его начала.")
    pair.state, pair.result, pair.ended_on = state, result.strip(), ended_on
    pair._history_user = by
    pair.save(update_fields=["state", "result", "ended_on", "updated_at"])
    request = _fresh(MentoringRequest, pair.request)
    request.state = RequestState.COMPLETED if state == PairState.COMPLETED else RequestState.OPEN
    request._history_user = by
    request.save(update_fields=["state", "updated_at"])
    return pair
