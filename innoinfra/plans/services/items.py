"""The contents of a plan: its sections and items, added, changed, moved and deleted (only in a draft)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from .. import queries
from ..enums import OccurrenceStatus, SectionKind
from ..models import Plan, PlanItem, PlanSection
from ._common import check_plan_editable
from .occurrences import materialise

ITEM_TEXT_FIELDS = ("number", "activity", "responsible", "timing", "audience", "expected_result", "notes")


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_section(plan: Plan, *, title: str, kind: str = SectionKind.NONE, position: int | None = None) -> PlanSection:
    check_plan_editable(plan)
    if kind not in SectionKind.values:
        raise ServiceError("Неизвестный вид деятельности раздела.")
    if position is None:
        position = _next_position(plan.sections)
    else:
        plan.sections.filter(position__gte=position).update(position=F("position") + 1)
    return PlanSection.objects.create(plan=plan, title=(title or "").strip()[:1000], kind=kind, position=position)


@transaction.atomic
def update_section(section: PlanSection, *, title: str, kind: str = SectionKind.NONE) -> PlanSection:
    check_plan_editable(section.plan)
    if kind not in SectionKind.values:
        raise ServiceError("Неизвестный вид деятельности раздела.")
    section.title, section.kind = (title or "").strip()[:1000], kind
    section.save(update_fields=["title", "kind"])
    return section


@transaction.atomic
def delete_section(section: PlanSection) -> None:
    check_plan_editable(section.plan)
    if section.items.exists():
        raise ServiceError("В разделе есть пункты: перенесите или удалите их, затем удалите раздел.")
    section.delete()


def _clean_item_fields(fields: dict) -> dict:
    unknown = set(fields) - set(ITEM_TEXT_FIELDS)
    if unknown:
        raise ServiceError(f"Неизвестные поля пункта плана: {', '.join(sorted(unknown))}.")
    cleaned = {
        name: " ".join((value or "").split()) if name != "activity" else (value or "").strip()
        for name, value in fields.items()
    }
    if "activity" in cleaned and not cleaned["activity"]:
        raise ServiceError("Укажите мероприятие.")
    cleaned = {name: value[:20] if name == "number" else value for name, value in cleaned.items()}
    return cleaned


def _directory_picks(plan: Plan, organizations: Iterable, users: Iterable, item: PlanItem | None = None):
    """The picks as lists, checked against the plan's directory. Who is already named on the item stays allowed
    (a school closed or a colleague moved on since), so saving an item never fails over an old pick."""
    organizations, users = list(organizations), list(users)
    kept_orgs = set(item.responsible_organizations.values_list("pk", flat=True)) if item else set()
    kept_users = set(item.responsible_users.values_list("pk", flat=True)) if item else set()
    new_orgs = {org.pk for org in organizations} - kept_orgs
    if new_orgs and queries.responsible_organizations_for(plan).filter(pk__in=new_orgs).count() != len(new_orgs):
        raise ServiceError("Ответственной можно назначить только действующую организацию муниципалитета плана.")
    new_users = {user.pk for user in users} - kept_users
    if new_users and queries.responsible_users_for(plan).filter(pk__in=new_users).count() != len(new_users):
        raise ServiceError("Ответственным можно назначить только работника муниципалитета плана.")
    return organizations, users


@transaction.atomic
def add_item(
    section: PlanSection,
    *,
    by=None,
    responsible_organizations: Iterable = (),
    responsible_users: Iterable = (),
    **fields,
) -> PlanItem:
    plan = section.plan
    check_plan_editable(plan)
    fields = _clean_item_fields({"activity": "", **fields})
    organizations, users = _directory_picks(plan, responsible_organizations, responsible_users)
    item = PlanItem(plan=plan, section=section, position=_next_position(section.items), **fields)
    item._history_user = by
    item.save()
    item.responsible_organizations.set(organizations)
    item.responsible_users.set(users)
    materialise([item], plan)
    return item


@transaction.atomic
def update_item(
    item: PlanItem,
    *,
    by=None,
    responsible_organizations: Iterable | None = None,
    responsible_users: Iterable | None = None,
    section: PlanSection | None = None,
    version: int | None = None,
    **fields,
) -> PlanItem:
    """Change an item's texts; a new timing re-parses its dates without losing recorded execution.
    A `section` other than the item's own moves the item to the end of that section of the same plan.
    `version` is the one the editor read: if someone saved the item since, VersionConflict and nothing changes."""
    check_plan_editable(item.plan)
    fields = _clean_item_fields(fields)
    if responsible_organizations is not None or responsible_users is not None:
        picked_orgs, picked_users = _directory_picks(
            item.plan, responsible_organizations or (), responsible_users or (), item
        )
    claim_version(item, version)
    # Compare with what is stored: a ModelForm may already have written the new text onto this instance.
    stored_timing = PlanItem.objects.filter(pk=item.pk).values_list("timing", flat=True).first()
    timing_changed = "timing" in fields and fields["timing"] != stored_timing
    for name, value in fields.items():
        setattr(item, name, value)
    item._history_user = by
    item.save()
    if responsible_organizations is not None:
        item.responsible_organizations.set(picked_orgs)
    if responsible_users is not None:
        item.responsible_users.set(picked_users)
    if timing_changed:
        materialise([item])
    if section is not None and section.pk != item.section_id:
        move_item(item, section=section, position=section.items.count())
    return item


@transaction.atomic
def delete_item(item: PlanItem) -> None:
    check_plan_editable(item.plan)
    if item.occurrences.exclude(status=OccurrenceStatus.PLANNED).exists():
        raise ServiceError("По пункту уже отмечено выполнение: удалить его нельзя.")
    item.delete()


@transaction.atomic
def move_item(item: PlanItem, *, section: PlanSection, position: int) -> PlanItem:
    """Put an item at a 0-based position of a section (the same or another of the same plan)."""
    check_plan_editable(item.plan)
    if section.plan_id != item.plan_id:
        raise ServiceError("Пункт можно перенести только в раздел того же плана.")
    siblings = [other for other in section.items.order_by("position", "id") if other.pk != item.pk]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, item)
    item.section = section
    for index, sibling in enumerate(siblings, start=1):
        sibling.position = index
        if sibling.pk == item.pk:
            item.position = index
    PlanItem.objects.bulk_update(siblings, ["position", "section"])
    return item


@transaction.atomic
def move_section(section: PlanSection, *, position: int) -> PlanSection:
    check_plan_editable(section.plan)
    siblings = [other for other in section.plan.sections.order_by("position", "id") if other.pk != section.pk]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, section)
    for index, sibling in enumerate(siblings, start=1):
        sibling.position = index
    PlanSection.objects.bulk_update(siblings, ["position"])
    return section


class OrderConflict(ServiceError):
    """The section's items are no longer in the order the user saw: someone moved, added or deleted one since."""

    def __init__(self):
        super().__init__(
            "Порядок пунктов раздела изменился, пока вы его меняли (кто-то переместил, добавил или удалил пункт). "
            "Таблица обновлена: перетащите пункт ещё раз.",
            code="order_conflict",
        )


@transaction.atomic
def reorder_items(section: PlanSection, *, seen: list[int], order: list[int]) -> list[PlanItem]:
    """Put a section's items in `order` (item ids, first to last) at once. `seen` is the order the user's page
    showed before the drag: if the section holds anything else now, OrderConflict and nothing moves, so two people
    reordering at once never interleave their changes. The items are locked until the commit."""
    check_plan_editable(section.plan)
    items = list(section.items.select_for_update().order_by("position", "id"))
    if [item.pk for item in items] != list(seen):
        raise OrderConflict()
    if sorted(order) != sorted(seen) or len(set(order)) != len(order):
        raise ServiceError("Новый порядок должен состоять из тех же пунктов раздела, каждый по одному разу.")
    by_id = {item.pk: item for item in items}
    ordered = [by_id[pk] for pk in order]
    for index, item in enumerate(ordered, start=1):
        item.position = index
    PlanItem.objects.bulk_update(ordered, ["position"])
    return ordered
