"""Business actions of the registry. Each runs in a transaction, is recorded in history and
refuses what the rules of the infrastructure forbid with a ServiceError in Russian.
Callers check permissions (views and API ask the `rules` perms first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from innoinfra.core.dates import numeric_date, russian_date
from innoinfra.core.errors import AlreadyDone, ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.core.services import assign_fields
from innoinfra.core.versioning import claim_version
from innoinfra.reference.models import Direction, Organization

from .enums import SITE_TRANSITIONS, STATES_NEEDING_ORDER, ParticipantRole, SiteState
from .models import (
    Order,
    Site,
    SiteKind,
    SiteParticipant,
    SiteStateChange,
    current_q,
    order_number_key,
)


def check_one_status_rule(organizations: Iterable[Organization], *, exclude_site: Site | None = None) -> None:
    """Some territories forbid an organization to hold two statuses at once (installation setting)."""
    if not InstallationSettings.current().one_status_per_organization:
        return
    busy = SiteParticipant.objects.filter(current_q(prefix="site__"), organization__in=list(organizations))
    if exclude_site is not None:
        busy = busy.exclude(site=exclude_site)
    holder = busy.select_related("organization", "site__kind").first()
    if holder:
        raise ServiceError(
            f"У организации «{holder.organization}» уже есть действующий статус «{holder.site.kind}». "
            "По правилам этой системы организация может иметь только один действующий статус."
        )


def _check_period(start_date: dt.date | None, end_date: dt.date | None) -> None:
    if start_date and end_date and end_date < start_date:
        raise ServiceError("Окончание периода не может быть раньше начала.")


def _check_participants(kind: SiteKind, lead: Organization, participants: list[Organization]) -> list[Organization]:
    others = [o for o in dict.fromkeys(participants) if o.pk != lead.pk]
    if others and not kind.is_network:
        raise ServiceError(
            f"Вид «{kind.name}» предполагает одну организацию. Участников можно указать только "
            "для сетевой площадки или инновационного комплекса."
        )
    return others


@transaction.atomic
def create_site(
    *,
    kind: SiteKind,
    theme: str,
    lead_organization: Organization,
    order: Order | None = None,
    new_order: Mapping | None = None,
    by=None,
    participants: Iterable[Organization] = (),
    directions: Iterable[Direction] = (),
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    curator=None,
    curator_name: str = "",
    supervisor: str = "",
    description: str = "",
    cycle_stage: str = "",
) -> Site:
    """Create an active site backed by its order; records the first state change.

    The order is one of the registry, or `new_order` (its number, date and optionally title) registered here
    in the same transaction: a refused site leaves no orphan order behind."""
    if order is None and new_order:
        order = create_order(
            number=new_order["number"],
            date=new_order["date"],
            title=new_order.get("title") or f"О присвоении статуса «{kind.name}»",
            municipality=lead_organization.municipality,
            by=by,
        )
    if order is None:
        raise ServiceError("Статус площадки присваивается приказом: укажите приказ.")
    if not theme.strip():
        raise ServiceError("Укажите тему площадки.")
    _check_period(start_date, end_date)
    others = _check_participants(kind, lead_organization, list(participants))
    check_one_status_rule([lead_organization, *others])
    site = Site(
        kind=kind,
        theme=theme.strip(),
        lead_organization=lead_organization,
        order=order,
        start_date=start_date,
        end_date=end_date,
        curator=curator,
        curator_name=curator_name,
        supervisor=supervisor,
        description=description,
        cycle_stage=cycle_stage,
        state=SiteState.ACTIVE,
    )
    site._history_user = by
    site.save()
    SiteParticipant.objects.create(site=site, organization=lead_organization, role=ParticipantRole.LEAD)
    SiteParticipant.objects.bulk_create(SiteParticipant(site=site, organization=o) for o in others)
    site.directions.set(list(directions))
    SiteStateChange.objects.create(
        site=site,
        from_state="",
        to_state=SiteState.ACTIVE,
        date=order.date,
        order=order,
        changed_by=by,
        comment=f"Статус присвоен приказом от {numeric_date(order.date)} № {order.number}",
    )
    site.refresh_search_text()
    return site


@transaction.atomic
def update_site(
    site: Site,
    *,
    by=None,
    participants: Iterable[Organization] | None = None,
    directions: Iterable[Direction] | None = None,
    version: int | None = None,
    **fields,
) -> Site:
    """Change a site's description; the state changes only through change_site_state.
    `version` is the one the editor read: if someone saved the site since, VersionConflict and nothing changes."""
    if "state" in fields:
        raise ServiceError("Состояние площадки меняется отдельным действием с указанием приказа.")
    claim_version(site, version)
    for name, value in fields.items():
        setattr(site, name, value)
    _check_period(site.start_date, site.end_date)
    if participants is not None:
        others = _check_participants(site.kind, site.lead_organization, list(participants))
        if site.is_current:
            check_one_status_rule([site.lead_organization, *others], exclude_site=site)
        site.participants.exclude(organization=site.lead_organization).delete()
        site.participants.update_or_create(organization=site.lead_organization, defaults={"role": ParticipantRole.LEAD})
        site.participants.filter(role=ParticipantRole.LEAD).exclude(organization=site.lead_organization).delete()
        SiteParticipant.objects.bulk_create(SiteParticipant(site=site, organization=o) for o in others)
    site._history_user = by
    site.save()
    if directions is not None:
        site.directions.set(list(directions))
    site.refresh_search_text()
    return site


@transaction.atomic
def change_site_state(
    site: Site, new_state: str, *, by=None, date: dt.date | None = None, order: Order | None = None, comment: str = ""
) -> Site:
    """Move a site along SITE_TRANSITIONS; completing or revoking needs an order.

    The update is conditional on the state the caller saw, so two people acting at once cannot
    both succeed (the second gets a message instead of silently overwriting the first)."""
    old_state = site.state
    if new_state not in SITE_TRANSITIONS.get(old_state, ()):
        raise ServiceError(
            f"Нельзя перевести площадку из состояния «{SiteState(old_state).label}» "
            f"в состояние «{SiteState(new_state).label if new_state in SiteState.values else new_state}»."
        )
    if new_state in STATES_NEEDING_ORDER and order is None:
        raise ServiceError("Завершение или прекращение статуса оформляется приказом: укажите приказ.")
    if new_state == SiteState.ACTIVE:
        check_one_status_rule(site.organizations.all(), exclude_site=site)
    updated = Site.objects.filter(pk=site.pk, state=old_state).update(state=new_state, updated_at=timezone.now())
    if not updated:
        raise ServiceError("Состояние площадки только что изменил другой пользователь. Обновите страницу.")
    site.state = new_state
    # The conditional update above claimed the transition; this save writes the history row.
    site._history_user = by
    site._change_reason = comment or f"{SiteState(old_state).label} → {SiteState(new_state).label}"
    site.save(update_fields=["state", "updated_at"])
    SiteStateChange.objects.create(
        site=site,
        from_state=old_state,
        to_state=new_state,
        date=date or timezone.localdate(),
        order=order,
        comment=comment,
        changed_by=by,
    )
    return site


def _save(obj, fields: dict, *, by):
    """Save with `by` named in the object's history, then its many-to-many fields."""
    later = assign_fields(obj, fields)
    obj._history_user = by
    obj.save()
    for field, value in later:
        field.save_form_data(obj, value)
    return obj


