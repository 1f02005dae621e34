"""Named querysets of approbations."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from innoinfra.accounts.scopes import scope_of

from .models import Approbation


def visible_to(user) -> QuerySet[Approbation]:
    """What `approbation.view_approbation` allows, as one query: staff of the site's territory, its curator, the
    head and the people of the site's organization."""
    qs = Approbation.objects.for_list().annotate(result_count=Count("results")).order_by("-created_at", "-id")
    if not user.is_authenticated:
        return qs.none()
    scope = scope_of(user)
    allowed = Q(site__curator=user) | Q(site__lead_organization__in=scope.organizations)
    if user.organization_id:
        allowed |= Q(site__lead_organization=user.organization_id)
    if scope.is_staff:
        if scope.managed_municipalities is None:
            return qs
        allowed |= scope.managed("site__lead_organization__municipality")
    return qs.filter(allowed)


def filter_approbations(qs: QuerySet[Approbation], params: dict) -> QuerySet[Approbation]:
    if params.get("state"):
        qs = qs.filter(state=params["state"])
    if params.get("verdict"):
        qs = qs.filter(verdict=params["verdict"])
    if params.get("site"):
        qs = qs.filter(site=params["site"])
    if params.get("q"):
        qs = qs.filter(Q(product_title__icontains=params["q"]) | Q(product_authors__icontains=params["q"]))
    return qs
