"""Reminders of due dates: «приближается срок» a few days ahead, «просрочено» once a month after.

Run daily (`manage.py send_reminders`). Each person gets one in-app notification per occurrence and kind, and at
most one e-mail per run listing all their items. Keys make a second run the same day send nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import Truncator

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.core.dates import russian_date
from innoinfra.core.notifications import Notice, notify_many, send_emails
from innoinfra.core.numerals import plural as plural_ru

from .enums import OPEN_STATUSES, PlanState
from .models import Occurrence

DUE_SOON = "due-soon"
OVERDUE = "overdue"
TITLE_LENGTH = 100
EMAIL_INTRO = "Напоминаем о сроках мероприятий планов, за которые вы отвечаете."


def reminder_key(occurrence: Occurrence, kind: str, today: dt.date) -> str:
    # The month in the overdue key lets an unresolved item come back once a month, not every day.
    suffix = f":{today:%Y-%m}" if kind == OVERDUE else ""
    return f"plans:occurrence:{occurrence.pk}:{kind}{suffix}"


def candidates(today: dt.date, days: int):
    """Open occurrences of approved plans due by today + days (the overdue ones too), with all a message needs."""
    return (
        Occurrence.objects.filter(
            plan__state=PlanState.APPROVED, status__in=OPEN_STATUSES, due_date__lte=today + dt.timedelta(days=days)
        )
        .select_related("item", "plan__responsible_user")
        .prefetch_related(
            Prefetch("item__responsible_users", queryset=User.objects.filter(is_active=True)),
            "item__responsible_organizations",
        )
        .order_by("due_date", "id")
    )


def org_admins_of(organization_ids: set[int]) -> dict[int, list[User]]:
    """Active administrators of each organization, in one query."""
    admins = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(role=Role.ORG_ADMIN, organization_id__in=organization_ids, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        admins[membership.organization_id].append(membership.user)
    return admins


def recipients(occurrence: Occurrence, admins: dict[int, list[User]]) -> list[User]:
    """The people named on the item and the heads of its organizations; failing those, who runs the plan."""
    item = occurrence.item
    people = {user.pk: user for user in item.responsible_users.all()}
    for organization in item.responsible_organizations.all():
        people.update({user.pk: user for user in admins.get(organization.pk, [])})
    if not people and occurrence.plan.responsible_user and occurrence.plan.responsible_user.is_active:
        return [occurrence.plan.responsible_user]
    return list(people.values())


def _days_left(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days == 0:
        return "сегодня"
    if days == 1:
        return "завтра"
    return f"через {days} {plural_ru(days, 'день,дня,дней')}"


def reminder_notice(user: User, occurrence: Occurrence, kind: str, today: dt.date) -> Notice:
    item, plan = occurrence.item, occurrence.plan
    activity = Truncator(f"{item.number} {item.activity}".strip()).chars(TITLE_LENGTH)
    if kind == OVERDUE:
        title = f"Просрочено: {activity}"
        when = f"Срок истёк {russian_date(occurrence.due_date)} Отметьте выполнение или укажите причину."
    else:
        title = f"Приближается срок: {activity}"
        when = f"Срок — {russian_date(occurrence.due_date)} ({_days_left(occurrence.due_date, today)})."
    return Notice(
        user=user,
        title=title,
        text=f"{when}\nПлан: «{plan.title}».",
        url=f"{plan.get_absolute_url()}#item-{item.pk}",
        key=reminder_key(occurrence, kind, today),
    )


def _subject(soon: int, overdue: int) -> str:
    parts = []
    if overdue:
        parts.append(f"просрочено {overdue}")
    if soon:
        parts.append(f"приближается срок {soon}")
    return f"Сроки мероприятий планов: {', '.join(parts)}"


def _letters(created: list[Notice], overdue_keys: set[str]):
    """One e-mail per person with every new reminder of theirs, overdue ones first."""
    by_user: dict[int, list[Notice]] = defaultdict(list)
    users = {}
    for notice in created:
        by_user[notice.user.pk].append(notice)
        users[notice.user.pk] = notice.user
    for pk, notices in by_user.items():
        overdue = [n for n in notices if n.key in overdue_keys]
        soon = [n for n in notices if n.key not in overdue_keys]
        subject = notices[0].title if len(notices) == 1 else _subject(len(soon), len(overdue))
        yield users[pk], subject, overdue + soon


@transaction.atomic
def send_plan_reminders(today: dt.date, days: int = 7, *, base_url: str | None = None) -> dict:
    """Create the reminders due today and mail them (after commit); a constant number of queries for any number
    of occurrences. Returns counts of new reminders by kind, e-mails and occurrences nobody could be told of."""
    occurrences = list(candidates(today, days))
    organization_ids = {org.pk for o in occurrences for org in o.item.responsible_organizations.all()}
    admins = org_admins_of(organization_ids) if organization_ids else {}
    notices, overdue_keys, unattended = [], set(), 0
    for occurrence in occurrences:
        kind = OVERDUE if occurrence.due_date < today else DUE_SOON
        if kind == OVERDUE:
            overdue_keys.add(reminder_key(occurrence, kind, today))
        people = recipients(occurrence, admins)
        unattended += not people
        notices.extend(reminder_notice(user, occurrence, kind, today) for user in people)
    created = notify_many(notices, email=False)
    emails = send_emails(list(_letters(created, overdue_keys)), intro=EMAIL_INTRO, base_url=base_url)
    overdue = sum(1 for notice in created if notice.key in overdue_keys)
    return {"due_soon": len(created) - overdue, "overdue": overdue, "emails": emails, "unattended": unattended}
