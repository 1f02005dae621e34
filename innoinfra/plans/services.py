"""Business actions on plans. Each runs in a transaction and refuses what the rules forbid with a Russian
ServiceError; callers check permissions first (views and API ask the `rules` perms)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Max

from innoinfra.core.dates import numeric_date, shift_year, shift_years_in_text
from innoinfra.core.errors import ServiceError
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Body, Municipality, Organization
from innoinfra.registry import services as registry_services
from innoinfra.registry.models import Site

from .enums import (
    EDITABLE_STATES,
    PLAN_TRANSITIONS,
    Column,
    OccurrenceStatus,
    OwnerKind,
    PeriodKind,
    PlanKind,
    PlanState,
    SectionKind,
    TimingKind,
)
from .models import Evidence, Occurrence, Plan, PlanItem, PlanSection
from .parsed import ParsedPlan
from .timing import parse_timing

ITEM_TEXT_FIELDS = ("number", "activity", "responsible", "timing", "audience", "expected_result", "notes")
PLAN_FIELDS = ("title", "purpose", "preamble", "columns", "period_kind", "period_start", "period_end", "kind")


# ---------------------------------------------------------------- owners


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
        found = list(model.objects.filter(pk=int(value)))
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


# ---------------------------------------------------------------- periods


def academic_year_of(day: dt.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def period_bounds(period_kind: str, first_year: int, last_year: int | None = None) -> tuple[dt.date, dt.date]:
    if period_kind == PeriodKind.ACADEMIC_YEAR:
        return dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)
    if period_kind == PeriodKind.CALENDAR_YEAR:
        return dt.date(first_year, 1, 1), dt.date(first_year, 12, 31)
    return dt.date(first_year, 1, 1), dt.date(last_year or first_year, 12, 31)


_ACADEMIC = re.compile(r"(20\d\d)\s*[-/–—]\s*(20\d\d)\s*(?:уч|уч\.|учебн)")
_UNTIL = re.compile(r"до\s+(20\d\d)")
_YEARS = re.compile(r"(20\d\d)\s*[-–—]\s*(20\d\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def infer_period(title: str, *, approved_on: dt.date | None = None, today: dt.date | None = None):
    """The period a plan's title names: «на 2023-2024 учебный год», «до 2030 года», «на 2024 год».

    Returns (period_kind, start, end). A roadmap «до 2030 года» runs from its approval to the end of 2030."""
    text = (title or "").lower()
    if match := _ACADEMIC.search(text):
        return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, int(match.group(1)))
    if match := _UNTIL.search(text):
        last = int(match.group(1))
        start = (
            approved_on if approved_on and approved_on.year <= last else dt.date((today or dt.date.today()).year, 1, 1)
        )
        return PeriodKind.YEARS, start, dt.date(last, 12, 31)
    if match := _YEARS.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        if last == first + 1 and "учеб" in text:
            return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, first)
        return PeriodKind.YEARS, *period_bounds(PeriodKind.YEARS, first, last)
    if match := _YEAR.search(text):
        return PeriodKind.CALENDAR_YEAR, *period_bounds(PeriodKind.CALENDAR_YEAR, int(match.group(1)))
    first = academic_year_of(approved_on or today or dt.date.today())
    return PeriodKind.ACADEMIC_YEAR, *period_bounds(PeriodKind.ACADEMIC_YEAR, first)


def _check_period(start: dt.date, end: dt.date) -> None:
    if start is None or end is None:
        raise ServiceError("Укажите начало и окончание периода плана.")
    if end < start:
        raise ServiceError("Окончание периода плана не может быть раньше начала.")
    if (end - start).days > 366 * 15:
        raise ServiceError("Период плана не может быть длиннее 15 лет.")


def _clean_columns(columns: Iterable[str]) -> list[str]:
    known = [str(value) for value in Column.values]
    chosen = {str(column) for column in columns}
    unknown = chosen - set(known)
    if unknown:
        raise ServiceError(f"Неизвестные столбцы плана: {', '.join(sorted(unknown))}.")
    return [column for column in known if column in chosen]


# ---------------------------------------------------------------- occurrences


def materialise(items: Iterable[PlanItem], plan: Plan | None = None) -> None:
    """Bring the occurrences of items in line with their timing, within the plan's period.

    Idempotent: an occurrence already there is kept as it is; one no longer wanted is deleted unless
    execution or evidence was recorded on it, in which case it stays, marked as out of schedule. Items
    whose dates were set by hand keep them. A few queries for any number of items."""
    items = list(items)
    if not items:
        return
    existing: dict[int, list[Occurrence]] = defaultdict(list)
    occurrences = Occurrence.objects.filter(item__in=[item.pk for item in items]).annotate(
        evidence_count=Count("evidence")
    )
    for occurrence in occurrences:
        existing[occurrence.item_id].append(occurrence)
    to_create, to_delete, to_flag, to_unflag, changed_items = [], [], [], [], []
    for item in items:
        if item.dates_overridden:
            continue
        item_plan = plan or item.plan
        result = parse_timing(item.timing, item_plan.period_start, item_plan.period_end)
        wanted = set(result.occurrences)
        if (item.timing_kind, item.per_year) != (result.kind, result.per_year):
            item.timing_kind, item.per_year = result.kind, result.per_year
            changed_items.append(item)
        have = {(occ.start_date, occ.due_date): occ for occ in existing[item.pk]}
        for key, occurrence in have.items():
            if key in wanted:
                if not occurrence.in_schedule:
                    to_unflag.append(occurrence.pk)
            elif occurrence.has_execution or occurrence.evidence_count:
                if occurrence.in_schedule:
                    to_flag.append(occurrence.pk)
            else:
                to_delete.append(occurrence.pk)
        to_create.extend(
            Occurrence(item=item, plan_id=item.plan_id, start_date=start, due_date=due)
            for start, due in sorted(wanted - have.keys())
        )
    if changed_items:
        PlanItem.objects.bulk_update(changed_items, ["timing_kind", "per_year"], batch_size=500)
    Occurrence.objects.filter(pk__in=to_delete).delete()
    Occurrence.objects.filter(pk__in=to_flag).update(in_schedule=False)
    Occurrence.objects.filter(pk__in=to_unflag).update(in_schedule=True)
    # ignore_conflicts: a concurrent save of the same item must not fail on the unique dates
    Occurrence.objects.bulk_create(to_create, batch_size=500, ignore_conflicts=True)


def rematerialise_plan(plan: Plan) -> None:
    materialise(plan.items.all(), plan)


def set_manual_dates(item: PlanItem, ranges: Iterable[tuple[dt.date, dt.date]], *, by=None) -> PlanItem:
    """The methodist's own due dates for an item; the timing text stays as written."""
    plan = item.plan
    ranges = sorted(set(ranges))
    for start, due in ranges:
        if start > due:
            raise ServiceError(f"Начало ({numeric_date(start)}) позже срока ({numeric_date(due)}).")
        if start < plan.period_start or due > plan.period_end:
            raise ServiceError(
                f"Срок {numeric_date(due)} вне периода плана "
                f"({numeric_date(plan.period_start)} — {numeric_date(plan.period_end)})."
            )
    with transaction.atomic():
        existing = {
            (occ.start_date, occ.due_date): occ for occ in item.occurrences.annotate(evidence_count=Count("evidence"))
        }
        for key, occurrence in existing.items():
            if key in ranges:
                continue
            if occurrence.has_execution or occurrence.evidence_count:
                raise ServiceError(
                    f"На сроке {numeric_date(occurrence.due_date)} уже отмечено выполнение: "
                    "его нельзя убрать, можно только изменить отметку."
                )
            occurrence.delete()
        Occurrence.objects.bulk_create(
            Occurrence(item=item, plan=plan, start_date=start, due_date=due)
            for start, due in ranges
            if (start, due) not in existing
        )
        item.dates_overridden = True
        item.timing_kind = TimingKind.MANUAL
        item._history_user = by
        item.save(update_fields=["dates_overridden", "timing_kind"])
    return item


