from __future__ import annotations

from django.urls import reverse

from . import queries
from .models import Organization, SiteParticipant


def map_points(params: dict) -> list[dict]:
    """One point per organization that holds a site matching the filters (no filter on state
    means current statuses), coloured by the kind with the highest rank."""
    params = dict(params)
    if not params.get("state"):
        params["state"] = "active"
    sites = queries.filter_sites(queries.sites_for_list(), params)
    rows = (
        SiteParticipant.objects.filter(site__in=sites.values("pk"), organization__latitude__isnull=False)
        .values(
            "organization_id",
            "site_id",
            "site__theme",
            "site__kind__name",
            "site__kind__abbreviation",
            "site__kind__color",
            "site__kind__rank",
        )
        .order_by("organization_id", "-site__kind__rank")
    )
    by_org: dict[int, dict] = {}
    for row in rows:
        point = by_org.setdefault(row["organization_id"], {"statuses": []})
        point["statuses"].append(
            {
                "kind": row["site__kind__abbreviation"] or row["site__kind__name"],
                "theme": row["site__theme"],
                "site": row["site_id"],
            }
        )
        point.setdefault("color", row["site__kind__color"])
        point.setdefault("kind", row["site__kind__name"])
    orgs = Organization.objects.filter(pk__in=by_org).values("id", "short_name", "address", "latitude", "longitude")
    points = []
    for org in orgs:
        point = by_org[org["id"]]
        points.append(
            {
                "id": org["id"],
                "name": org["short_name"],
                "address": org["address"],
                "lat": float(org["latitude"]),
                "lon": float(org["longitude"]),
                "color": point["color"],
                "kind": point["kind"],
                "statuses": point["statuses"],
                "url": reverse("registry:organization", args=[org["id"]]),
            }
        )
    points.sort(key=lambda p: p["name"])
    return points
