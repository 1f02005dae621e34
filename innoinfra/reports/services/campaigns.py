"""Campaigns: created and changed within the author's territory, opened (which creates one report for every
organization or site asked, prefilled with the system's facts), closed and reopened."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site

from ..enums import CAMPAIGN_TRANSITIONS, Audience, CampaignState, ReportState
from ..facts import facts_for
from ..models import Answer, Campaign, FormItem, Report, ReportEvent, ReportForm
from ._common import fact_items, fresh
from .form_builder import copy_form

CAMPAIGN_FIELDS = ("title", "municipality", "region", "period_start", "period_end", "deadline", "audience")


def _check_territory(by, region, municipality) -> None:
    scope = scope_of(by)
    if municipality is not None:
        if not scope.manages(municipality.pk):
            raise ServiceError("Кампанию проводят для своей территории: выберите муниципалитет, которым вы управляете.")
        return
    if region is None:
        raise ServiceError("Укажите муниципалитет или регион кампании.")
    if scope.managed_municipalities is None:
        return
    in_region = set(Municipality.objects.filter(region=region).values_list("pk", flat=True))
    if not in_region or not in_region <= scope.managed_municipalities:
        raise ServiceError("Кампанию на весь регион проводят те, кто управляет всеми его муниципалитетами.")


def _check_dates(campaign: Campaign) -> None:
    if campaign.period_start > campaign.period_end:
        raise ServiceError("Конец отчётного периода не может быть раньше его начала.")
    if campaign.deadline < campaign.period_start:
        raise ServiceError("Срок представления отчётов не может быть раньше начала отчётного периода.")


@transaction.atomic
def create_campaign(
    *,
    by,
    title: str,
    period_start,
    period_end,
    deadline,
    source: ReportForm,
    municipality=None,
    region=None,
    audience: str = Audience.SITES,
    site_kinds: Iterable = (),
) -> Campaign:
    if not (title or "").strip():
        raise ServiceError("Назовите кампанию.")
    region = municipality.region if municipality is not None else region
    _check_territory(by, region, municipality)
    site_kinds = list(site_kinds)
    if audience == Audience.SITE_KINDS and not site_kinds:
        raise ServiceError("Отметьте виды площадок, которые отчитываются.")
    campaign = Campaign(
        title=title.strip(),
        region=region,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        audience=audience,
        created_by=by,
    )
    _check_dates(campaign)
    campaign.form = copy_form(source)
    campaign._history_user = by
    campaign.save()
    campaign.site_kinds.set(site_kinds if audience == Audience.SITE_KINDS else [])
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, by, site_kinds: Iterable | None = None, **fields) -> Campaign:
    campaign = fresh(Campaign, campaign)
    if campaign.state == CampaignState.CLOSED:
        raise ServiceError("Кампания завершена: её сведения не меняются. Возобновите сбор, если нужно.")
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения кампании так не меняются: {', '.join(sorted(unknown))}.")
    if not campaign.is_draft:
        # reports already exist for the old territory, audience and period
        for name in ("municipality", "region", "audience", "period_start", "period_end"):
            if name in fields and fields[name] != getattr(campaign, name):
                raise ServiceError("Сбор отчётов начат: меняются только наименование и срок представления.")
        site_kinds = None
    for name, value in fields.items():
        setattr(campaign, name, value)
    if "municipality" in fields and campaign.municipality is not None:
        campaign.region = campaign.municipality.region
    if not (campaign.title or "").strip():
        raise ServiceError("Назовите кампанию.")
    _check_territory(by, campaign.region, campaign.municipality)
    _check_dates(campaign)
    if campaign.is_draft and campaign.audience == Audience.SITE_KINDS and site_kinds is not None and not site_kinds:
        raise ServiceError("Отметьте виды площадок, которые отчитываются.")
    campaign._history_user = by
    campaign.save()
    if site_kinds is not None:
        campaign.site_kinds.set(list(site_kinds) if campaign.audience == Audience.SITE_KINDS else [])
    return campaign


def territory_ids(campaign: Campaign) -> list[int]:
    if campaign.municipality_id:
        return [campaign.municipality_id]
    return list(Municipality.objects.filter(region_id=campaign.region_id).values_list("pk", flat=True))


def who_reports(campaign: Campaign) -> list[tuple[int, int | None, int]]:
    """(organization, site or None, municipality) of everyone the campaign asks for a report."""
    municipalities = territory_ids(campaign)
    if campaign.audience == Audience.ORGANIZATIONS:
        organizations = (
            Organization.objects.filter(municipality_id__in=municipalities, is_active=True)
            .exclude(type=OrganizationType.AUTHORITY)
            .values_list("pk", "municipality_id")
        )
        return [(pk, None, municipality) for pk, municipality in organizations]
    sites = Site.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=campaign.period_end),
        Q(end_date__isnull=True) | Q(end_date__gte=campaign.period_start),
        state=SiteState.ACTIVE,
        lead_organization__municipality_id__in=municipalities,
    )
    if campaign.audience == Audience.SITE_KINDS:
        sites = sites.filter(kind__in=campaign.site_kinds.all())
    rows = sites.values_list("lead_organization_id", "pk", "lead_organization__municipality_id")
    return [(org, site, municipality) for org, site, municipality in rows]


def _fact_answers(reports: list[Report], items: list[FormItem], facts: dict) -> list[Answer]:
    answers = []
    for report in reports:
        values = facts.get(report.organization_id, {})
        for item in items:
            if item.code in values:
                answers.append(Answer(report=report, item=item, number=Decimal(values[item.code])))
    return answers


@transaction.atomic
def change_campaign_state(campaign: Campaign, state: str, *, by) -> Campaign:
    campaign = fresh(Campaign, campaign)
    if state not in CAMPAIGN_TRANSITIONS.get(campaign.state, set()):
        raise ServiceError(
            f"Кампанию в состоянии «{campaign.get_state_display()}» нельзя перевести в «{CampaignState(state).label}»."
        )
    created = 0
    if campaign.state == CampaignState.DRAFT:
        created = _create_reports(campaign, by=by)
    campaign.state = state
    if state == CampaignState.OPEN:
        campaign.opened_at = campaign.opened_at or timezone.now()
        campaign.closed_at = None
    else:
        campaign.closed_at = timezone.now()
    campaign._history_user = by
    campaign.save()
    campaign.reports_created = created
    return campaign


def _create_reports(campaign: Campaign, *, by) -> int:
    if not FormItem.objects.filter(form_id=campaign.form_id).exists():
        raise ServiceError("В форме отчёта нет ни одного пункта: добавьте разделы и показатели.")
    rows = who_reports(campaign)
    if not rows:
        raise ServiceError(
            "Отчитываться некому: на территории нет организаций или площадок, которые выбраны в кампании."
        )
    reports = [
        Report(campaign=campaign, organization_id=org, site_id=site, municipality_id=municipality)
        for org, site, municipality in rows
    ]
    reports = bulk_create_with_history(reports, Report, default_user=by)
    if any(report.pk is None for report in reports):  # backends that do not return ids
        reports = list(Report.objects.filter(campaign=campaign))
    now = timezone.now()
    ReportEvent.objects.bulk_create(
        ReportEvent(report=report, from_state="", to_state=ReportState.DRAFT, at=now, by=by) for report in reports
    )
    items = fact_items(campaign.form_id)
    if items:
        facts = facts_for({r.organization_id for r in reports}, campaign.period_start, campaign.period_end)
        Answer.objects.bulk_create(_fact_answers(reports, items, facts))
        Report.objects.filter(campaign=campaign).update(prefilled_at=now)
    return len(reports)