@transaction.atomic
def reset_dates_to_timing(item: PlanItem, *, by=None) -> PlanItem:
    item.dates_overridden = False
    item._history_user = by
    item.save(update_fields=["dates_overridden"])
    materialise([item])
    return item


# ---------------------------------------------------------------- plans


def _check_plan_editable(plan: Plan, what: str = "пункты") -> None:
    """The page and the API alike: only a draft is edited; execution marks are not edits (record_execution)."""
    if plan.state not in EDITABLE_STATES:
        raise ServiceError(
            f"План в состоянии «{PlanState(plan.state).label}»: изменять его {what} можно только в проекте. "
            "Верните план в проект, чтобы изменить его."
        )


@transaction.atomic
def create_plan(
    *,
    owner: Owner,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = PlanKind.EVENT_PLAN,
    period_kind: str = PeriodKind.ACADEMIC_YEAR,
    columns: Iterable[str] | None = None,
    by=None,
    **fields,
) -> Plan:
    title = (title or "").strip()
    if not title:
        raise ServiceError("Укажите наименование плана.")
    _check_period(period_start, period_end)
    plan = Plan(
        title=title[:1000],
        kind=kind,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
        responsible_user=fields.pop("responsible_user", by),
        **owner.as_fields(),
        **fields,
    )
    if columns is not None:
        plan.columns = _clean_columns(columns)
    plan._history_user = by
    plan.save()
    return plan


