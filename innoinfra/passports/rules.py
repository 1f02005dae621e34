"""Anyone who sees a site reads its passport; its lead organization's head, its curator and the registry staff of its
territory keep it. Contacts and the history of versions (which names the people who edited) stay with staff and
the passport's editors."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of
from innoinfra.registry.rules import can_change_site


@rules.predicate
def heads_lead_organization(user, site):
    return site is not None and user.is_authenticated and site.lead_organization_id in scope_of(user).organizations


@rules.predicate
def curates_site(user, site):
    return site is not None and user.is_authenticated and site.curator_id is not None and site.curator_id == user.pk


can_edit_passport = heads_lead_organization | curates_site | can_change_site
sees_private_sections = is_staff_member | can_edit_passport

rules.add_perm("passports.change_sitepassport", can_edit_passport)
rules.add_perm("passports.view_private", sees_private_sections)
rules.add_perm("passports.view_history", sees_private_sections)
