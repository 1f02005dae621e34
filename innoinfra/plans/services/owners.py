"""Who owns a plan: a municipality, an organization (or methodical centre), a site or a body."""

from __future__ import annotations

from dataclasses import dataclass

from innoinfra.core.errors import ServiceError
from innoinfra.core.forms import parse_id
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Body, Municipality, Organization
from innoinfra.registry.models import Site

from ..enums import OwnerKind


@dataclass(frozen=True)
class Owner:
    kind: str
    municipality: object
    organization: object = None
    site: object = None
    body: object = None

    @property
    def label(self) -> str:
        target = self.site or self.body or self.organization or self.municipality
        return str(target)

    def as_fields(self) -> dict:
        return {
            "owner_kind": self.kind,
            "municipality": self.municipality,
            "organization": self.organization,
            "site": self.site,
            "body": self.body,
        }


def owner_of(target) -> Owner:
    """The owner of a plan for a municipality, an organization (or methodical centre), a site or a body."""

    if isinstance(target, Municipality):
        return Owner(OwnerKind.MUNICIPALITY, target)
    if isinstance(target, Organization):
        kind = (
            OwnerKind.METHODICAL_CENTER if target.type == OrganizationType.METHODICAL_CENTER else OwnerKind.ORGANIZATION
        )
        return Owner(kind, target.municipality, organization=target)
    if isinstance(target, Site):
        lead = target.lead_organization
        return Owner(OwnerKind.SITE, lead.municipality, organization=lead, site=target)
    if isinstance(target, Body):
        municipality = target.municipality or (target.organization.municipality if target.organization else None)
        if municipality is None:
            raise ServiceError(f"У органа «{target}» не указан муниципалитет: план некому вести.")
        return Owner(OwnerKind.BODY, municipality, organization=target.organization, body=target)
    raise ServiceError("Владельцем плана может быть муниципалитет, организация, площадка или коллегиальный орган.")


def resolve_owner(text: str) -> Owner:
    """«municipality:Амурский», «organization:42», «site:7», «body:МЭС» — for the command line."""

    kind, _, value = (text or "").partition(":")
    value = value.strip()
    lookups = {
        "municipality": (Municipality, ("name__icontains", "short_name__iexact")),
        "organization": (Organization, ("short_name__iexact", "full_name__iexact", "short_name__icontains")),
        "site": (Site, ()),
        "body": (Body, ("short_name__iexact", "name__icontains")),
    }
    if kind not in lookups or not value:
        raise ServiceError(
            "Владелец плана задаётся так: municipality:<название>, organization:<краткое наименование>, "
            "site:<номер> или body:<название>."
        )
    model, fields = lookups[kind]
    if value.isdigit():
        found = list(model.objects.filter(pk=parse_id(value))) if parse_id(value) else []
    else:
        found = []
        for field in fields:
            found = list(model.objects.filter(**{field: value})[:2])
            if found:
                break
    if len(found) != 1:
        problem = "не найден" if not found else "найдено несколько, уточните"
        raise ServiceError(f"Владелец плана «{text}»: {problem}.")
    return owner_of(found[0])