@transaction.atomic
def create_plan_with_section(*, owner: Owner, by=None, **fields) -> Plan:
    """A plan as the plan page and the API start one: with one untitled section to put items in."""
    plan = create_plan(owner=owner, by=by, **fields)
    add_section(plan, title="")
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, by=None, **fields) -> Plan:
    """Change a draft's particulars; an approved or archived plan is refused (return it to a draft first)."""
    _check_plan_editable(plan, "сведения")
    unknown = set(fields) - set(PLAN_FIELDS) - {"responsible_user"}
    if unknown:
        raise ServiceError(f"Эти поля плана так не меняются: {', '.join(sorted(unknown))}.")
    period_changed = any(
        name in fields and fields[name] != getattr(plan, name) for name in ("period_start", "period_end")
    )
    if "columns" in fields:
        fields["columns"] = _clean_columns(fields["columns"])
    if "title" in fields and not (fields["title"] or "").strip():
        raise ServiceError("Укажите наименование плана.")
    for name, value in fields.items():
        setattr(plan, name, value)
    _check_period(plan.period_start, plan.period_end)
    plan._history_user = by
    plan.save()
    if period_changed:
        rematerialise_plan(plan)
    return plan


@transaction.atomic
def change_plan_state(plan: Plan, new_state: str, *, by=None, order=None, new_order: Mapping | None = None) -> Plan:
    """draft → approved (by an order) → archived; an approved plan may go back to draft to be corrected.

    The approving order is one of the registry or `new_order` (its number and date), registered here in the same
    transaction, so a refused approval leaves no order behind."""
    old_state = plan.state
    if new_state not in PLAN_TRANSITIONS.get(old_state, ()):
        target = PlanState(new_state).label if new_state in PlanState.values else new_state
        raise ServiceError(f"Нельзя перевести план из состояния «{PlanState(old_state).label}» в «{target}».")
    if new_state == PlanState.APPROVED:
        if order is None and new_order:
            order = registry_services.create_order(
                number=new_order["number"],
                date=new_order["date"],
                title=f"Об утверждении: {plan.title}"[:500],
                municipality=plan.municipality,
                by=by,
            )
        order = order or plan.order
        if order is None:
            raise ServiceError("План утверждается приказом: укажите приказ об утверждении.")
        if order.municipality_id != plan.municipality_id:
            raise ServiceError("План утверждается приказом своей территории: этот приказ издан для другой.")
        if not plan.items.exists():
            raise ServiceError("В плане нет ни одного пункта: утверждать нечего.")
        plan.order = order
    updated = Plan.objects.filter(pk=plan.pk, state=old_state).update(state=new_state)
    if not updated:
        raise ServiceError("Состояние плана только что изменил другой пользователь. Обновите страницу.")
    plan.state = new_state
    plan._history_user = by
    plan._change_reason = f"{PlanState(old_state).label} → {PlanState(new_state).label}"
    plan.save(update_fields=["state", "order", "updated_at"])
    return plan


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


