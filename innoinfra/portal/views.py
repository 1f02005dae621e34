"""The public pages that gather many apps: the home page and the pages of a site and of an organization.

They sit above every domain app, so the registry never imports events or the review engine to draw them.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.models import InstallationSettings
from innoinfra.core.site_url import absolute_url
from innoinfra.events.queries import events_for_page as public_events_for_page
from innoinfra.reference.models import Organization
from innoinfra.registry import queries
from innoinfra.registry.models import Site, SiteKind, SiteParticipant, in_force_q
from innoinfra.review.queries import open_calls


def home(request):
    """Counts speak of active sites only: a suspended site is not «действующая»."""
    active = Site.objects.in_force()
    in_force = in_force_q(prefix="sites__")
    by_kind = (
        SiteKind.objects.filter(in_force).annotate(count=Count("sites", filter=in_force)).order_by("-count", "position")
    )
    context = {
        "about": InstallationSettings.current().about,
        "site_count": active.count(),
        "organization_count": Organization.objects.filter(in_force_q(prefix="participations__site__"))
        .distinct()
        .count(),
        "municipality_count": active.values("lead_organization__municipality").distinct().count(),
        "by_kind": by_kind,
        "newest": queries.sites_for_list().in_force().order_by("-start_date", "-id")[:6],
        "open_calls": open_calls(timezone.localdate())[:4],
    }
    return render(request, "portal/home.html", context)


def site_detail(request, pk):
    site = get_object_or_404(
        Site.objects.select_related(
            "kind__subsystem", "lead_organization__municipality__region", "order", "curator"
        ).prefetch_related(
            "directions",
            Prefetch(
                "participants",
                queryset=SiteParticipant.objects.select_related("organization").order_by(
                    "role", "organization__short_name"
                ),
            ),
            Prefetch("state_changes", queryset=queries.site_state_changes()),
        ),
        pk=pk,
    )
    upcoming, held = public_events_for_page({"site": site})
    context = {"site": site, "events": {"upcoming": upcoming, "past": held, "filter": f"site={site.pk}"}}
    return render(request, "portal/site_detail.html", context)


def organization_detail(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("municipality__region"), pk=pk)
    current, past = queries.organization_activity(organization)
    embed_url = absolute_url(reverse("registry:organization_embed", args=[pk]), request=request)
    upcoming, held = public_events_for_page({"organizer": organization})
    events = {"upcoming": upcoming, "past": held, "filter": f"organizer={organization.pk}"}
    return render(
        request,
        "portal/organization_detail.html",
        {"organization": organization, "current": current, "past": past, "embed_url": embed_url, "events": events},
    )
