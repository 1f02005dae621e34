"""Sites and organizations in the global search."""

from innoinfra.core.fulltext import Document, register
from innoinfra.reference.models import Organization

from .models import Site


def site_document(site: Site) -> Document:
    directions = ", ".join(direction.name for direction in site.directions.all())
    parts = (site.kind.name, site.lead_organization.short_name, directions, site.description, site.supervisor)
    return Document(
        title=site.theme,
        body=" ".join(part for part in parts if part),
        url=site.get_absolute_url(),
        municipality_id=site.lead_organization.municipality_id,
        updated_at=site.updated_at,
    )


def organization_document(organization: Organization) -> Document:
    return Document(
        title=organization.short_name,
        body=" ".join(part for part in (organization.full_name, organization.address, organization.head_name) if part),
        url=organization.get_absolute_url(),
        municipality_id=organization.municipality_id,
        updated_at=organization.updated_at,
    )


register(
    "site",
    "Площадки",
    Site,
    site_document,
    lambda: Site.objects.select_related("kind", "lead_organization").prefetch_related("directions"),
)
register("organization", "Организации", Organization, organization_document)