@transaction.atomic
def delete_plan(plan: Plan) -> None:
    if plan.state != PlanState.DRAFT:
        raise ServiceError("Удалить можно только проект плана; утверждённый план отправляется в архив.")
    if Occurrence.objects.filter(plan=plan).exclude(status=OccurrenceStatus.PLANNED).exists():
        raise ServiceError("По плану уже отмечено выполнение: удалить его нельзя, отправьте его в архив.")
    plan.delete()


# ---------------------------------------------------------------- sections and items


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_section(plan: Plan, *, title: str, kind: str = SectionKind.NONE, position: int | None = None) -> PlanSection:
    _check_plan_editable(plan)
    if kind not in SectionKind.values:
        raise ServiceError("Неизвестный вид деятельности раздела.")
    if position is None:
        position = _next_position(plan.sections)
    else:
        plan.sections.filter(position__gte=position).update(position=F("position") + 1)
    return PlanSection.objects.create(plan=plan, title=(title or "").strip()[:1000], kind=kind, position=position)


@transaction.atomic
def update_section(section: PlanSection, *, title: str, kind: str = SectionKind.NONE) -> PlanSection:
    _check_plan_editable(section.plan)
    if kind not in SectionKind.values:
        raise ServiceError("Неизвестный вид деятельности раздела.")
    section.title, section.kind = (title or "").strip()[:1000], kind
    section.save(update_fields=["title", "kind"])
    return section


@transaction.atomic
def delete_section(section: PlanSection) -> None:
    _check_plan_editable(section.plan)
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
    _check_plan_editable(plan)
    fields = _clean_item_fields({"activity": "", **fields})
    item = PlanItem(plan=plan, section=section, position=_next_position(section.items), **fields)
    item._history_user = by
    item.save()
    item.responsible_organizations.set(list(responsible_organizations))
    item.responsible_users.set(list(responsible_users))
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
    **fields,
) -> PlanItem:
    """Change an item's texts; a new timing re-parses its dates without losing recorded execution.
    A `section` other than the item's own moves the item to the end of that section of the same plan."""
    _check_plan_editable(item.plan)
    fields = _clean_item_fields(fields)
    # Compare with what is stored: a ModelForm may already have written the new text onto this instance.
    stored_timing = PlanItem.objects.filter(pk=item.pk).values_list("timing", flat=True).first()
    timing_changed = "timing" in fields and fields["timing"] != stored_timing
    for name, value in fields.items():
        setattr(item, name, value)
    item._history_user = by
    item.save()
    if responsible_organizations is not None:
        item.responsible_organizations.set(list(responsible_organizations))
    if responsible_users is not None:
        item.responsible_users.set(list(responsible_users))
    if timing_changed:
        materialise([item])
    if section is not None and section.pk != item.section_id:
        move_item(item, section=section, position=section.items.count())
    return item


@transaction.atomic
def delete_item(item: PlanItem) -> None:
    _check_plan_editable(item.plan)
    if item.occurrences.exclude(status=OccurrenceStatus.PLANNED).exists():
        raise ServiceError("По пункту уже отмечено выполнение: удалить его нельзя.")
    item.delete()


@transaction.atomic
def move_item(item: PlanItem, *, section: PlanSection, position: int) -> PlanItem:
    """Put an item at a 0-based position of a section (the same or another of the same plan)."""
    _check_plan_editable(item.plan)
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
    _check_plan_editable(section.plan)
    siblings = [other for other in section.plan.sections.order_by("position", "id") if other.pk != section.pk]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, section)
    for index, sibling in enumerate(siblings, start=1):
        sibling.position = index
    PlanSection.objects.bulk_update(siblings, ["position"])
    return section


# ---------------------------------------------------------------- import


_PARSED_TO_ITEM = {"result": "expected_result"}
_FIELD_TO_COLUMN = {
    "responsible": Column.RESPONSIBLE,
    "timing": Column.TIMING,
    "audience": Column.AUDIENCE,
    "result": Column.RESULT,
    "notes": Column.NOTES,
}


