"""Publications of the demo's organizations, of the kinds the seeds name: articles and photo/video reports on the
sites of the methodological centres and in social networks, publications in the press (seed 002, «Трансляционная
деятельность»), publications about the results of innovation activity in the media (seed 000, item 26).

Titles and outlets are written for the demo. Idempotent: a publication already there (same organization and title)
is left alone."""

from __future__ import annotations

import datetime as dt

from innoinfra.accounts.models import User
from innoinfra.publications import services
from innoinfra.publications.enums import PublicationKind as K
from innoinfra.publications.enums import PublicationLevel as L
from innoinfra.publications.models import Publication
from innoinfra.registry.models import Site

D = dt.date

# organization key, kind, level, title, outlet, date, authors, site theme (or None), author's username
PUBLICATIONS = [
    (
        "amur-sosh1", K.ARTICLE, L.MUNICIPAL,
        "Проектная неделя: как функциональная грамотность выходит за стены класса",
        "Сайт МКУ РМЦ Амурского района", D(2025, 3, 18), "Петров П. А.",
        "Формирование функциональной грамотности обучающихся через проектную деятельность", "teacher",
    ),
    (
        "amur-sosh1", K.VIDEO, L.ORGANIZATION,
        "Видеоотчёт о защите школьных проектов",
        "Официальный сайт МБОУ СОШ № 1 г. Амурска", D(2025, 5, 23), "",
        "Формирование функциональной грамотности обучающихся через проектную деятельность", "orgadmin",
    ),
    (
        "amur-sosh1", K.INTERVIEW, L.MUNICIPAL,
        "Директор школы — о первом годе работы инновационной площадки",
        "Газета «Амурский труженик»", D(2025, 6, 4), "Иванова И. С.",
        "Формирование функциональной грамотности обучающихся через проектную деятельность", "orgadmin",
    ),
    (
        "amur-gym8", K.CHAPTER, L.MUNICIPAL,
        "Цифровая образовательная среда гимназии: опыт индивидуализации обучения",
        "Сборник «Образование Амурского муниципального района: инновационное развитие. Опыт работы»",
        D(2025, 8, 20), "", "Цифровая образовательная среда гимназии как условие индивидуализации обучения",
        "methodist",
    ),
    (
        "amur-rmc", K.NEWS, L.MUNICIPAL,
        "Подведены итоги муниципального конкурса инновационных проектов",
        "Сайт МКУ РМЦ Амурского района", D(2025, 4, 28), "", None, "methodist",
    ),
    (
        "amur-sosh3", K.SPEECH, L.REGIONAL,
        "Апробация программ по предмету «Труд (технология)»: первые результаты",
        "Краевая научно-практическая конференция ХК ИРО", D(2025, 2, 12), "",
        "Апробация рабочих программ по учебному предмету «Труд (технология)»", "methodist",
    ),
    (
        "vys-sosh2", K.ARTICLE, L.REGIONAL,
        "Школа проектного мышления: модель перевода школы в режим развития",
        "Сайт ГБОУ ИРО Краснодарского края", D(2024, 12, 10), "",
        "Школа проектного мышления: модель перевода образовательной организации в режим развития", None,
    ),
    (
        "vys-imc", K.ARTICLE, L.FEDERAL,
        "Межмуниципальное взаимодействие как ресурс инновационной инфраструктуры",
        "Журнал «Народное образование»", D(2024, 10, 1), "",
        "Совершенствование инновационной инфраструктуры межмуниципального взаимодействия", None,
    ),
]  # fmt: skip

URL = "https://example.org/demo/publications/{}"


def load(registry: dict) -> None:
    orgs = registry["organizations"]
    users = {user.username: user for user in User.objects.filter(username__in=["teacher", "orgadmin", "methodist"])}
    for number, (org_key, kind, level, title, outlet, date, authors, theme, username) in enumerate(PUBLICATIONS, 1):
        organization = orgs.get(org_key)
        if organization is None or Publication.objects.filter(organization=organization, title=title).exists():
            continue
        site = Site.objects.filter(theme=theme).first() if theme else None
        services.create_publication(
            by=users.get(username),
            kind=kind,
            level=level,
            title=title,
            outlet=outlet,
            published_on=date,
            authors=authors,
            url=URL.format(number),
            organization=organization,
            site=site,
        )
