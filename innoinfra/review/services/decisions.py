"""Decisions on applications: refusal, the council's recommendation, approval by an order, and announcing the
decisions of a call to all its applicants at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from .. import notices
from ..enums import ApplicationState
from ..models import Application, Call
from ..signals import application_approved
from .applications import transition
from .stages import decisions_open

AS = ApplicationState


def reject(application: Application, *, by=None, comment: str = "") -> Application:
    return transition(application, AS.REJECTED, by=by, comment=comment)


def record_council_decision(application: Application, *, recommended: bool, by=None, comment: str = "") -> Application:
    to_state = AS.RECOMMENDED if recommended else AS.NOT_RECOMMENDED
    return transition(application, to_state, by=by, comment=comment or "Решение экспертного совета")


def recommend(application: Application, *, recommended: bool, by=None, comment: str = "") -> Application:
    """The council's decision as the methodist records it on the application's page: only while the call's
    timetable is at its council meeting."""
    if not decisions_open(application.call):
        raise ServiceError("Решения по этому конкурсу принимаются на этапе заседания совета.")
    return record_council_decision(application, recommended=recommended, by=by, comment=comment)


def approve_by_order(application: Application, *, order, site=None, by=None) -> Application:
    with transaction.atomic():
        application = transition(
            application, AS.APPROVED, by=by, comment=f"Приказ от {order.date:%d.%m.%Y} № {order.number}"
        )
        application.order = order
        application.site = site
        application.save(update_fields=["order", "site", "updated_at"])
        if site is not None:
            application_approved.send(sender=Application, application=application, by=by)
    return application


@transaction.atomic
def release_decisions(call: Call, *, by=None) -> int:
    """Tell every applicant the council's decision at once; returns how many applications were announced."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.decisions_released_at:
        raise ServiceError("Решения по этому конкурсу уже объявлены.")
    call.decisions_released_at = timezone.now()
    call.save(update_fields=["decisions_released_at"])
    decided = list(call.applications.filter(state__in=[AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.APPROVED, AS.REJECTED]))
    for application in decided:
        application.call = call
        notices.state_changed(application, application.state)
    return len(decided)
