"""The approbation section of the site page: loaded here so the portal's view needs no knowledge of this app."""

from __future__ import annotations

from django import template

from ..models import Approbation

register = template.Library()


@register.simple_tag
def site_approbations(site, user) -> dict:
    """The site's approbations for someone who may read them (one query), and whether they may add one."""
    can_add = user.has_perm("approbation.add_approbation", site)
    approbations = []
    if user.is_authenticated:
        candidates = list(Approbation.objects.filter(site=site).select_related("site__lead_organization"))
        approbations = [a for a in candidates if user.has_perm("approbation.view_approbation", a)]
    return {"approbations": approbations, "can_add": can_add}
