"""The passport section of the site page (portal): the portal includes one template, this tag gives it the data."""

from django import template

from ..sections import BY_CODE
from ..services import passport_of

register = template.Library()

# The site page shows what the project is about; the organization's requisites are on the page already.
ON_SITE_PAGE = ("goal", "main_idea", "tasks", "novelty", "expected_results", "partners")


@register.simple_tag
def site_passport(site, user):
    passport = passport_of(site)
    return {
        "passport": passport,
        "sections": [(BY_CODE[code], getattr(passport, code)) for code in ON_SITE_PAGE if getattr(passport, code)],
        "can_edit": user.has_perm("passports.change_sitepassport", site),
    }
