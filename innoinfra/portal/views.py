"""The public pages that gather many apps: the home page and the pages of a site and of an organization.

They sit above every domain app, so the registry never imports events or the review engine to draw them.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt

from innoinfra.core.models import InstallationSettings
from innoinfra.core.site_url import absolute_url
from innoinfra.events.queries import events_for_page as public_events_for_page
from innoinfra.monitoring import snapshots
from innoinfra.publications import queries as publications
from innoinfra.reference.models import Organization
from innoinfra.registry import networks, queries
from innoinfra.registry.models import Site, SiteKind, SiteParticipant, in_force_q
from innoinfra.review.queries import open_calls

HOME_PUBLICATIONS = 5
PAGE_PUBLICATIONS = 5
EMBED_PUBLICATIONS = 10


def _home_counts(today) -> dict:
    """The whole installation's figures: each counts every active site, so at a country's scale they cost more
    than the rest of the page together — they are kept as a summary (monitoring.snapshots), computed once per
    change of the facts and per day (a status comes into force or ends with the date, not only with a write)."""
    in_force = in_force_q(today, prefix="sites__")
    by_kind = (
        SiteKind.objects.filter(in_force).annotate(count=Count("sites", filter=in_force)).order_by("-count", "position")
    )
    active = Site.objects.in_force(today)
    return {
        "site_count": active.count(),
        "organization_count": SiteParticipant.objects.filter(in_force_q(today, prefix="site__"))
        .values("organization_id")
        .distinct()
        .count(),
        "municipality_count": active.values("lead_organization__municipality").distinct().count(),
        "by_kind": [{"pk": k.pk, "name": k.name, "color": k.color, "count": k.count} for k in by_kind],
    }


def home(request):
    """Counts speak of active sites only: a suspended site is not «действующая»."""
    today = timezone.localdate()
    context = {
        "about": InstallationSettings.current().about,
        **snapshots.cached(f"portal:home:{today.isoformat()}", lambda: _home_counts(today)),
        "newest": queries.sites_for_list().in_force().order_by("-start_date", "-id")[:6],
        "open_calls": open_calls(today)[:4],
        "publications": publications.latest(HOME_PUBLICATIONS),
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
    context = {
        "site": site,
        "events": {"upcoming": upcoming, "past": held, "filter": f"site={site.pk}"},
        "publications": list(publications.for_list().filter(site=site)[:PAGE_PUBLICATIONS]),
        "network": networks.for_site_page(site) if site.kind.is_network else None,
    }
    return render(request, "portal/site_detail.html", context)


def organization_detail(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("municipality__region"), pk=pk)
    current, past = queries.organization_activity(organization)
    embed_url = absolute_url(reverse("portal:organization_embed", args=[pk]), request=request)
    upcoming, held = public_events_for_page({"organizer": organization})
    context = {
        "organization": organization,
        "current": current,
        "past": past,
        "embed_url": embed_url,
        "events": {"upcoming": upcoming, "past": held, "filter": f"organizer={organization.pk}"},
        "publications": list(publications.for_list().filter(organization=organization)[:PAGE_PUBLICATIONS]),
    }
    return render(request, "portal/organization_detail.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # schools put this block into their own sites with an <iframe>
def organization_embed(request, pk):
    """The «Инновационная деятельность» block for the organization's own website (an iframe): its statuses and its
    latest publications."""
    organization = get_object_or_404(Organization, pk=pk)
    current, past = queries.organization_activity(organization)
    context = {
        "organization": organization,
        "current": current,
        "past": past,
        "publications": list(publications.for_list().filter(organization=organization)[:EMBED_PUBLICATIONS]),
    }
    response = render(request, "portal/organization_embed.html", context)
    response["Cache-Control"] = "public, max-age=300"
    return response


def organization_activity_feed(request, pk):
    """The same block as JSON, for sites that render it themselves."""
    organization = get_object_or_404(Organization.objects.select_related("municipality"), pk=pk)
    current, past = queries.organization_activity(organization)

    def entry(p):
        site = p.site
        return {
            "id": site.pk,
            "kind": site.kind.name,
            "kind_abbreviation": site.kind.abbreviation,
            "level": site.kind.level,
            "theme": site.theme,
            "role": p.role,
            "state": site.effective_state,
            "state_label": site.state_label,
            "start_date": site.start_date.isoformat() if site.start_date else None,
            "end_date": site.end_date.isoformat() if site.end_date else None,
            "order": {"number": site.order.number, "date": site.order.date.isoformat()},
            "directions": [d.name for d in site.directions.all()],
            "url": absolute_url(site.get_absolute_url(), request=request),
        }

    data = {
        "organization": {
            "id": organization.pk,
            "full_name": organization.full_name,
            "short_name": organization.short_name,
            "municipality": str(organization.municipality),
            "url": absolute_url(organization.get_absolute_url(), request=request),
        },
        "current": [entry(p) for p in current],
        "past": [entry(p) for p in past],
        "publications": [
            {
                "id": publication.pk,
                "kind": publication.kind,
                "kind_label": publication.get_kind_display(),
                "level": publication.level,
                "level_label": publication.get_level_display(),
                "title": publication.title,
                "outlet": publication.outlet,
                "published_on": publication.published_on.isoformat(),
                "url": absolute_url(publication.get_absolute_url(), request=request),
            }
            for publication in publications.for_list().filter(organization=organization)[:EMBED_PUBLICATIONS]
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
