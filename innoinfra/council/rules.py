"""Who may do what with collegial bodies and their meetings.

- Staff (methodist, authority) of the body's municipality run the body: its members, meetings and orders.
- Members of the body read its meetings; its chair, deputy chair and secretary write them up.
- Only staff issue orders: the order is the education authority's act, not the council's.
Predicates accept a Body or anything with a `body` (a Meeting), so one rule serves both pages.
"""

from __future__ import annotations

import rules

from innoinfra.accounts.enums import BodyPosition
from innoinfra.accounts.rules import body_municipality_id, is_staff_member
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Body

# Positions whose holders prepare meetings and protocols.
WRITING_POSITIONS = frozenset({BodyPosition.CHAIR, BodyPosition.DEPUTY, BodyPosition.SECRETARY})


def body_of(obj) -> Body | None:
    if obj is None or isinstance(obj, Body):
        return obj
    return obj.body


@rules.predicate
def manages_body(user, obj):
    """Staff of the territory the body belongs to (for no object: any staff)."""
    body = body_of(obj)
    if not is_staff_member(user):
        return False
    return body is None or scope_of(user).manages(body_municipality_id(body))


@rules.predicate
def is_body_member(user, obj):
    body = body_of(obj)
    return body is not None and body.pk in scope_of(user).bodies


@rules.predicate
def writes_for_body(user, obj):
    """Chair, deputy chair or secretary of the body."""
    body = body_of(obj)
    return body is not None and scope_of(user).body_positions.get(body.pk) in WRITING_POSITIONS


@rules.predicate
def sits_on_a_body(user):
    return bool(scope_of(user).bodies)


can_view = manages_body | is_body_member
can_change = manages_body | writes_for_body

rules.add_perm("council.view_bodies", is_staff_member | sits_on_a_body)  # the «Совет» item of the menu
rules.add_perm("council.add_body", is_staff_member)
rules.add_perm("council.change_body", manages_body)
rules.add_perm("council.view_body", can_view)
rules.add_perm("council.manage_members", manages_body)
rules.add_perm("council.add_meeting", can_change)
rules.add_perm("council.view_meeting", can_view)
rules.add_perm("council.change_meeting", can_change)
rules.add_perm("council.issue_order", manages_body)
