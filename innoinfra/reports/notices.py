"""Who hears of a report's steps: the organization's administrators of the curator's decision, the site's curator
of a submitted report. Mailed after the transaction commits (core.notifications)."""

from __future__ import annotations

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership
from innoinfra.core.notifications import Notice, notify_many

from .enums import ReportState


def org_admins(organization_ids) -> dict[int, list]:
    """organization id → its active administrators, in one query."""
    found: dict[int, list] = {}
    memberships = (
        Membership.objects.active()
        .filter(role=Role.ORG_ADMIN, organization_id__in=list(organization_ids), user__is_active=True)
        .select_related("user")
    )
    for membership in memberships:
        found.setdefault(membership.organization_id, []).append(membership.user)
    return found


def report_submitted(report) -> None:
    curator = report.site.curator if report.site_id else None
    if curator is None or not curator.is_active:
        return
    notify_many(
        [
            Notice(
                user=curator,
                title=f"Представлен отчёт: {report.organization}",
                text=f"{report.campaign}. Проверьте отчёт и примите его или верните с замечаниями.",
                url=report.get_absolute_url(),
                key=f"reports:report:{report.pk}:submitted:{report.submitted_at:%Y%m%d%H%M%S}",
            )
        ]
    )


def report_decided(report, event) -> None:
    if event.to_state == ReportState.ACCEPTED:
        title, text = f"Отчёт принят: {report.campaign}", "Куратор принял отчёт организации."
    else:
        title = f"Отчёт возвращён на доработку: {report.campaign}"
        text = f"Замечания куратора: {event.remarks}"
    users = org_admins([report.organization_id]).get(report.organization_id, [])
    notify_many(
        [
            Notice(user=user, title=title, text=text, url=report.get_absolute_url(), key=f"reports:event:{event.pk}")
            for user in users
        ]
    )