def _columns_of(parsed: ParsedPlan) -> list[str]:
    present = set(parsed.fields)
    if not present:
        present = {
            name
            for section in parsed.sections
            for item in section.items
            for name in _FIELD_TO_COLUMN
            if getattr(item, name)
        }
    return [str(_FIELD_TO_COLUMN[name]) for name in _FIELD_TO_COLUMN if name in present]


@transaction.atomic
def create_plan_from_parsed(
    parsed: ParsedPlan,
    *,
    owner: Owner,
    kind: str = PlanKind.EVENT_PLAN,
    user=None,
    title: str | None = None,
    period: tuple[str, dt.date, dt.date] | None = None,
    order=None,
    source_file=None,
) -> Plan:
    """Save what the importer read: one plan, its sections and items, their due dates."""
    if not parsed.item_count:
        raise ServiceError("В файле не найдено ни одного пункта плана: сохранять нечего.")
    title = (title or parsed.title or "План без названия").strip()
    approved_on = dt.date.fromisoformat(parsed.order_date) if parsed.order_date else None
    period_kind, start, end = period or infer_period(title, approved_on=approved_on)
    plan = create_plan(
        owner=owner,
        title=title,
        kind=kind,
        period_kind=period_kind,
        period_start=start,
        period_end=end,
        columns=_columns_of(parsed),
        by=user,
        order=order,
    )
    if source_file is not None:
        plan.source_file.save(getattr(source_file, "name", "plan.docx").rsplit("/", 1)[-1], source_file, save=True)
    sections = PlanSection.objects.bulk_create(
        PlanSection(plan=plan, position=index, title=(section.title or "")[:1000])
        for index, section in enumerate(parsed.sections, start=1)
    )
    items = []
    for section, parsed_section in zip(sections, parsed.sections, strict=True):
        for position, parsed_item in enumerate(parsed_section.items, start=1):
            values = {
                _PARSED_TO_ITEM.get(name, name): getattr(parsed_item, name) or ""
                for name in ("number", "activity", "responsible", "timing", "audience", "result", "notes")
            }
            values["number"] = values["number"][:20]
            values["activity"] = values["activity"] or "(мероприятие не указано)"
            items.append(PlanItem(plan=plan, section=section, position=position, **values))
    items = PlanItem.objects.bulk_create(items, batch_size=500)
    materialise(items, plan)
    return plan


# ---------------------------------------------------------------- execution


@transaction.atomic
def record_execution(
    occurrence: Occurrence,
    *,
    by=None,
    status: str,
    completed_on: dt.date | None = None,
    comment: str | None = None,
    links: Iterable[tuple[str, str]] = (),
    files: Iterable = (),
    today: dt.date | None = None,
) -> Occurrence:
    """Mark an occurrence's execution with evidence (links as (title, url), uploaded files)."""
    if status not in OccurrenceStatus.values:
        raise ServiceError("Неизвестное состояние выполнения.")
    if occurrence.plan.state == PlanState.DRAFT:
        raise ServiceError("План ещё не утверждён: выполнение отмечается по утверждённому плану.")
    if occurrence.plan.state == PlanState.ARCHIVED:
        raise ServiceError("План в архиве: отметки о выполнении в нём не меняются.")
    today = today or dt.date.today()
    if status == OccurrenceStatus.DONE:
        completed_on = completed_on or today
        if completed_on > today:
            raise ServiceError("Дата выполнения не может быть в будущем.")
    else:
        completed_on = None
    occurrence.status = status
    occurrence.completed_on = completed_on
    if comment is not None:
        occurrence.comment = comment.strip()
    occurrence.updated_by = by
    occurrence._history_user = by
    occurrence.save()
    for title, url in links:
        if url:
            Evidence.objects.create(occurrence=occurrence, title=(title or "")[:500], url=url, created_by=by)
    for upload in files:
        evidence = Evidence(occurrence=occurrence, title=upload.name[:500], created_by=by)
        evidence.file.save(upload.name, upload, save=True)
    return occurrence


@transaction.atomic
def remove_evidence(evidence: Evidence) -> None:
    if evidence.occurrence.plan.state == PlanState.ARCHIVED:
        raise ServiceError("План в архиве: отметки о выполнении в нём не меняются.")
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
