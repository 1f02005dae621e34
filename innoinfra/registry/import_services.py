"""Saving organizations read from an Excel file (the `imports` package reads and checks them)."""

from __future__ import annotations

from django.db import transaction

from innoinfra.core.db import analyze_after_bulk
from innoinfra.reference.models import Organization

from .imports import ImportPlan, RawRow, plan_import


@transaction.atomic
def import_organizations(*, rows: list[RawRow], by) -> ImportPlan:
    """Create and update the organizations of `rows` that pass every check, all in one transaction.

    The rows are checked again here, against the registry and `by`'s rights as they are at this
    moment, so nothing a preview approved earlier can slip in after the registry changed. Rejected
    rows are returned in the plan and change nothing; each saved organization's history names `by`.
    The caller checks the "registry.import_organizations" permission.
    """
    plan = plan_import(rows, user=by)
    for row in plan.to_save:
        organization = row.organization or Organization()
        for name, value in row.values.items():
            setattr(organization, name, value)
        organization._history_user = by
        organization.save()
        row.organization = organization
    # thousands of schools at once: refresh the statistics after the commit
    analyze_after_bulk([Organization, Organization.history.model], rows=len(plan.to_save))
    return plan
