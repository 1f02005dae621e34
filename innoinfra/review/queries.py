"""Querysets of the review engine, each narrowed to what a user may see."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Max, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from innoinfra.accounts.scopes import scope_of

from .enums import ACTIVE_ASSIGNMENT_STATES, ReviewState
from .models import Application, Assignment, Call


def calls_visible_to(user) -> QuerySet[Call]:
    scope = scope_of(user)
    calls = Call.objects.select_related("municipality", "rubric")
    if scope.managed_municipalities is None:
        return calls
    return calls.filter(Q(is_published=True) | scope.managed())


def calls_for_list(user) -> QuerySet[Call]:
    return (
        calls_visible_to(user)
        .prefetch_related("stages", "site_kinds")
        .annotate(application_count=Count("applications", filter=~Q(applications__state="draft"), distinct=True))
    )


def applications_of_applicant(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    organizations = scope_of(user).organizations
    return Application.objects.filter(Q(created_by=user) | Q(lead_organization_id__in=organizations)).select_related(
        "call", "lead_organization", "site_kind"
    )


def applications_managed_by(user) -> QuerySet[Application]:
    scope = scope_of(user)
    applications = Application.objects.select_related("call", "lead_organization", "site_kind")
    if scope.managed_municipalities is None:
        return applications
    return applications.filter(scope.managed("call__municipality_id"))


def assignments_of_expert(user) -> QuerySet[Assignment]:
    """The expert's desk: one row per assignment with the call, the application and the review state."""
    # What still waits for the expert comes first: an active assignment without a submitted review.
    done = Case(
        When(state__in=ACTIVE_ASSIGNMENT_STATES, review__state=ReviewState.SUBMITTED, then=Value(1)),
        When(state__in=ACTIVE_ASSIGNMENT_STATES, then=Value(0)),
        default=Value(2),
    )
    return (
        Assignment.objects.filter(expert=user)
        .select_related("application__call", "application__lead_organization", "review")
        # the passport texts are long and the desk shows none of them
        .defer("application__passport", "application__blind_passport", "application__call__description")
        .prefetch_related("application__call__stages")
        .order_by(done, "-assigned_at", "-id")
    )


def progress_by_expert(call: Call) -> list[dict]:
    """Per expert: assigned, accepted, submitted, drafts, declined (one query)."""
    rows = (
        Assignment.objects.filter(application__call=call)
        .values("expert_id", "expert__last_name", "expert__first_name", "expert__middle_name")
        .annotate(
            assigned=Count("id", filter=Q(state__in=ACTIVE_ASSIGNMENT_STATES)),
            pending=Count("id", filter=Q(state="pending")),
            declined=Count("id", filter=~Q(state__in=ACTIVE_ASSIGNMENT_STATES)),
            submitted=Count("id", filter=Q(review__state=ReviewState.SUBMITTED, state__in=ACTIVE_ASSIGNMENT_STATES)),
            drafts=Count("id", filter=Q(review__state=ReviewState.DRAFT, state__in=ACTIVE_ASSIGNMENT_STATES)),
        )
        .order_by("expert__last_name", "expert__first_name")
    )
    return list(rows)


def open_calls(today: dt.date) -> QuerySet[Call]:
    """Published calls taking applications today, soonest deadline first (for the home page)."""
    accepting = Q(stages__allows_submission=True, stages__starts_on__lte=today, stages__ends_on__gte=today)
    return (
        Call.objects.filter(is_published=True)
        .filter(accepting)
        .annotate(deadline=Max("stages__ends_on", filter=accepting))
        .select_related("municipality")
        .order_by("deadline", "pk")
    )


def ranked_call(user, pk) -> Call:
    """The call whose results the user may follow: 404 when the call is hidden from them, 403 when only visible."""
    call = get_object_or_404(
        Call.objects.select_related("municipality", "rubric", "body").prefetch_related("stages"), pk=pk
    )
    if not user.has_perm("review.view_ranking", call):
        if user.has_perm("review.view_call", call):
            raise PermissionDenied("Результаты экспертизы видят методисты конкурса и председатель совета.")
        raise Http404("Конкурс не найден.")
    return call


def active_experts(application: Application) -> int:
    """Experts assigned to the application who have not declined or recused themselves."""
    return Assignment.objects.filter(application=application, state__in=ACTIVE_ASSIGNMENT_STATES).count()
