"""Reminders to the organizations that still owe a report: N days before the deadline and once it has passed.
Each is a notification with a key, so a daily run repeats nothing."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from innoinfra.core.dates import russian_date
from innoinfra.core.notifications import Notice, notify_many

from .enums import EDITABLE_STATES, CampaignState
from .models import Report
from .notices import org_admins


def send_report_reminders(today: dt.date, days: int) -> dict[str, int]:
    owed = Report.objects.filter(state__in=EDITABLE_STATES, campaign__state=CampaignState.OPEN).select_related(
        "campaign", "organization"
    )
    due_soon = list(owed.filter(campaign__deadline__gte=today, campaign__deadline__lte=today + dt.timedelta(days=days)))
    overdue = list(owed.filter(Q(campaign__deadline__lt=today)))
    admins = org_admins({r.organization_id for r in due_soon + overdue})
    notices = []
    for report in due_soon:
        for user in admins.get(report.organization_id, []):
            notices.append(
                Notice(
                    user=user,
                    title=f"Срок отчёта — {russian_date(report.campaign.deadline)}",
                    text=f"{report.campaign}: отчёт {report.organization.short_name} ещё не представлен.",
                    url=report.get_absolute_url(),
                    key=f"reports:report:{report.pk}:due-soon",
                )
            )
    for report in overdue:
        for user in admins.get(report.organization_id, []):
            notices.append(
                Notice(
                    user=user,
                    title=f"Отчёт просрочен: {report.campaign}",
                    text=f"Срок был {russian_date(report.campaign.deadline)}. Представьте отчёт "
                    f"{report.organization.short_name} как можно скорее.",
                    url=report.get_absolute_url(),
                    key=f"reports:report:{report.pk}:overdue",
                )
            )
    sent = notify_many(notices)
    return {
        "due_soon": sum(1 for n in sent if n.key.endswith("due-soon")),
        "overdue": sum(1 for n in sent if n.key.endswith("overdue")),
        "unattended": sum(1 for r in due_soon + overdue if not admins.get(r.organization_id)),
    }
