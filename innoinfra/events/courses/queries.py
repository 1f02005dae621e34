"""Named querysets of courses: the register of удостоверения as each user may see it, a participant's own."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..models import Event
from ..queries import run_by
from .models import TrainingCertificate


def register_for(user) -> QuerySet[TrainingCertificate]:
    """The удостоверения of the courses this user runs (events.queries.run_by)."""
    certificates = TrainingCertificate.objects.filter(run_by(user, through="event__"))
    return certificates.select_related("event__organizer").order_by("-year", "-sequence")


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
