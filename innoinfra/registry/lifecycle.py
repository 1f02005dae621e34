"""The time-driven life cycle of a status: it ends by itself when its period is over, and the people in charge hear
of the end 90 and 30 days before.

Run daily (`manage.py expire_statuses`, see docs/deploy.md). Pages never wait for it: they compute the state from the
dates (models.in_force_q and friends), so the job only records in the database and the history what the pages
already show. Both actions are idempotent: a second run the same day finds nothing to expire and no reminder that
was not given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.core.dates import russian_date
from innoinfra.core.notifications import Notice, notify_many
from innoinfra.core.public_cache import bump
from innoinfra.core.templatetags.ru import plural_ru
from innoinfra.core.typography import end_sentence

from . import mapgrid
from .enums import CURRENT_STATES, SiteState
from .models import Site, SiteStateChange

# The reminders before the end: the longest first. A site that enters the registry with 20 days left gets only the
# 30-day one, never both at once.
REMINDER_DAYS = (30, 90)
# the date ends with «г.», whose full stop also ends the sentence (no «2024 г..»): see expiry_comment
EXPIRY_COMMENT = "Срок статуса истёк: период, установленный приказом, закончился {end}"


@transaction.atomic
def expire_statuses(*, today: dt.date | None = None, by=None) -> list[Site]:
    """Record «Завершена (срок истёк)» for every active or suspended site whose period ended before `today`:
    the state, a history record and a dated state change (the last day of the period). Returns the sites."""
    today = today or timezone.localdate()
    sites = list(
        Site.objects.select_for_update().filter(state__in=CURRENT_STATES, end_date__lt=today).order_by("end_date", "pk")
    )
    if not sites:
        return []
    old_states = {site.pk: site.state for site in sites}
    now = timezone.now()
    for site in sites:
        site.state = SiteState.EXPIRED
        site.updated_at = now
        # simple_history's bulk update takes the reason per object from this attribute
        site._change_reason = expiry_comment(site)
    bulk_update_with_history(
        sites,
        Site,
        ["state", "updated_at"],
        default_user=by,
        default_change_reason="Срок статуса истёк",
    )
    SiteStateChange.objects.bulk_create(
        SiteStateChange(
            site=site,
            from_state=old_states[site.pk],
            to_state=SiteState.EXPIRED,
            date=site.end_date,
            comment=expiry_comment(site),
            changed_by=by,
        )
        for site in sites
    )
    bump("registry")  # bulk writes send no signals: the cached public pages are told here (core.public_cache)
    mapgrid.mark_stale()  # and the map's summary: expired statuses leave the map
    return sites


def expiry_comment(site: Site) -> str:
    """«… закончился 31 декабря 2024 г.» — one full stop after the year's abbreviation."""
    return end_sentence(EXPIRY_COMMENT.format(end=russian_date(site.end_date)))


def reminder_key(site: Site, days: int) -> str:
    # The end date is in the key: a period extended by a new order earns its own reminders.
    return f"registry:site:{site.pk}:ends:{site.end_date:%Y-%m-%d}:{days}"


def heads_of(organization_ids: set[int]) -> dict[int, list[User]]:
    """The active heads (administrators) of each organization, in one query."""
    heads = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(role=Role.ORG_ADMIN, organization_id__in=organization_ids, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        heads[membership.organization_id].append(membership.user)
    return heads


def people_in_charge(site: Site, heads: dict[int, list[User]]) -> dict[int, User]:
    """Who hears of a site's deadlines: the active heads of its lead organization and its curator, each once."""
    people = {user.pk: user for user in heads.get(site.lead_organization_id, [])}
    if site.curator and site.curator.is_active:
        people[site.curator.pk] = site.curator
    return people


def _notice(user: User, site: Site, days: int, today: dt.date) -> Notice:
    left = (site.end_date - today).days
    return Notice(
        user=user,
        title=f"Срок статуса «{site.kind}» истекает {russian_date(site.end_date)}",
        text=(
            f"{site.lead_organization}: «{site.theme}». До окончания периода — {left} "
            f"{plural_ru(left, 'день,дня,дней')}. Подготовьте итоговый отчёт или документы на продление статуса."
        ),
        url=site.get_absolute_url(),
        key=reminder_key(site, days),
    )


@transaction.atomic
def send_expiry_reminders(*, today: dt.date | None = None) -> dict:
    """Tell the head(s) of the lead organization and the curator that the status ends in 90 (then 30) days:
    a notification and an e-mail (after commit), each once. A constant number of queries for any number of sites."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    sites = list(
        Site.objects.filter(state__in=CURRENT_STATES, end_date__gte=today, end_date__lte=horizon)
        .select_related("kind", "lead_organization", "curator")
        .order_by("end_date", "pk")
    )
    heads = heads_of({site.lead_organization_id for site in sites}) if sites else {}
    notices, unattended = [], 0
    for site in sites:
        days = next(d for d in REMINDER_DAYS if (site.end_date - today).days <= d)
        people = people_in_charge(site, heads)
        unattended += not people
        notices += [_notice(user, site, days, today) for user in people.values()]
    created = notify_many(notices)
    return {"reminders": len(created), "sites": len(sites), "unattended": unattended}
