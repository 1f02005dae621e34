"""Members and agreements of a complex or a network (инновационный комплекс, сетевая площадка): the business
actions and the daily reminders before an agreement ends.

Organizations of a site stay its participants (SiteParticipant, edited with the site); this module keeps the other
members — creative teams, laboratories, teachers — and the network agreements. Every action runs in a transaction
and is recorded in history; callers check `registry.change_site_network` first."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.dates import russian_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.notifications import Notice, notify_many
from innoinfra.core.numerals import numeral
from innoinfra.core.services import assign_fields
from innoinfra.core.uploads import ORDERS, service_checked_upload
from innoinfra.reference.models import Organization

from .enums import CURRENT_STATES, MemberKind
from .lifecycle import heads_of, people_in_charge
from .models import Agreement, ComplexMember, Site, SiteParticipant, agreement_state_q

# Signed agreements come as documents or scans, like orders.
AGREEMENT_FILES = ORDERS
MEMBER_FIELDS = ("kind", "name", "leader", "people", "position", "organization", "organization_name", "role", "note")
AGREEMENT_FIELDS = (
    "number", "date", "subject", "organizations", "external_parties", "start_date", "end_date", "file",
)  # fmt: skip
# Reminders before an agreement ends: the smallest threshold that has come is the one given, each once.
AGREEMENT_REMINDER_DAYS = (7, 30)


def _tidy(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def _check_network_site(site: Site) -> None:
    if not site.kind.is_network:
        raise ServiceError(
            f"Вид «{site.kind.name}» предполагает одну организацию: участники и сетевые соглашения ведутся только "
            "у сетевых площадок и инновационных комплексов."
        )


# ---------------------------------------------------------------- members


def _check_member(member: ComplexMember) -> None:
    if not member.name:
        raise ServiceError("Укажите наименование участника или ФИО педагога.")
    if member.kind not in MemberKind.values:
        raise ServiceError("Укажите вид участника: творческая группа, лаборатория или педагог.")
    if member.kind == MemberKind.PERSON and not member.position:
        raise ServiceError("Укажите должность педагога.")
    if member.organization_id and member.organization_name:
        raise ServiceError("Укажите организацию из системы или её название — что-то одно.")


def _assign_member(member: ComplexMember, fields: dict) -> None:
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения участника не меняются: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        value = value if name in ("people", "note") else _tidy(value)
        setattr(member, name, value.strip() if isinstance(value, str) else value)


def _save_member(member: ComplexMember, fields: dict, by) -> ComplexMember:
    _assign_member(member, fields)
    _check_member(member)
    member._history_user = by
    member.save()
    return member


@transaction.atomic
def add_member(*, site: Site, by=None, **fields) -> ComplexMember:
    """Add a creative team, a laboratory or a teacher to a complex or a network (recorded in history)."""
    _check_network_site(site)
    return _save_member(ComplexMember(site=site), fields, by)


@transaction.atomic
def update_member(member: ComplexMember, *, by=None, **fields) -> ComplexMember:
    return _save_member(member, fields, by)


@transaction.atomic
def remove_member(member: ComplexMember, *, by=None) -> None:
    member._history_user = by
    member.delete()


# ---------------------------------------------------------------- agreements


def _check_agreement(agreement: Agreement, organizations) -> None:
    if not agreement.number:
        raise ServiceError("Укажите номер соглашения.")
    if not agreement.date:
        raise ServiceError("Укажите дату соглашения.")
    if not agreement.subject:
        raise ServiceError("Укажите предмет соглашения.")
    if agreement.start_date and agreement.end_date and agreement.end_date < agreement.start_date:
        raise ServiceError("Окончание действия соглашения не может быть раньше его начала.")
    parties = len(list(organizations)) + len(agreement.external_party_list)
    if parties < 2:
        raise ServiceError("В соглашении не меньше двух сторон: укажите организации системы и (или) другие стороны.")


def _save_agreement(agreement: Agreement, fields: dict, by) -> Agreement:
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения соглашения не меняются: {', '.join(sorted(unknown))}.")
    for name in ("number", "subject"):
        if name in fields:
            fields[name] = _tidy(fields[name] or "")
    if isinstance(fields.get("file"), UploadedFile):  # a new file; the stored one was checked when it came
        service_checked_upload(fields["file"], purpose=AGREEMENT_FILES)
    later = assign_fields(agreement, fields)
    organizations = dict(later).get(Agreement._meta.get_field("organizations"))
    if organizations is None:
        organizations = list(agreement.organizations.all()) if agreement.pk else []
    _check_agreement(agreement, organizations)
    agreement._history_user = by
    agreement.save()
    for field, value in later:
        field.save_form_data(agreement, value)
    return agreement


@transaction.atomic
def add_agreement(*, site: Site, by=None, **fields) -> Agreement:
    """Register a network agreement of a complex or a network, with its signed file (through the upload gate).
    At least two parties: organizations of the system and/or parties named in words."""
    _check_network_site(site)
    return _save_agreement(Agreement(site=site, created_by=by), fields, by)


@transaction.atomic
def update_agreement(agreement: Agreement, *, by=None, **fields) -> Agreement:
    return _save_agreement(agreement, fields, by)


@transaction.atomic
def remove_agreement(agreement: Agreement, *, by=None) -> None:
    agreement._history_user = by
    agreement.delete()


# ---------------------------------------------------------------- reading


def agreements_with_parties() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("site__kind", "site__lead_organization").prefetch_related(
        Prefetch("organizations", queryset=Organization.objects.order_by("short_name"))
    )


def members_of(site: Site) -> QuerySet[ComplexMember]:
    return site.complex_members.select_related("organization").order_by("kind", "name", "id")


def for_site_page(site: Site) -> dict:
    """What the site page shows of its network: the members besides organizations and the agreements (3 queries)."""
    return {
        "members": list(members_of(site)),
        "agreements": list(agreements_with_parties().filter(site=site)),
    }


def agreements_for_staff(user, *, state: str = "", today=None) -> QuerySet[Agreement]:
    """Agreements of the sites of the territories the user runs, those ending first at the top."""
    scope = scope_of(user)
    found = agreements_with_parties()
    if scope.managed_municipalities is not None:
        found = found.filter(scope.managed("site__lead_organization__municipality_id"))
    if state:
        found = found.filter(agreement_state_q(state, today))
    return found.order_by("end_date", "-date", "id")


def organizations_of(site: Site) -> QuerySet[Organization]:
    """The organizations of the site, to offer as parties of its agreements."""
    return Organization.objects.filter(
        pk__in=SiteParticipant.objects.filter(site=site).values("organization_id")
    ).order_by("short_name")


# ---------------------------------------------------------------- reminders


def days_phrase(days: int) -> str:
    return "сегодня" if days <= 0 else f"через {numeral(days, 'день,дня,дней')}"


def reminder_title(agreement: Agreement, days_left: int) -> str:
    """«Сетевое соглашение № 12 от 11 апреля 2025 г. истекает через 7 дней»."""
    return f"{agreement} истекает {days_phrase(days_left)}"


def reminder_key(agreement: Agreement, days: int) -> str:
    # the end date is in the key: an agreement prolonged earns its own reminders
    return f"registry:agreement:{agreement.pk}:ends:{agreement.end_date:%Y-%m-%d}:{days}"


@transaction.atomic
def send_agreement_reminders(*, today: dt.date | None = None) -> dict:
    """Tell the head(s) of the lead organization and the curator that an agreement of a current site ends in 30
    (then 7) days: a notification and an e-mail (after commit), each once per threshold, so the job may run any
    number of times a day. A constant number of queries for any number of agreements."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(AGREEMENT_REMINDER_DAYS))
    agreements = list(
        Agreement.objects.filter(end_date__gte=today, end_date__lte=horizon, site__state__in=CURRENT_STATES)
        .select_related("site__kind", "site__lead_organization", "site__curator")
        .order_by("end_date", "pk")
    )
    heads = heads_of({a.site.lead_organization_id for a in agreements}) if agreements else {}
    notices, unattended = [], 0
    for agreement in agreements:
        site, left = agreement.site, (agreement.end_date - today).days
        threshold = next(d for d in AGREEMENT_REMINDER_DAYS if left <= d)
        people = people_in_charge(site, heads)
        unattended += not people
        text = (
            f"{site.kind.name}, {site.lead_organization}: «{site.theme}». Соглашение действует по "
            f"{russian_date(agreement.end_date)}. Продлите его или заключите новое, если сетевое взаимодействие "
            "продолжается."
        )
        notices += [
            Notice(
                user=user,
                title=reminder_title(agreement, left),
                text=text,
                url=site.get_absolute_url() + "#network",
                key=reminder_key(agreement, threshold),
            )
            for user in people.values()
        ]
    created = notify_many(notices)
    return {"reminders": len(created), "agreements": len(agreements), "unattended": unattended}
