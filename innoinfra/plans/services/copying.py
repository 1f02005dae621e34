"""A plan copied for the next period."""

from __future__ import annotations

from django.db import transaction

from innoinfra.core.dates import shift_year, shift_years_in_text

from ..enums import PeriodKind, PlanState
from ..models import Occurrence, Plan, PlanItem, PlanSection
from .items import ITEM_TEXT_FIELDS
from .occurrences import materialise


@transaction.atomic
def copy_plan(plan: Plan, *, by=None, years: int | None = None) -> Plan:
    """A draft copy of the plan for the next period: same sections and items, timing texts with their years moved,
    hand-set dates moved too; execution is not copied."""
    if years is None:
        years = max(1, plan.period_end.year - plan.period_start.year) if plan.period_kind == PeriodKind.YEARS else 1
    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = None
    copy.id = None
    copy.state = PlanState.DRAFT
    copy.order = None
    copy.copied_from = plan
    copy.created_by = by
    copy.source_file = ""
    copy.feed_token = Plan._meta.get_field("feed_token").default()
    copy.title = shift_years_in_text(plan.title, years)
    copy.period_start = shift_year(plan.period_start, years)
    copy.period_end = shift_year(plan.period_end, years)
    copy._history_user = by
    copy.save()
    sections = list(plan.sections.all())
    new_sections = PlanSection.objects.bulk_create(
        PlanSection(plan=copy, position=section.position, title=section.title, kind=section.kind)
        for section in sections
    )
    section_map = {old.pk: new for old, new in zip(sections, new_sections, strict=True)}
    items = list(plan.items.prefetch_related("responsible_organizations", "responsible_users", "occurrences"))
    new_items = []
    for item in items:
        new_items.append(
            PlanItem(
                plan=copy,
                section=section_map[item.section_id],
                position=item.position,
                timing=shift_years_in_text(item.timing, years),
                timing_kind=item.timing_kind,
                dates_overridden=item.dates_overridden,
                **{name: getattr(item, name) for name in ITEM_TEXT_FIELDS if name != "timing"},
            )
        )
    new_items = PlanItem.objects.bulk_create(new_items)
    manual = []
    for old, new in zip(items, new_items, strict=True):
        new.responsible_organizations.set(old.responsible_organizations.all())
        new.responsible_users.set(old.responsible_users.all())
        if old.dates_overridden:
            manual.extend(
                Occurrence(
                    item=new,
                    plan=copy,
                    start_date=shift_year(occ.start_date, years),
                    due_date=shift_year(occ.due_date, years),
                )
                for occ in old.occurrences.all()
                if shift_year(occ.due_date, years) <= copy.period_end
            )
    Occurrence.objects.bulk_create(manual, ignore_conflicts=True)
    materialise(new_items, copy)
    return copy
