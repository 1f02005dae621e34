"""Consultations a user may see, the open consultation hours, and the counts reports and monitoring take."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Organization

from .enums import ConsultationForm, SlotState
from .models import Consultation, ConsultationSlot


def visible_to(user) -> QuerySet[Consultation]:
    consultations = Consultation.objects.select_related("organization", "site", "adviser", "municipality")
    if not user.is_authenticated:
        return consultations.none()
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return consultations
    condition = scope.managed() | Q(organization_id__in=scope.organizations)
    condition |= Q(created_by=user)
    if user.organization_id:
        condition |= Q(organization_id=user.organization_id)
    return consultations.filter(condition)


def filter_consultations(consultations: QuerySet[Consultation], params: dict) -> QuerySet[Consultation]:
    for name in ("form", "organization", "site", "adviser"):
        if params.get(name):
            consultations = consultations.filter(**{name: params[name]})
    if params.get("start"):
        consultations = consultations.filter(held_on__gte=params["start"])
    if params.get("end"):
        consultations = consultations.filter(held_on__lte=params["end"])
    if params.get("q"):
        text = params["q"]
        consultations = consultations.filter(Q(topic__icontains=text) | Q(result__icontains=text))
    return consultations.order_by("-held_on", "-id")


def totals(consultations: QuerySet[Consultation]) -> dict:
    """Count, participants and hours of a selection, with the count by form (every form present): one query."""
    found = consultations.order_by().aggregate(
        count=Count("id"),
        participants=Sum("participants"),
        minutes=Sum("duration_minutes"),
        **{form: Count("id", filter=Q(form=form)) for form in ConsultationForm.values},
    )
    return {
        "count": found["count"],
        "participants": found["participants"] or 0,
        "hours": round((found["minutes"] or 0) / 60, 1),
        "by_form": [(ConsultationForm(form).label, found[form]) for form in ConsultationForm.values],
    }


def open_hours(user) -> QuerySet[ConsultationSlot]:
    """Hours ahead that the user sees: the free ones of their territory, the ones they booked, and for staff all of
    their territory's."""
    slots = ConsultationSlot.objects.select_related("adviser", "booked_organization", "booked_by").filter(
        starts_at__gte=timezone.now() - dt.timedelta(hours=1)
    )
    if not user.is_authenticated:
        return slots.none()
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return slots
    municipalities = set(scope.managed_municipalities)
    own_organizations = set(scope.organizations) | ({user.organization_id} if user.organization_id else set())
    municipalities |= set(
        Organization.objects.filter(pk__in=own_organizations).values_list("municipality_id", flat=True)
    )
    own = slots.filter(Q(booked_by=user) | Q(adviser=user))
    if scope.is_staff:
        return slots.filter(municipality_id__in=municipalities) | own
    return slots.filter(municipality_id__in=municipalities, state=SlotState.FREE) | own
