"""Demo registry of the three districts of the seeds. Idempotent: natural keys, get_or_create."""

from __future__ import annotations

import datetime as dt

from innoinfra.reference.models import Direction, Municipality, Organization, Region
from innoinfra.registry import services
from innoinfra.registry.catalogue import install as install_catalogue
from innoinfra.registry.enums import SiteState
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
    for abbr, lead, others, theme, start, end, order, dirs, state, supervisor in SITES:
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
    return {"municipalities": municipalities, "organizations": orgs, "orders": orders}
