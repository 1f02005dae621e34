"""Who reads which applications and assignments through the API: the applicant their organization's, staff
those of their territory, an expert what is assigned to them, never with a conflict of interest."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from innoinfra.accounts.scopes import scope_of

from ..enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, AssignmentState
from ..models import Application, Assignment, Call, ConflictDeclaration


def _territory(user, lookup: str) -> Q | None:
    """The territories the user runs, as a condition on `lookup` (a municipality id); None for non-staff."""
    scope = scope_of(user)
    if not scope.is_staff:
        return None
    return scope.managed(lookup)


def conflicted_applications(user) -> QuerySet:
    """Applications the user may not examine, as `services.conflict_reason` says: those of the organization they
    work at, or of one they declared a relation with (as lead or as a network partner)."""
    declared = ConflictDeclaration.objects.filter(expert=user).values("organization_id")
    condition = Q(lead_organization__in=declared) | Q(partners__in=declared)
    if user.organization_id:
        condition |= Q(lead_organization=user.organization_id) | Q(partners=user.organization_id)
    return Application.objects.filter(condition).values("pk")


def examined_by(user) -> QuerySet:
    """Applications assigned to the expert and still in their hands, never one with a conflict of interest."""
    return (
        Assignment.objects.filter(expert=user, state__in=ACTIVE_ASSIGNMENT_STATES)
        .exclude(application_id__in=conflicted_applications(user))
        .values("application_id")
    )


def applications_visible_to(user, *, listing: bool = False) -> QuerySet[Application]:
    """The applicant's own, the territory's for staff (in the list without applicants' drafts, as the call's
    applications page), and the expert's assigned ones."""
    if not user.is_authenticated:
        return Application.objects.none()
    scope = scope_of(user)
    condition = Q(created_by=user) | Q(lead_organization_id__in=scope.organizations) | Q(pk__in=examined_by(user))
    staff = _territory(user, "call__municipality_id")
    if staff is not None:
        condition |= (staff & ~Q(state=ApplicationState.DRAFT)) if listing else staff
    return Application.objects.filter(condition)


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """The expert's own (not those they recused from or have a conflict with); all of the territory for staff."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    condition = (
        Q(expert=user) & ~Q(state=AssignmentState.RECUSED) & ~Q(application_id__in=conflicted_applications(user))
    )
    staff = _territory(user, "application__call__municipality_id")
    return Assignment.objects.filter(condition | staff if staff is not None else condition)


def declarations_visible_to(user) -> QuerySet[ConflictDeclaration]:
    """The expert's own declarations; staff read those of the experts on their territory's calls' panels, to know
    whom not to assign."""
    if not user.is_authenticated:
        return ConflictDeclaration.objects.none()
    staff = _territory(user, "municipality_id")
    condition = Q(expert=user)
    if staff is not None:
        panels = Call.panel.through.objects.filter(call__in=Call.objects.filter(staff)).values("user_id")
        condition |= Q(expert_id__in=panels)
    return ConflictDeclaration.objects.filter(condition)
