"""Demo registry of the three districts of the seeds. Idempotent: natural keys, get_or_create."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from innoinfra.reference.enums import CycleStage
from innoinfra.reference.models import Direction, Municipality, Organization, Region
from innoinfra.registry import services
from innoinfra.registry.catalogue import install as install_catalogue
from innoinfra.registry.enums import SiteState
from innoinfra.registry.lifecycle import expire_statuses
from innoinfra.registry.models import Order, Site, SiteKind

from .records import ORDERS, ORGANIZATIONS, SITES, TERRITORIES

LOCAL_ZONES = {"amursky": "Asia/Vladivostok"}


def load(stdout=None) -> dict:
    install_catalogue()
    municipalities = {}
    for key, (region_name, code, name, short) in TERRITORIES.items():
        region, _ = Region.objects.get_or_create(name=region_name, defaults={"code": code})
        municipalities[key], _ = Municipality.objects.get_or_create(
            region=region, name=name, defaults={"short_name": short}
        )
        # Amursk lives at UTC+10: its pages and feeds show local time (the others keep the installation's zone)
        zone = LOCAL_ZONES.get(key)
        if zone and municipalities[key].time_zone != zone:
            municipalities[key].time_zone = zone
            municipalities[key].save(update_fields=["time_zone"])
    orgs = {}
    for key, territory, full, short, type_, address, lat, lon, head in ORGANIZATIONS:
        orgs[key], _ = Organization.objects.get_or_create(
            full_name=full,
            defaults={
                "short_name": short,
                "type": type_,
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "head_name": head,
                "municipality": municipalities[territory],
            },
        )
    orders = {}
    for key, territory, number, date, title, issuer, issuer_name in ORDERS:
        orders[key], _ = Order.objects.get_or_create(
            number=number,
            date=date,
            municipality=municipalities[territory],
            defaults={"title": title, "issuer": orgs.get(issuer), "issuer_name": issuer_name},
        )
    kinds = {k.abbreviation: k for k in SiteKind.objects.all()}
    directions = {d.name: d for d in Direction.objects.all()}
    for number, (abbr, lead, others, theme, start, end, order, dirs, state, supervisor) in enumerate(SITES):
        if Site.objects.filter(theme=theme, lead_organization=orgs[lead]).exists():
            continue
        site = services.create_site(
            kind=kinds[abbr],
            theme=theme,
            lead_organization=orgs[lead],
            participants=[orgs[o] for o in others],
            directions=[directions[d] for d in dirs],
            order=orders[order],
            start_date=start,
            end_date=end,
            supervisor=supervisor,
            cycle_stage=_demo_stage(abbr, state, number),
        )
        if state == SiteState.COMPLETED:
            services.change_site_state(
                site,
                SiteState.COMPLETED,
                date=end,
                order=orders["amur-2023-close"],
                comment="Завершён срок реализации проекта",
            )
        elif state == SiteState.SUSPENDED:
            services.change_site_state(
                site,
                SiteState.SUSPENDED,
                date=dt.date(2025, 2, 1),
                comment="Приостановлена по заявлению организации на время ремонта",
            )
    _show_the_life_cycle(orgs, municipalities["amursky"])
    return {"municipalities": municipalities, "organizations": orgs, "orders": orders}


def _demo_stage(abbreviation: str, state: str, number: int) -> str:
    """A plausible stage for a demo site: a finished project is being replicated, an approbation site is
    approbating, the rest spread over development, approbation and implementation for the map's matrix."""
    if state == SiteState.COMPLETED:
        return CycleStage.REPLICATION
    if abbreviation == "МАП":
        return CycleStage.APPROBATION
    return [CycleStage.DEVELOPMENT, CycleStage.APPROBATION, CycleStage.IMPLEMENTATION, CycleStage.IDEA][number % 4]


UPCOMING_THEME = "Музейная педагогика в детском саду: маршруты выходного дня"


def _show_the_life_cycle(orgs, amursky) -> None:
    """The demo shows both ends of a status's life: an order already signed for a period from next 1 January
    («Вступает в силу 01.01.…»), and the statuses whose period is over (the КИП of 2022–2024 among them) recorded as
    «Завершена (срок истёк)», as the daily `expire_statuses` would, with a row in their history."""
    today = timezone.localdate()
    if not Site.objects.filter(theme=UPCOMING_THEME).exists():
        order, _ = Order.objects.get_or_create(
            number="301-Д",
            date=today - dt.timedelta(days=7),
            municipality=amursky,
            defaults={"title": "О присвоении статуса муниципальной инновационной площадки", "issuer": orgs["amur-uo"]},
        )
        services.create_site(
            kind=SiteKind.objects.get(abbreviation="МИП"),
            theme=UPCOMING_THEME,
            lead_organization=orgs["amur-ds15"],
            order=order,
            start_date=dt.date(today.year + 1, 1, 1),
            end_date=dt.date(today.year + 3, 12, 31),
            cycle_stage=CycleStage.IDEA,
        )
    expire_statuses(today=today)
