"""Group registration: a school's head (or a methodist) registers several staff members in one form.

Each colleague gets a registration of their own — their own address, letter, personal link, seat, attendance and
certificate — exactly as if they had registered themselves; the registration records who filled the form and which
school sent the person, so the head sees it on «Сотрудники на мероприятиях». The seats are taken in the order of
the list: when they run out the rest go on the waiting list, as everyone else would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from innoinfra.core.errors import ServiceError

from ..enums import ACTIVE_STATES
from ..models import Event, Registration
from ._common import locked
from .registrations import register

MAX_GROUP = 50


@dataclass(frozen=True)
class Colleague:
    full_name: str
    email: str
    position: str = ""


def _normalized(people: list[Colleague]) -> list[Colleague]:
    cleaned = []
    for person in people:
        name, email = " ".join((person.full_name or "").split()), (person.email or "").strip().lower()
        if not name and not email:
            continue  # an empty row of the form
        if not name or not email:
            raise ServiceError(f"Для каждого сотрудника укажите ФИО и адрес электронной почты ({name or email}).")
        cleaned.append(Colleague(name, email, " ".join((person.position or "").split())))
    return cleaned


def _is_own(user, email: str) -> bool:
    return bool(user.email) and user.email.strip().lower() == email


def registers_someone_else(user, *, full_name: str, email: str) -> bool:
    """The one-person form filled by a logged-in user under another name and another address registers someone
    else (a head registering a colleague): the registration is not the user's account's, so it neither stops the
    user from registering nor shows as theirs."""
    if not user.is_authenticated:
        return False
    other_email = bool(user.email) and user.email.strip().lower() != email.strip().lower()
    other_name = " ".join(full_name.split()).casefold() != " ".join(user.full_name.split()).casefold()
    return other_email and other_name


@transaction.atomic
def register_staff(
    *,
    event: Event,
    organization,
    people: list[Colleague],
    consent: bool,
    by,
    now: dt.datetime | None = None,
) -> list[Registration]:
    """Register the listed staff of `organization` for the event, all or none: a refusal for one of them
    (an address already registered, a required field of the event's form) changes nothing and names the person."""
    locked(event)
    if organization is None:
        raise ServiceError("Выберите организацию, сотрудников которой вы регистрируете.")
    people = _normalized(people)
    if not people:
        raise ServiceError("Добавьте хотя бы одного сотрудника: ФИО, должность и адрес электронной почты.")
    if len(people) > MAX_GROUP:
        raise ServiceError(f"За один раз можно зарегистрировать не больше {MAX_GROUP} человек.")
    seen: dict[str, str] = {}
    for person in people:
        if person.email in seen:
            raise ServiceError(
                f"Адрес {person.email} указан дважды ({seen[person.email]}, {person.full_name}): у каждого "
                "участника должен быть свой адрес — на него придёт личная ссылка и сертификат."
            )
        seen[person.email] = person.full_name
    taken = list(
        event.registrations.filter(email__in=seen, state__in=ACTIVE_STATES)
        .order_by("email")
        .values_list("email", "full_name")
    )
    if taken:
        names = "; ".join(f"{email} ({name})" for email, name in taken)
        raise ServiceError(f"Уже зарегистрированы на это мероприятие: {names}. Уберите их из списка.")
    registrations = []
    for person in people:
        try:
            registrations.append(
                register(
                    event=event,
                    full_name=person.full_name,
                    email=person.email,
                    position=person.position,
                    organization_name=organization.short_name,
                    consent=consent,
                    user=by if _is_own(by, person.email) else None,
                    registered_by=by,
                    organization=organization,
                    now=now,
                )
            )
        except ServiceError as error:
            raise ServiceError(f"{person.full_name}: {' '.join(error.messages)}") from None
    return registrations
