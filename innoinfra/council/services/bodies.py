"""Bodies and their members: a body's details, a member's term (one chair and one secretary at a time), its end,
and who holds the offices on a day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from innoinfra.accounts import services as account_services
from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Body

from .. import queries

# A body has one chair and one secretary at a time.
SINGLE_POSITIONS = frozenset({BodyPosition.CHAIR, BodyPosition.SECRETARY})
BODY_FIELDS = ("name", "short_name", "kind", "municipality")


def _check_body(body: Body) -> None:
    body.name = " ".join(body.name.split())
    if not body.name:
        raise ServiceError("Укажите наименование органа.")
    if body.municipality_id is None and body.organization_id is None:
        raise ServiceError("Укажите муниципалитет, к которому относится орган.")


@transaction.atomic
def create_body(**fields) -> Body:
    body = Body(**{name: value for name, value in fields.items() if name in BODY_FIELDS})
    _check_body(body)
    body.save()
    return body


@transaction.atomic
def update_body(body: Body, **fields) -> Body:
    for name, value in fields.items():
        if name in BODY_FIELDS:
            setattr(body, name, value)
    _check_body(body)
    body.save()
    return body


def _terms_overlap(a_start, a_end, b_start, b_end) -> bool:
    starts_in_time = a_start is None or b_end is None or a_start <= b_end
    ends_in_time = b_start is None or a_end is None or b_start <= a_end
    return starts_in_time and ends_in_time


@transaction.atomic
def add_member(
    body: Body, *, user, position: str, by, start_date: dt.date | None = None, end_date: dt.date | None = None
) -> Membership:
    """Include a person in the body for a term; the grant is recorded in the membership history."""
    if position in SINGLE_POSITIONS:
        holders = Membership.objects.filter(body=body, body_position=position).select_related("user")
        for holder in holders:
            if _terms_overlap(holder.start_date, holder.end_date, start_date, end_date):
                label = BodyPosition(position).label.lower()
                raise ServiceError(
                    f"У органа уже есть {label}: {holder.user}. Завершите его полномочия или укажите срок, "
                    "который с ними не пересекается."
                )
    return account_services.add_membership(
        user=user,
        role=Role.EXPERT,
        by=by,
        body=body,
        body_position=position,
        start_date=start_date,
        end_date=end_date,
    )


def end_member(membership: Membership, *, by, last_day: dt.date | None = None) -> Membership:
    """End a member's term (by default yesterday); the record stays in the body's history."""
    if membership.body_id is None:
        raise ServiceError("Это не членство в коллегиальном органе.")
    return account_services.end_membership(membership, by=by, last_day=last_day)


def officers_on(body: Body, day: dt.date):
    """The body's chair and secretary on the day (None where the position is vacant)."""
    chair = secretary = None
    for membership in queries.members_on(body, day).order_by("start_date", "id"):
        if membership.body_position == BodyPosition.CHAIR:
            chair = membership.user
        elif membership.body_position == BodyPosition.SECRETARY:
            secretary = membership.user
    return chair, secretary