def _duplicate_of(number: str, date: dt.date, municipality, *, exclude: Order | None = None) -> Order | None:
    same = Order.objects.filter(number_key=order_number_key(number), date=date, municipality=municipality)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    return same.first()


def already_entered(order: Order) -> AlreadyDone:
    """The refusal of a second copy of `order`, linking to it."""
    return AlreadyDone(f"Приказ № {order.number} от {russian_date(order.date)} уже внесён в реестр.", existing=order)


def _save_order(order: Order, fields: dict, *, by) -> Order:
    """Save the order unless its territory has one with the same number and date. The check gives the message;
    the constraint settles a race (a double click, two tabs) that passes the check in both requests at once."""
    particulars = (fields["number"], fields["date"], fields.get("municipality"))
    duplicate = _duplicate_of(*particulars, exclude=order if order.pk else None)
    if duplicate is not None:
        raise already_entered(duplicate)
    try:
        with transaction.atomic():  # a savepoint: the refused insert leaves the caller's transaction usable
            return _save(order, fields, by=by)
    except IntegrityError:
        duplicate = _duplicate_of(*particulars, exclude=order if order.pk else None)
        if duplicate is None:
            raise
        raise already_entered(duplicate) from None


@transaction.atomic
def create_order(*, number: str, date: dt.date, title: str, by=None, **fields) -> Order:
    """Enter an order; a second order with the same number and date in the territory is refused (`AlreadyDone`,
    naming the first), whether it comes after the first or at the same moment."""
    number = number.strip()
    if not number:
        raise ServiceError("Укажите номер приказа.")
    return _save_order(Order(), {"number": number, "date": date, "title": title.strip(), **fields}, by=by)


@transaction.atomic
def update_order(order: Order, *, by=None, **fields) -> Order:
    """Correct an order's particulars; two orders of a territory never share a number and a date."""
    if "number" in fields:
        fields["number"] = (fields["number"] or "").strip()
        if not fields["number"]:
            raise ServiceError("Укажите номер приказа.")
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
    fields.setdefault("number", order.number)
    fields.setdefault("date", order.date)
    fields.setdefault("municipality", order.municipality)
    return _save_order(order, fields, by=by)


@transaction.atomic
def create_organization(*, by=None, **fields) -> Organization:
    return _save(Organization(), fields, by=by)


@transaction.atomic
def update_organization(organization: Organization, *, by=None, version: int | None = None, **fields) -> Organization:
    """Change an organization's particulars over the version its editor read (VersionConflict if it is stale)."""
    claim_version(organization, version)
    return _save(organization, fields, by=by)


@transaction.atomic
def save_catalogue_entry(entry, *, by=None, **fields):
    """Create (an unsaved `entry`) or change an entry of a catalogue: a site kind, a direction, a
    municipality or a region; the change is recorded in the entry's history where it has one."""
    return _save(entry, fields, by=by)
