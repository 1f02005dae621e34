"""Named querysets of the council: what a user may see, and pages' data in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from innoinfra.accounts.enums import BodyPosition
from innoinfra.accounts.models import Membership
from innoinfra.accounts.rules import body_municipality_id
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Body
from innoinfra.registry.models import Order, Site, current_q
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

from .models import AgendaItem, Attendee, Decision, Meeting, Vote


def _in_managed(scope, prefix: str = "") -> Q:
    """A body of the user's territory: of a municipality they manage, or sitting at an organization of one."""
    return scope.managed(f"{prefix}municipality") | (
        Q(**{f"{prefix}municipality__isnull": True}) & scope.managed(f"{prefix}organization__municipality")
    )


def bodies_for(user) -> QuerySet[Body]:
    """Bodies the user runs (staff of their territory) or sits in."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Body.objects.all()
    condition = Q(pk__in=scope.bodies)
    if scope.managed_municipalities:
        condition |= _in_managed(scope)
    return Body.objects.filter(condition)


def bodies_for_list(user) -> QuerySet[Body]:
    today = timezone.localdate()
    members = Count(
        "membership",
        filter=(Q(membership__start_date__isnull=True) | Q(membership__start_date__lte=today))
        & (Q(membership__end_date__isnull=True) | Q(membership__end_date__gte=today)),
        distinct=True,
    )
    return (
        bodies_for(user)
        .select_related("municipality", "organization")
        .annotate(member_count=members, meeting_count=Count("meetings", distinct=True))
        .order_by("name")
    )


def meetings_for(user) -> QuerySet[Meeting]:
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Meeting.objects.all()
    condition = Q(body__in=scope.bodies)
    if scope.managed_municipalities:
        condition |= _in_managed(scope, "body__")
    return Meeting.objects.filter(condition)


def with_list_data(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("body", "chair", "secretary").annotate(
        item_count=Count("agenda", distinct=True),
        present_count=Count("attendees", filter=Q(attendees__present=True), distinct=True),
    )


def members_on(body: Body, day: dt.date) -> QuerySet[Membership]:
    """Memberships of the body whose term contains the day."""
    return (
        Membership.objects.filter(body=body)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("user__organization")
    )


def body_memberships(body: Body) -> QuerySet[Membership]:
    """Everyone who sits or sat in the body, current terms first."""
    return Membership.objects.filter(body=body).select_related("user__organization").order_by("-end_date", "user")


def meeting_page(pk: int) -> Meeting:
    return Meeting.objects.select_related(
        "body__municipality", "body__organization", "chair", "secretary", "created_by"
    ).get(pk=pk)


def roll_call(lookup: str) -> Prefetch:
    """The members' votes on decisions, in the order of the protocol's list (by name)."""
    return Prefetch(lookup, queryset=Vote.objects.select_related("attendee").order_by("attendee__name", "id"))


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """The agenda with each item's application or site and its decision: one query for any agenda.
    Items get their `number` in the agenda (positions may have gaps after deletions)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "application__lead_organization",
            "application__site_kind",
            "application__call",
            "site__kind",
            "site__lead_organization",
            "decision__order",
        )
        .prefetch_related(roll_call("decision__votes"))
        .order_by("position", "id")
    )
    for number, item in enumerate(items, start=1):
        item.number = number
        item.meeting = meeting
    return items


def attendees_of(meeting: Meeting) -> list[Attendee]:
    return list(Attendee.objects.filter(meeting=meeting).order_by("-is_member", "name", "id"))


def decisions_of(meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(agenda_item__meeting=meeting)
        .select_related(
            "agenda_item__application__lead_organization",
            "agenda_item__application__site_kind",
            "agenda_item__application__call",
            "agenda_item__site__kind",
            "agenda_item__site__lead_organization",
            "order",
        )
        .prefetch_related("agenda_item__application__partners")
        .order_by("agenda_item__position", "agenda_item__id")
    )


def orders_of(meeting: Meeting) -> QuerySet[Order]:
    """Orders that carried out the meeting's decisions, each once however many decisions it carries (the join
    through decisions gives a row per decision)."""
    return Order.objects.filter(pk__in=Decision.objects.filter(agenda_item__meeting=meeting).values("order_id"))


def municipality_of(body: Body):
    """The body's municipality, or that of the organization it sits at."""
    if body.municipality_id:
        return body.municipality
    return body.organization.municipality if body.organization_id else None


def municipality_id_of(body: Body) -> int | None:
    return body_municipality_id(body)


# States in which an application may come before the council.
AGENDA_APPLICATION_STATES = (ApplicationState.UNDER_REVIEW, ApplicationState.REVIEWED)


def applications_for_agenda(body: Body, *, keep: int | None = None) -> QuerySet[Application]:
    """Applications of the calls of the body's territory (and of no other council) awaiting the council;
    `keep` stays selectable whatever its state (the application an agenda item already names)."""
    condition = Q(call__municipality_id=municipality_id_of(body), state__in=AGENDA_APPLICATION_STATES) & (
        Q(call__body__isnull=True) | Q(call__body=body)
    )
    if keep:
        condition |= Q(pk=keep)
    return (
        Application.objects.filter(condition)
        .select_related("lead_organization", "call", "site_kind")
        .order_by("call_id", "number", "id")
    )


def sites_for_agenda(body: Body, *, keep: int | None = None) -> QuerySet[Site]:
    condition = Q(lead_organization__municipality_id=municipality_id_of(body)) & current_q()
    if keep:
        condition |= Q(pk=keep)
    return (
        Site.objects.filter(condition)
        .select_related("kind", "lead_organization")
        .order_by("lead_organization__short_name", "id")
    )


def meetings_of_body(body: Body) -> QuerySet[Meeting]:
    return with_list_data(Meeting.objects.filter(body=body)).order_by("-date", "-id")


# Chair, deputy, secretary, then members: the order a body's page and the API list them in.
POSITION_ORDER = {BodyPosition.CHAIR: 0, BodyPosition.DEPUTY: 1, BodyPosition.SECRETARY: 2, BodyPosition.MEMBER: 3}


def current_and_past_members(body) -> tuple[list[Membership], list[Membership]]:
    """Current members in the order of their positions, and past terms."""
    today = timezone.localdate()
    current, past = [], []
    for membership in body_memberships(body):
        ended = membership.end_date is not None and membership.end_date < today
        (past if ended else current).append(membership)
    current.sort(key=lambda m: (POSITION_ORDER.get(m.body_position, 9), m.user.last_name, m.user.first_name))
    return current, past
