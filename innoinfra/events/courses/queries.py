"""Named querysets of courses: the register of удостоверения as each user may see it, a participant's own."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from innoinfra.accounts.scopes import scope_of

from ..models import Event
from .models import TrainingCertificate


def register_for(user) -> QuerySet[TrainingCertificate]:
    """The удостоверения of the courses this user runs: staff of their municipalities, org_admins of their
    organizations, the installation's administrator all."""
    scope = scope_of(user)
    certificates = TrainingCertificate.objects.select_related("event__organizer")
    if scope.managed_municipalities is not None:
        mine = Q(event__organizer_id__in=scope.organizations)
        if scope.is_staff:
            mine |= Q(event__municipality_id__in=scope.managed_municipalities)
        certificates = certificates.filter(mine)
    return certificates.order_by("-year", "-sequence")


def filtered(certificates: QuerySet[TrainingCertificate], params: dict) -> QuerySet[TrainingCertificate]:
    """The register's filters: year of issue, course, name (part of it), organization (part of its name)."""
    if params.get("year"):
        certificates = certificates.filter(year=params["year"])
    if params.get("event"):
        certificates = certificates.filter(event=params["event"])
    if params.get("name"):
        certificates = certificates.filter(full_name__icontains=params["name"])
    if params.get("organization"):
        certificates = certificates.filter(organization_name__icontains=params["organization"])
    return certificates


def courses_for_register(user) -> QuerySet[Event]:
    """The courses that have удостоверения in the user's register (for the filter)."""
    return Event.objects.filter(pk__in=register_for(user).values("event_id")).order_by("-starts_at", "id")


def mine(user) -> QuerySet[TrainingCertificate]:
    """A participant's own удостоверения: through their registration's account or their address."""
    if not user.is_authenticated:
        return TrainingCertificate.objects.none()
    own = Q(registration__user=user)
    if user.email:
        own |= Q(email=user.email.strip().lower())
    return TrainingCertificate.objects.filter(own).select_related("event").order_by("-issued_on", "-id")
