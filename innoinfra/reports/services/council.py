"""A site's accepted report on the agenda of a planned meeting of its territory's council."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.council.enums import AgendaKind, MeetingState
from innoinfra.council.models import AgendaItem, Meeting
from innoinfra.council.services import add_agenda_item

from ..enums import ReportState
from ..models import Report


def open_meetings_for(report: Report):
    """Planned meetings of councils of the site's territory, soonest first."""

    if report.site_id is None:
        return Meeting.objects.none()
    municipality_id = report.site.lead_organization.municipality_id
    return (
        Meeting.objects.filter(state=MeetingState.PLANNED, date__gte=timezone.localdate())
        .filter(Q(body__municipality_id=municipality_id) | Q(body__organization__municipality_id=municipality_id))
        .select_related("body")
        .order_by("date", "id")
    )


@transaction.atomic
def put_on_agenda(report: Report, meeting, *, by):
    report = Report.objects.select_related("site__kind", "site__lead_organization", "campaign", "organization").get(
        pk=report.pk
    )
    if report.state != ReportState.ACCEPTED or report.site_id is None:
        raise ServiceError("В повестку включают принятый отчёт площадки.")
    if not open_meetings_for(report).filter(pk=meeting.pk).exists():
        raise ServiceError("Выберите запланированное заседание совета территории площадки.")
    if AgendaItem.objects.filter(meeting=meeting, site_id=report.site_id).exists():
        raise ServiceError("Площадка уже есть в повестке этого заседания.")
    site = report.site
    title = (
        f"Об отчёте {site.kind.abbreviation or site.kind} {report.organization} «{site.theme}» "
        f"за период {report.campaign.period_label}"
    )
    return add_agenda_item(meeting, kind=AgendaKind.SITE, site=site, title=title)
