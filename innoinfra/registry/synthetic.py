"""A synthetic region for benchmarks: realistic names, bulk inserts, one region of its own so
it can sit beside the demo data and be replaced."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from innoinfra.core.search import normalize

from .catalogue import install as install_catalogue
from .enums import OrganizationType, ParticipantRole, SiteState
from .models import (
    Direction,
    Municipality,
    Order,
    Organization,
    Region,
    Site,
    SiteKind,
    SiteParticipant,
    SiteStateChange,
)

REGION_NAME = "Синтетический регион"
SCALES = {
    "small": {"municipalities": 5, "organizations": 200, "sites": 100, "orders": 40},
    "region": {"municipalities": 60, "organizations": 3000, "sites": 1500, "orders": 500},
}
PLACES = ["Заречный", "Сосновый", "Озёрный", "Каменский", "Луговой", "Берёзовский", "Северный", "Ключевой",
          "Светлый", "Приморский", "Лесной", "Южный", "Красногорский", "Октябрьский", "Полевой"]
STREETS = ["Ленина", "Мира", "Школьная", "Советская", "Молодёжная", "Садовая", "Строителей", "Набережная"]
KINDS = [(OrganizationType.SCHOOL, "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № {n}", "МБОУ СОШ № {n}"),
         (OrganizationType.DOO, "Муниципальное бюджетное дошкольное образовательное учреждение детский сад № {n}", "МБДОУ д/с № {n}"),
         (OrganizationType.UDO, "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества» № {n}", "МБУ ДО ДДТ № {n}")]
GOALS = ["функциональной грамотности", "читательской грамотности", "инженерного мышления", "цифровых компетенций",
         "гражданской идентичности", "навыков проектной деятельности", "естественно-научной грамотности"]
MEANS = ["проектную деятельность", "сетевое взаимодействие", "наставничество", "цифровую образовательную среду",
         "внеурочную деятельность", "технологию формирующего оценивания", "интеграцию общего и дополнительного образования"]


def _theme(rng) -> str:
    return f"Формирование {rng.choice(GOALS)} обучающихся через {rng.choice(MEANS)}"


@transaction.atomic
def generate(scale: str = "small", seed: int = 1, replace: bool = False) -> dict:
    install_catalogue()
    sizes = SCALES[scale]
    rng = random.Random(seed)
    if replace:
        delete_synthetic()
    elif Region.objects.filter(name=REGION_NAME).exists():
        raise ValueError("Синтетический регион уже есть: используйте --replace.")
    region = Region.objects.create(name=REGION_NAME, code="99")
    municipalities = Municipality.objects.bulk_create(
        Municipality(region=region, name=f"{PLACES[i % len(PLACES)]} район № {i + 1}") for i in range(sizes["municipalities"])
    )
    orgs = []
    for i in range(sizes["organizations"]):
        type_, full, short = KINDS[i % len(KINDS)]
        m = municipalities[i % len(municipalities)]
        full_name = full.format(n=i + 1) + f" ({m.name})"
        address = f"{m.name}, ул. {rng.choice(STREETS)}, {rng.randint(1, 120)}"
        orgs.append(Organization(
            full_name=full_name, short_name=short.format(n=i + 1), type=type_, municipality=m, address=address,
            latitude=round(50 + rng.random() * 8, 6), longitude=round(40 + rng.random() * 30, 6),
            head_name="Иванова Мария Петровна", search_text=normalize(f"{full_name} {short.format(n=i + 1)} {address}"),
        ))
    orgs = Organization.objects.bulk_create(orgs, batch_size=500)
    orders = []
    for i in range(sizes["orders"]):
        title = "О присвоении статуса структурных единиц инновационной инфраструктуры"
        orders.append(Order(number=f"{i + 1}-Д", date=dt.date(2019 + i % 7, 6, 1 + i % 28), title=title,
                            municipality=municipalities[i % len(municipalities)],
                            search_text=normalize(f"{i + 1}-Д {title}")))
    orders = Order.objects.bulk_create(orders, batch_size=500)
    kinds = list(SiteKind.objects.all())
    directions = list(Direction.objects.all())
    states = [SiteState.ACTIVE] * 7 + [SiteState.SUSPENDED, SiteState.COMPLETED, SiteState.REVOKED]
    sites, participants, changes, site_dirs = [], [], [], []
    for i in range(sizes["sites"]):
        order = orders[i % len(orders)]
        kind = kinds[i % len(kinds)]
        lead = orgs[(i * 7) % len(orgs)]
        theme = _theme(rng)
        start = dt.date(order.date.year, 9, 1)
        sites.append(Site(kind=kind, theme=theme, lead_organization=lead, order=order, start_date=start,
                          end_date=dt.date(start.year + 3, 6, 30), state=rng.choice(states),
                          search_text=normalize(f"{theme} {kind} {kind.name} {lead.full_name} {lead.short_name}")))
    sites = Site.objects.bulk_create(sites, batch_size=500)
    through = Site.directions.through
    for i, site in enumerate(sites):
        participants.append(SiteParticipant(site=site, organization=site.lead_organization, role=ParticipantRole.LEAD))
        if site.kind.is_network:
            for k in (1, 2):
                participants.append(SiteParticipant(site=site, organization=orgs[(i * 7 + k) % len(orgs)]))
        changes.append(SiteStateChange(site=site, from_state="", to_state=site.state, date=site.start_date, order=site.order))
        site_dirs.append(through(site=site, direction=directions[i % len(directions)]))
    SiteParticipant.objects.bulk_create(participants, batch_size=1000)
    SiteStateChange.objects.bulk_create(changes, batch_size=1000)
    through.objects.bulk_create(site_dirs, batch_size=1000)
    return {"municipalities": len(municipalities), "organizations": len(orgs), "orders": len(orders), "sites": len(sites)}


def delete_synthetic() -> None:
    region = Region.objects.filter(name=REGION_NAME).first()
    if region is None:
        return
    sites = Site.objects.filter(lead_organization__municipality__region=region)
    SiteStateChange.objects.filter(site__in=sites).delete()
    SiteParticipant.objects.filter(site__in=sites).delete()
    Site.directions.through.objects.filter(site__in=sites).delete()
    sites.delete()
    Order.objects.filter(municipality__region=region).delete()
    Organization.objects.filter(municipality__region=region).delete()
    Municipality.objects.filter(region=region).delete()
    region.delete()
