"""Experts and applications: conflicts of interest, assigning experts by hand or automatically, and the expert's
answer to an assignment (accept, decline, recuse)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from .. import notices
from ..enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, AssignmentState, ReviewState
from ..models import Application, Assignment, Call, ConflictDeclaration, Review

AS = ApplicationState


def conflict_reason(expert, application: Application, declared: Mapping[int, str] | None = None) -> str:
    """Why the expert may not examine the application ('' when they may)."""
    organizations = application.organization_ids()
    if expert.organization_id and expert.organization_id in organizations:
        return "эксперт работает в организации-заявителе"
    if declared is None:
        declared = dict(
            ConflictDeclaration.objects.filter(expert=expert, organization_id__in=organizations).values_list(
                "organization_id", "reason"
            )
        )
    for organization_id in organizations:
        if organization_id in declared:
            return f"заявленный конфликт интересов: {declared[organization_id]}"
    return ""


def _check_assignable(application: Application, expert) -> None:
    if application.state not in (AS.SUBMITTED, AS.CHECKING, AS.UNDER_REVIEW, AS.REVIEWED):
        raise ServiceError("Назначать экспертов можно только поданным заявкам.")
    if not application.call.panel.filter(pk=expert.pk).exists():
        raise ServiceError("Эксперт не входит в экспертную группу конкурса.")
    reason = conflict_reason(expert, application)
    if reason:
        raise ServiceError(f"Назначение невозможно: {reason}.")


@transaction.atomic
def assign(application: Application, expert, *, by=None) -> Assignment:
    _check_assignable(application, expert)
    existing = Assignment.objects.filter(application=application, expert=expert).first()
    if existing and existing.state in ACTIVE_ASSIGNMENT_STATES:
        raise ServiceError("Этот эксперт уже назначен на заявку.")
    if existing:
        raise ServiceError("Эксперт ранее отказался от этой заявки; назначьте другого.")
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(application=application, expert=expert, assigned_by=by)
    except IntegrityError:
        raise ServiceError("Этот эксперт уже назначен на заявку.") from None
    notices.expert_assigned(assignment)
    return assignment


@transaction.atomic
def assign_many(application: Application, experts, *, by=None) -> list[Assignment]:
    """Several experts at once, all or none: the first refusal rolls back those already assigned (the API's
    «назначить экспертов» promises it)."""
    return [assign(application, expert, by=by) for expert in experts]


@transaction.atomic
def unassign(assignment: Assignment, *, by=None) -> None:
    review = getattr(assignment, "review", None)
    if review is not None and review.state == ReviewState.SUBMITTED:
        raise ServiceError("Эксперт уже отправил оценку: снять назначение нельзя.")
    assignment.delete()


@transaction.atomic
def auto_assign(call: Call, *, by=None, per_application: int | None = None) -> list[Assignment]:
    """Give each application of the call up to N experts of the panel, least-loaded first, never with a conflict.

    Existing assignments count towards N and towards the load; the result stays editable by hand.
    """
    per_application = per_application or call.experts_per_application
    panel = list(call.panel.filter(is_active=True).order_by("pk"))
    if not panel:
        raise ServiceError("В экспертной группе конкурса нет экспертов.")
    applications = list(
        call.applications.filter(state__in=[AS.SUBMITTED, AS.CHECKING, AS.UNDER_REVIEW]).prefetch_related("partners")
    )
    existing = list(
        Assignment.objects.filter(application__call=call).values_list("application_id", "expert_id", "state")
    )
    load = Counter(expert for _, expert, state in existing if state in ACTIVE_ASSIGNMENT_STATES)
    taken: dict[int, set[int]] = {}
    for application_id, expert_id, _state in existing:
        taken.setdefault(application_id, set()).add(expert_id)
    declared: dict[int, dict[int, str]] = {}
    for expert_id, organization_id, reason in ConflictDeclaration.objects.filter(expert__in=panel).values_list(
        "expert_id", "organization_id", "reason"
    ):
        declared.setdefault(expert_id, {})[organization_id] = reason
    active = Counter(a for a, _, state in existing if state in ACTIVE_ASSIGNMENT_STATES)
    eligible = {
        application.pk: [
            e
            for e in panel
            if e.pk not in taken.get(application.pk, set())
            and not conflict_reason(e, application, declared.get(e.pk, {}))
        ]
        for application in applications
    }
    created = []
    # The most constrained applications choose first, so that conflicts do not pile load on the others.
    for application in sorted(applications, key=lambda a: (len(eligible[a.pk]), a.number)):
        need = per_application - active[application.pk]
        candidates = sorted(eligible[application.pk], key=lambda e: (load[e.pk], e.pk))
        for expert in candidates[: max(need, 0)]:
            created.append(Assignment(application=application, expert=expert, assigned_by=by))
            load[expert.pk] += 1
    Assignment.objects.bulk_create(created)
    for assignment in Assignment.objects.filter(
        application__call=call, pk__in=[a.pk for a in created if a.pk]
    ).select_related("application__call", "expert"):
        notices.expert_assigned(assignment)
    return created


def _respond(assignment: Assignment, state: str, *, by, reason: str = "") -> Assignment:
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if by is not None and by.pk != assignment.expert_id:
            raise ServiceError("Отвечать на назначение может только сам эксперт.")
        review = Review.objects.filter(assignment=assignment).first()
        if review is not None and review.state == ReviewState.SUBMITTED:
            raise ServiceError("Оценка уже отправлена.")
        if state == AssignmentState.ACCEPTED and assignment.state != AssignmentState.PENDING:
            raise ServiceError("Назначение уже рассмотрено.")
        if state in (AssignmentState.DECLINED, AssignmentState.RECUSED) and not reason.strip():
            raise ServiceError("Укажите причину.")
        if assignment.state in (AssignmentState.DECLINED, AssignmentState.RECUSED):
            raise ServiceError("Вы уже отказались от этой заявки.")
        assignment.state = state
        assignment.reason = reason.strip()
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "reason", "responded_at"])
    return assignment


def accept(assignment: Assignment, *, by) -> Assignment:
    return _respond(assignment, AssignmentState.ACCEPTED, by=by)


def decline(assignment: Assignment, *, by, reason: str) -> Assignment:
    return _respond(assignment, AssignmentState.DECLINED, by=by, reason=reason)


def recuse(assignment: Assignment, *, by, reason: str) -> Assignment:
    """A self-recusal for a conflict of interest; recorded with its reason."""
    return _respond(assignment, AssignmentState.RECUSED, by=by, reason=reason)


@transaction.atomic
def declare_conflict(expert, organization, *, reason: str) -> ConflictDeclaration:
    """Declare a relation; any open assignment to that organization's applications becomes a recusal."""
    if not reason.strip():
        raise ServiceError("Опишите характер связи с организацией.")
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        expert=expert, organization=organization, defaults={"reason": reason.strip()}
    )
    ids = list(
        Assignment.objects.filter(expert=expert, state__in=ACTIVE_ASSIGNMENT_STATES)
        .filter(Q(application__lead_organization=organization) | Q(application__partners=organization))
        .values_list("pk", flat=True)
        .distinct()
    )
    Assignment.objects.filter(pk__in=ids).exclude(review__state=ReviewState.SUBMITTED).update(
        state=AssignmentState.RECUSED,
        reason=f"Заявленный конфликт интересов: {reason.strip()}",
        responded_at=timezone.now(),
    )
    return declaration
