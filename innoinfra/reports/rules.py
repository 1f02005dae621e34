"""Who may do what with reports.

Staff (authority, methodist) of a territory run its campaigns, see every report of its organizations and accept or
return them: they are the curators. A region-wide campaign is run by those who manage the whole region; the staff
of one of its municipalities see it and curate their own organizations' reports. An organization's administrator
sees and fills only the reports of their organization. Experts, teachers and visitors see nothing of reporting."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Municipality


def _region_ids_managed(scope) -> set[int]:
    return set(
        Municipality.objects.filter(pk__in=scope.managed_municipalities or ()).values_list("region_id", flat=True)
    )


@rules.predicate
def manages_campaign(user, campaign):
    if campaign is None:
        return False
    scope = scope_of(user)
    if not scope.is_staff:
        return False
    if campaign.municipality_id:
        return scope.manages(campaign.municipality_id)
    if scope.managed_municipalities is None:
        return True

    in_region = set(Municipality.objects.filter(region_id=campaign.region_id).values_list("pk", flat=True))
    return bool(in_region) and in_region <= scope.managed_municipalities


@rules.predicate
def sees_campaign(user, campaign):
    """Its runners, and the staff of any municipality of a region-wide campaign's region."""
    if campaign is None:
        return False
    scope = scope_of(user)
    if not scope.is_staff:
        return False
    if campaign.municipality_id or scope.managed_municipalities is None:
        return scope.manages(campaign.municipality_id) if campaign.municipality_id else True
    return campaign.region_id in _region_ids_managed(scope)


@rules.predicate
def curates_report(user, report):
    if report is None:
        return False
    scope = scope_of(user)
    return scope.is_staff and scope.manages(report.municipality_id)


@rules.predicate
def fills_report(user, report):
    return report is not None and report.organization_id in scope_of(user).organizations


@rules.predicate
def is_org_admin(user):
    return bool(scope_of(user).organizations)


rules.add_perm("reports.add_campaign", is_staff_member)
rules.add_perm("reports.view_campaign", sees_campaign)
rules.add_perm("reports.change_campaign", manages_campaign)
rules.add_perm("reports.view_report", curates_report | fills_report)
rules.add_perm("reports.fill_report", fills_report)
rules.add_perm("reports.review_report", curates_report)
rules.add_perm("reports.view_reports", is_staff_member | is_org_admin)
