"""Due dates as iCalendar feeds (RFC 5545) that people subscribe to from their phone or mail client.

A feed is opened without a session (calendar apps cannot log in), so a private token in the link is the only
key: whoever holds the link sees the dates, and regenerating the token cuts every old subscription off.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator

import icalendar
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.text import Truncator

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.ics import CHUNK_SIZE, stream_calendar
from innoinfra.core.site_url import absolute_url

from .enums import OccurrenceStatus, PlanState
from .models import Occurrence, OrganizationFeed, Plan, new_token

PRODID = "-//innoinfra//Сроки планов//RU"
SUMMARY_LENGTH = 80


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison, so the answer time does not help guessing a token."""
    return bool(given) and secrets.compare_digest(expected.encode(), given.encode())


# ---------------------------------------------------------------- what a feed holds


def _for_feed(occurrences: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    """Everything an event's text needs, in three queries for any number of occurrences."""
    return (
        occurrences.select_related("item__section", "plan")
        .prefetch_related("item__responsible_users", "item__responsible_organizations")
        .order_by("due_date", "id")
    )


def approved_occurrences() -> QuerySet[Occurrence]:
    """Dates an order stands behind: those of approved plans that are still in the plan's schedule. A draft's dates
    are a proposal and may change any minute, an archived plan is over, and a date the timing no longer yields
    (kept only because execution was recorded on it) is not in the approved schedule."""
    return Occurrence.objects.filter(plan__state=PlanState.APPROVED, in_schedule=True)


def plan_feed_occurrences(plan: Plan) -> QuerySet[Occurrence]:
    """The plan's approved dates: a draft's feed is empty until the plan is approved (the subscription stays)."""
    return _for_feed(approved_occurrences().filter(plan=plan))


def organization_feed_occurrences(organization) -> QuerySet[Occurrence]:
    """Approved plans the organization owns, and items of other plans it is responsible for."""
    mine = Q(plan__organization=organization) | Q(
        pk__in=Occurrence.objects.filter(item__responsible_organizations=organization).values("pk")
    )
    return _for_feed(approved_occurrences().filter(mine))


# ---------------------------------------------------------------- building the calendar


def _description(occurrence: Occurrence) -> str:
    item = occurrence.item
    lines = [
        f"План: {occurrence.plan.title}",
        f"Раздел: {item.section}",
        f"Мероприятие: {item}",
    ]
    if item.timing:
        lines.append(f"Сроки по плану: {item.timing}")
    if responsible := item.responsible_label:
        lines.append(f"Ответственный: {responsible}")
    lines.append(f"Выполнение: {occurrence.get_status_display()}")
    return "\n".join(lines)


def _event(occurrence: Occurrence, base_url: str) -> icalendar.Event:
    event = icalendar.Event()
    # The UID never changes for an occurrence, so a subscribed calendar updates the event in place.
    event.add("uid", f"occurrence-{occurrence.pk}@innoinfra")
    event.add("summary", f"Срок: {Truncator(occurrence.item.activity).chars(SUMMARY_LENGTH)}")
    event.add("dtstart", occurrence.due_date)
    event.add("dtend", occurrence.due_date + dt.timedelta(days=1))
    event.add("dtstamp", occurrence.updated_at)
    event.add("last-modified", occurrence.updated_at)
    event.add("description", _description(occurrence))
    event.add("url", f"{base_url}{occurrence.plan.get_absolute_url()}#item-{occurrence.item_id}")
    event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    if occurrence.status == OccurrenceStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def stream_feed(name: str, occurrences, *, base_url: str) -> Iterator[bytes]:
    """The feed's text chunk by chunk (occurrences fetched CHUNK_SIZE at a time with their prefetched people);
    base_url («https://host») makes the links in events absolute. No date window here, unlike the events feed:
    only approved, unarchived plans are in it, each bounded by its own period."""
    base_url = base_url.rstrip("/")
    rows = occurrences.iterator(chunk_size=CHUNK_SIZE)
    return stream_calendar(prodid=PRODID, name=name, components=(_event(o, base_url) for o in rows))


def plan_calendar_name(plan: Plan) -> str:
    return f"Сроки: {Truncator(plan.title).chars(100)}"


def organization_calendar_name(organization) -> str:
    return f"Сроки по планам: {organization.short_name}"


# ---------------------------------------------------------------- links and tokens


def organization_feed(organization) -> OrganizationFeed:
    feed, _created = OrganizationFeed.objects.get_or_create(organization=organization)
    return feed


def feed_url_for_plan(request, plan: Plan) -> str:
    """The absolute subscription link of a plan's calendar, to show to those who run the plan."""
    path = reverse("plans:plan-ics", args=[plan.pk])
    return absolute_url(f"{path}?token={plan.feed_token}", request=request)


def feed_url_for_organization(request, organization) -> str:
    """The absolute subscription link of an organization's calendar; the token is made on first use."""
    path = reverse("plans:organization-ics", args=[organization.pk])
    return absolute_url(f"{path}?token={organization_feed(organization).token}", request=request)


def reset_plan_feed_token(plan: Plan) -> str:
    """A new token for the plan's feed; every link given out before stops working. No history row is written:
    the token is not part of the plan's content."""
    token = new_token()
    Plan.objects.filter(pk=plan.pk).update(feed_token=token)
    plan.feed_token = token
    return token


@transaction.atomic
def reset_organization_feed_token(organization) -> str:
    feed = organization_feed(organization)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed.token


def may_manage_organization_feed(user, organization) -> bool:
    """Staff of the organization's territory, or the organization's own administrator."""
    scope = scope_of(user)
    return (scope.is_staff and scope.manages(organization.municipality_id)) or organization.pk in scope.organizations
