"""A synthetic region for benchmarks (`manage.py generate_synthetic`): realistic Russian names, bulk
inserts, all of it inside one region of its own so that it sits beside the demo data and can be replaced.

Later features add their own objects as another step of `generate` (and clean them up in
`delete_synthetic`); a step receives the `Synthetic` context with everything built so far.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from django.db import transaction

from innoinfra.core.search import normalize
from innoinfra.demo.synthetic.scale import factor, parse
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Direction, Municipality, Organization, Region
from innoinfra.registry.catalogue import install as install_catalogue
from innoinfra.registry.enums import ParticipantRole, SiteState
from innoinfra.registry.models import Order, Site, SiteKind, SiteParticipant, SiteStateChange, order_number_key

REGION_NAME = "Синтетический регион"
SCALES = {
    "small": {"municipalities": 5, "organizations": 200, "sites": 100, "orders": 40},
    "region": {"municipalities": 60, "organizations": 3000, "sites": 1500, "orders": 500},
}
BATCH = 500
# Orders go back five years from today so that most sites are within their period, as in a live registry.
TODAY = dt.date.today()
# The region spans roughly the south of a Far East krai: municipalities are scattered over this box,
# their organizations around the municipal centre. N regions' worth cover N times the area (each side √N times as
# long, around the same centre), as ten districts do: packed into one district's box, every municipality's
# surroundings on the map would hold N times the organizations a real one has.
LATITUDES = (46.5, 53.5)
LONGITUDES = (131.0, 141.0)

# Adjective (for «… муниципальный район») and the town it is named after.
PLACES = [
    ("Заречный", "Заречье"),
    ("Сосновский", "Сосновка"),
    ("Озёрский", "Озёрск"),
    ("Каменский", "Каменка"),
    ("Луговской", "Луговое"),
    ("Берёзовский", "Берёзовка"),
    ("Северный", "Северск"),
    ("Ключевской", "Ключи"),
    ("Светлинский", "Светлый"),
    ("Приморский", "Приморье"),
    ("Лесной", "Лесогорск"),
    ("Южный", "Южноуральск"),
    ("Красногорский", "Красногорск"),
    ("Октябрьский", "Октябрьское"),
    ("Полевской", "Полевое"),
    ("Кедровый", "Кедровка"),
    ("Тайгинский", "Тайга"),
    ("Солнечный", "Солнечное"),
    ("Ильинский", "Ильинка"),
    ("Васильевский", "Васильевка"),
    ("Николаевский", "Николаевка"),
    ("Михайловский", "Михайловка"),
    ("Покровский", "Покровка"),
    ("Троицкий", "Троицкое"),
]
MUNICIPALITY_FORMS = ["{adj} муниципальный район", "{adj} муниципальный округ", "Городской округ «Город {town}»"]
VILLAGES = ["Ивановка", "Петровка", "Малиновка", "Рощино", "Дубовое", "Черёмушки", "Первомайское", "Кирово",
            "Новоселье", "Ясное", "Широкое", "Боровое", "Талое", "Заозёрное", "Пихтовка", "Гаровка"]  # fmt: skip
STREETS = ["Ленина", "Мира", "Школьная", "Советская", "Молодёжная", "Садовая", "Строителей", "Набережная",
           "Пионерская", "Комсомольская", "Центральная", "Лесная", "Гагарина", "Октябрьская", "Зелёная"]  # fmt: skip
KINDERGARTENS = ["Солнышко", "Ромашка", "Колокольчик", "Берёзка", "Теремок", "Сказка", "Радуга", "Золотой ключик",
                 "Журавушка", "Светлячок", "Алёнушка", "Ладушки", "Родничок", "Улыбка"]  # fmt: skip
UDO = [
    ("Дом детского творчества", "ДДТ"),
    ("Центр детского творчества", "ЦДТ"),
    ("Детско-юношеская спортивная школа", "ДЮСШ"),
    ("Станция юных техников", "СЮТ"),
    ("Центр внешкольной работы", "ЦВР"),
    ("Детская школа искусств", "ДШИ"),
]
SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков",
            "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов"]  # fmt: skip
WOMEN = ["Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Людмила", "Анна", "Галина"]
MEN = ["Сергей", "Александр", "Андрей", "Владимир", "Николай", "Алексей", "Дмитрий", "Игорь"]
FATHERS = ["Петров", "Сергеев", "Иванов", "Николаев", "Александров", "Викторов", "Михайлов", "Юрьев"]
GOALS = ["функциональной грамотности", "читательской грамотности", "математической грамотности",
         "инженерного мышления", "цифровых компетенций", "гражданской идентичности", "навыков проектной деятельности",
         "естественно-научной грамотности", "финансовой грамотности", "экологической культуры",
         "познавательной активности", "коммуникативных навыков", "исследовательских умений"]  # fmt: skip
LEARNERS = ["обучающихся", "младших школьников", "подростков", "старшеклассников", "дошкольников",
            "обучающихся с ОВЗ", "детей старшего дошкольного возраста"]  # fmt: skip
MEANS = ["проектную деятельность", "сетевое взаимодействие", "наставничество", "цифровую образовательную среду",
         "внеурочную деятельность", "технологию формирующего оценивания", "образовательную робототехнику",
         "интеграцию общего и дополнительного образования", "игровые технологии", "школьный театр",
         "краеведение", "технологию смешанного обучения"]  # fmt: skip
CONDITIONS = ["сельской малокомплектной школы", "инклюзивного образования", "реализации обновлённых ФГОС",
              "сетевой формы реализации программ", "цифровой трансформации образования", "центра «Точка роста»"]  # fmt: skip
MODELS = ["Модель наставничества «педагог — педагог»", "Модель ранней профориентации",
          "Модель методического сопровождения молодых педагогов", "Модель школьного медиацентра",
          "Модель детско-взрослой образовательной общности", "Модель управления качеством образования"]  # fmt: skip
RESULTS = ["повышения качества образования", "профессионального роста педагогов",
           "социализации обучающихся", "развития кадрового потенциала", "успешности каждого ребёнка"]  # fmt: skip
ORDER_TITLES = [
    "О присвоении статуса структурных единиц инновационной инфраструктуры муниципальной системы образования "
    "(по итогам конкурса {year} года)",
    "Об утверждении перечня муниципальных инновационных площадок на {year}/{next} учебный год",
    "О присвоении статуса муниципальной инновационной площадки",
    "Об итогах экспертизы инновационных проектов образовательных организаций в {year} году",
]
# Mostly active, the rest as a registry a few years old has them.
STATES = [SiteState.ACTIVE] * 14 + [SiteState.SUSPENDED] * 2 + [SiteState.COMPLETED] * 3 + [SiteState.REVOKED]


@dataclass
class Synthetic:
    rng: random.Random
    sizes: dict
    region: Region | None = None
    municipalities: list[Municipality] = field(default_factory=list)
    centres: dict[int, tuple[float, float]] = field(default_factory=dict)
    authorities: dict[int, Organization] = field(default_factory=dict)
    organizations: list[Organization] = field(default_factory=list)
    by_municipality: dict[int, list[Organization]] = field(default_factory=dict)
    orders: dict[int, list[Order]] = field(default_factory=dict)
    sites: list[Site] = field(default_factory=list)
    spread: float = 1.0  # how many times each side of the box is as long (√ of the scale's factor)


@transaction.atomic
def generate(scale: str = "small", seed: int = 1, replace: bool = False) -> dict[str, int]:
    sizes = scaled(SCALES, scale)  # ValueError with the message the command shows
    if replace:
        delete_synthetic()
    elif Region.objects.filter(name=REGION_NAME).exists():
        raise ValueError("Синтетический регион уже есть: чтобы построить его заново, добавьте --replace.")
    install_catalogue()
    ctx = Synthetic(rng=random.Random(seed), sizes=sizes, spread=math.sqrt(factor(parse(scale))))
    _municipalities(ctx)
    _organizations(ctx)
    _orders(ctx)
    _sites(ctx)
    return {
        "муниципалитетов": len(ctx.municipalities),
        "организаций": len(ctx.organizations),
        "приказов": sum(len(orders) for orders in ctx.orders.values()),
        "площадок": len(ctx.sites),
    }


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


def _person(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return f"{rng.choice(SURNAMES)}а {rng.choice(WOMEN)} {rng.choice(FATHERS)}на"
    return f"{rng.choice(SURNAMES)} {rng.choice(MEN)} {rng.choice(FATHERS)}ич"


def _municipalities(ctx: Synthetic) -> None:
    rng = ctx.rng
    ctx.region = Region.objects.create(name=REGION_NAME, code="99")
    names = [form.format(adj=adj, town=town) for form in MUNICIPALITY_FORMS for adj, town in PLACES]
    count = ctx.sizes["municipalities"]
    rows = []
    for i in range(count):
        name = names[i % len(names)] + (f" № {i // len(names) + 1}" if i >= len(names) else "")
        rows.append(Municipality(region=ctx.region, name=name, short_name=name.split()[0]))
    ctx.municipalities = Municipality.objects.bulk_create(rows, batch_size=BATCH)
    for m in ctx.municipalities:
        ctx.centres[m.pk] = (
            rng.uniform(*_widened(LATITUDES, ctx.spread)),
            rng.uniform(*_widened(LONGITUDES, ctx.spread)),
        )


def _widened(span: tuple[float, float], times: float) -> tuple[float, float]:
    middle, half = (span[0] + span[1]) / 2, (span[1] - span[0]) / 2 * times
    return middle - half, middle + half


def _town(m: Municipality) -> str:
    for adj, town in PLACES:
        if m.name.startswith(adj) or f"«Город {town}»" in m.name:
            return town
    return m.name


def _organization_search_text(org: Organization) -> str:
    # Mirrors Organization.save(), which bulk_create bypasses; tests compare the two.
    return normalize(" ".join([org.full_name, org.short_name, org.address, org.inn, org.head_name]))


def _order_search_text(order: Order) -> str:
    # Mirrors Order.save(), which bulk_create bypasses; tests compare the two.
    return normalize(f"{order.number} {order.title} {order.issuer_name}")


def _organizations(ctx: Synthetic) -> None:
    rng = ctx.rng
    total = ctx.sizes["organizations"]
    municipalities = ctx.municipalities
    rows: list[tuple[Municipality, OrganizationType, str, str, str]] = []
    for m in municipalities:
        rows.append(
            (
                m,
                OrganizationType.AUTHORITY,
                f"Управление образования администрации муниципального образования «{m.name}»",
                f"УО {m.short_name}",
                _town(m),
            )
        )
    counters: dict[tuple[int, str], int] = {}
    for i in range(total - len(rows)):
        m = municipalities[i % len(municipalities)]
        town = _town(m)
        place = town if rng.random() < 0.6 else f"с. {rng.choice(VILLAGES)}"
        roll = rng.random()
        key = (m.pk, "school" if roll < 0.55 else "doo" if roll < 0.85 else "udo")
        n = counters[key] = counters.get(key, 0) + 1
        if key[1] == "school":
            variant = rng.random()
            if variant < 0.1:
                full = f"Муниципальное бюджетное общеобразовательное учреждение «Гимназия № {n}» ({place})"
                short = f"МБОУ «Гимназия № {n}»"
            elif variant < 0.2:
                full = f"Муниципальное бюджетное общеобразовательное учреждение «Лицей № {n}» ({place})"
                short = f"МБОУ «Лицей № {n}»"
            elif place.startswith("с. ") and variant < 0.45:
                full = (
                    f"Муниципальное бюджетное общеобразовательное учреждение основная общеобразовательная школа {place}"
                )
                short = f"МБОУ ООШ {place}"
            else:
                full = f"Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № {n}"
                short = f"МБОУ СОШ № {n}"
                if place.startswith("с. "):
                    full, short = f"{full} {place}", f"{short} {place}"
            rows.append((m, OrganizationType.SCHOOL, full, short, place))
        elif key[1] == "doo":
            name = rng.choice(KINDERGARTENS)
            full = f"Муниципальное бюджетное дошкольное образовательное учреждение детский сад № {n} «{name}»"
            rows.append((m, OrganizationType.DOO, full, f"МБДОУ д/с № {n} «{name}»", place))
        else:
            name, abbr = rng.choice(UDO)
            full = f"Муниципальное бюджетное учреждение дополнительного образования «{name}» № {n}"
            rows.append((m, OrganizationType.UDO, full, f"МБУ ДО {abbr} № {n}", town))
    orgs = []
    for i, (m, type_, full, short, place) in enumerate(rows):
        lat, lon = ctx.centres[m.pk]
        org = Organization(
            full_name=full,
            short_name=short,
            type=type_,
            municipality=m,
            inn=f"99{i + 1:08d}",
            address=f"{680000 + rng.randint(1, 999)}, {place}, ул. {rng.choice(STREETS)}, д. {rng.randint(1, 120)}",
            latitude=round(lat + rng.gauss(0, 0.12), 6),
            longitude=round(lon + rng.gauss(0, 0.18), 6),
            head_name=_person(rng),
            head_position="Начальник управления" if type_ == OrganizationType.AUTHORITY else "Директор",
            phone=f"+7 (4212) {rng.randint(20, 79)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            email=f"org{i + 1}@edu.example.ru",
        )
        org.search_text = _organization_search_text(org)
        orgs.append(org)
    ctx.organizations = Organization.objects.bulk_create(orgs, batch_size=BATCH)
    for org in ctx.organizations:
        if org.type == OrganizationType.AUTHORITY:
            ctx.authorities[org.municipality_id] = org
        else:
            ctx.by_municipality.setdefault(org.municipality_id, []).append(org)


def _orders(ctx: Synthetic) -> None:
    rng = ctx.rng
    rows = []
    per_municipality: dict[int, int] = {}
    for i in range(ctx.sizes["orders"]):
        m = ctx.municipalities[i % len(ctx.municipalities)]
        year = rng.randint(TODAY.year - 5, TODAY.year)
        date = dt.date(year, rng.choice([4, 5, 6, 8]), rng.randint(1, 28))
        if date > TODAY:
            year, date = year - 1, date.replace(year=year - 1)
        issuer = ctx.authorities[m.pk]
        per_municipality[m.pk] = per_municipality.get(m.pk, 0) + 1
        # A territory numbers its orders in one series: the running count keeps (territory, date, number) unique.
        order = Order(
            number=f"{rng.randint(10, 400)}/{per_municipality[m.pk]}-Д",
            date=date,
            title=rng.choice(ORDER_TITLES).format(year=year, next=year + 1),
            issuer=issuer,
            issuer_name=issuer.full_name,
            municipality=m,
        )
        order.search_text = _order_search_text(order)
        order.number_key = order_number_key(order.number)  # bulk_create skips save(), which fills it
        rows.append(order)
    for order in Order.objects.bulk_create(rows, batch_size=BATCH):
        ctx.orders.setdefault(order.municipality_id, []).append(order)


def _theme(rng: random.Random) -> str:
    template = rng.random()
    if template < 0.45:
        return f"Формирование {rng.choice(GOALS)} {rng.choice(LEARNERS)} через {rng.choice(MEANS)}"
    if template < 0.7:
        return f"Развитие {rng.choice(GOALS)} {rng.choice(LEARNERS)} в условиях {rng.choice(CONDITIONS)}"
    if template < 0.9:
        return f"{rng.choice(MODELS)} как условие {rng.choice(RESULTS)}"
    return f"Сетевое взаимодействие образовательных организаций как ресурс {rng.choice(RESULTS)}"


def _sites(ctx: Synthetic) -> None:
    rng = ctx.rng
    kinds = list(SiteKind.objects.filter(is_active=True))
    directions = list(Direction.objects.all())
    with_orders = [m for m in ctx.municipalities if ctx.orders.get(m.pk)]
    rows = []
    for _ in range(ctx.sizes["sites"]):
        m = rng.choice(with_orders)
        order = rng.choice(ctx.orders[m.pk])
        kind = rng.choice(kinds)
        start = order.date
        end = dt.date(start.year + rng.choice([3, 3, 4, 5]), 6, 30)
        state = rng.choice(STATES)
        if end < TODAY and state == SiteState.ACTIVE and rng.random() < 0.7:
            state = SiteState.COMPLETED
        site = Site(
            kind=kind,
            theme=_theme(rng),
            lead_organization=rng.choice(ctx.by_municipality[m.pk]),
            order=order,
            start_date=start,
            end_date=end,
            state=state,
            supervisor=f"{rng.choice(SURNAMES)}а {rng.choice('АВГЕИЛНОТ')}. {rng.choice('АВГЕИНПС')}., канд. пед. наук"
            if rng.random() < 0.3
            else "",
            curator_name=_person(rng) if rng.random() < 0.5 else "",
            description="Проект направлен на создание условий для " + rng.choice(RESULTS) + ".",
        )
        rows.append(site)
    ctx.sites = Site.objects.bulk_create(rows, batch_size=BATCH)

    participants, changes, site_directions = [], [], []
    through = Site.directions.through
    for site in ctx.sites:
        participants.append(SiteParticipant(site=site, organization=site.lead_organization, role=ParticipantRole.LEAD))
        if site.kind.is_network:
            neighbours = [
                o
                for o in ctx.by_municipality[site.lead_organization.municipality_id]
                if o is not site.lead_organization
            ]
            for org in rng.sample(neighbours, min(len(neighbours), rng.randint(2, 5))):
                participants.append(SiteParticipant(site=site, organization=org))
        changes.append(
            SiteStateChange(
                site=site,
                from_state="",
                to_state=SiteState.ACTIVE,
                date=site.order.date,
                order=site.order,
                comment=f"Статус присвоен приказом от {site.order.date:%d.%m.%Y} № {site.order.number}",
            )
        )
        if site.state != SiteState.ACTIVE:
            changes.append(_leaving_active(ctx, site))
        for direction in rng.sample(directions, rng.randint(1, 3)):
            site_directions.append(through(site=site, direction=direction))
    SiteParticipant.objects.bulk_create(participants, batch_size=BATCH)
    SiteStateChange.objects.bulk_create(changes, batch_size=BATCH)
    through.objects.bulk_create(site_directions, batch_size=BATCH)

    # The site's own method builds search_text from participants and directions; with them prefetched
    # it costs one UPDATE per site.
    for site in (
        Site.objects.filter(pk__in=[s.pk for s in ctx.sites])
        .select_related("kind")
        .prefetch_related("organizations", "directions")
    ):
        site.refresh_search_text()


def _leaving_active(ctx: Synthetic, site: Site) -> SiteStateChange:
    """The second state row of a site that is no longer active; never dated in the future."""
    rng = ctx.rng
    if site.state == SiteState.SUSPENDED:
        date = min(site.start_date + dt.timedelta(days=rng.randint(200, 600)), TODAY)
        return SiteStateChange(
            site=site,
            from_state=SiteState.ACTIVE,
            to_state=site.state,
            date=max(date, site.start_date),
            comment="Отчёт о ходе реализации проекта не представлен в срок",
        )
    if site.state == SiteState.COMPLETED:
        date = min(site.end_date, TODAY)
    else:
        date = min(site.start_date + dt.timedelta(days=rng.randint(300, 700)), TODAY)
    # The closing order is the first one of the municipality issued on or after that date, if any.
    later = [o for o in ctx.orders[site.order.municipality_id] if o.date >= date]
    order = min(later, key=lambda o: o.date) if later else site.order
    return SiteStateChange(
        site=site,
        from_state=SiteState.ACTIVE,
        to_state=site.state,
        date=max(date, order.date),
        order=order,
        comment="Проект завершён" if site.state == SiteState.COMPLETED else "Статус прекращён по итогам мониторинга",
    )
