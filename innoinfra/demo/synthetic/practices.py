"""Practices of the synthetic region, for benchmarks (`generate_synthetic`).

At region scale: 20 000 products of innovative practice by the region's schools, kindergartens and centres — mostly
published over the last four years, some still drafts, on moderation or returned. Their texts are put together from
word lists and sentence templates on the themes of innovation in education, with the word forms of live Russian
(площадка, площадки, площадках …) so that the search has stems to match. Bulk inserts throughout; the global search
index is rebuilt by the command afterwards.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from innoinfra.demo.synthetic.registry import FATHERS, LEARNERS, MEN, SURNAMES, WOMEN
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.practices.enums import EducationLevel, Licence, PracticeKind, PracticeState
from innoinfra.practices.models import Practice
from innoinfra.practices.subjects import SUBJECTS
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Direction, Organization
from innoinfra.registry.models import Site

SCALES = {"small": {"practices": 400}, "region": {"practices": 20000}}
BATCH = 1000
# Synthetic numbers have a prefix of their own, out of the way of the bank's «БД-2026-0001».
NUMBER_PREFIX = "СБД"
PS = PracticeState
STATES = [(PS.PUBLISHED, 86), (PS.DRAFT, 6), (PS.SUBMITTED, 4), (PS.RETURNED, 2), (PS.WITHDRAWN, 1), (PS.REJECTED, 1)]
KINDS = [(PracticeKind.METHODICAL, 30), (PracticeKind.PROGRAM, 22), (PracticeKind.SCENARIO, 20),
         (PracticeKind.TECHNOLOGY, 10), (PracticeKind.MODEL, 8), (PracticeKind.COLLECTION, 6),
         (PracticeKind.OTHER, 4)]  # fmt: skip
L = EducationLevel
# theme: nominative, genitive, accusative, prepositional; its keywords; the levels it fits
THEMES = [
    ("функциональная грамотность", "функциональной грамотности", "функциональную грамотность",
     "функциональной грамотности", "функциональная грамотность, PISA, метапредметные результаты", [L.BASIC, L.PRIMARY]),
    ("читательская грамотность", "читательской грамотности", "читательскую грамотность", "читательской грамотности",
     "смысловое чтение, читательская грамотность, работа с текстом", [L.PRIMARY, L.BASIC]),
    ("математическая грамотность", "математической грамотности", "математическую грамотность",
     "математической грамотности", "математика, практико-ориентированные задачи", [L.BASIC, L.SECONDARY]),
    ("естественно-научная грамотность", "естественно-научной грамотности", "естественно-научную грамотность",
     "естественно-научной грамотности", "естествознание, эксперимент, лаборатория", [L.BASIC, L.SECONDARY]),
    ("финансовая грамотность", "финансовой грамотности", "финансовую грамотность", "финансовой грамотности",
     "финансовая грамотность, экономика, семейный бюджет", [L.BASIC, L.SECONDARY, L.CHILDREN]),
    ("проектная деятельность", "проектной деятельности", "проектную деятельность", "проектной деятельности",
     "проект, индивидуальный проект, исследование", [L.BASIC, L.SECONDARY, L.CHILDREN]),
    ("исследовательская деятельность", "исследовательской деятельности", "исследовательскую деятельность",
     "исследовательской деятельности", "исследование, научное общество учащихся", [L.BASIC, L.SECONDARY]),
    ("цифровая образовательная среда", "цифровой образовательной среды", "цифровую образовательную среду",
     "цифровой образовательной среде", "ЦОС, цифровые ресурсы, электронное обучение", [L.BASIC, L.SECONDARY, L.PRIMARY]),
    ("смешанное обучение", "смешанного обучения", "смешанное обучение", "смешанном обучении",
     "смешанное обучение, перевёрнутый класс, ротация станций", [L.BASIC, L.SECONDARY]),
    ("наставничество", "наставничества", "наставничество", "наставничестве",
     "наставничество, молодые педагоги, целевая модель", [L.BASIC, L.PROFESSIONAL, L.VOCATIONAL]),
    ("инклюзивное образование", "инклюзивного образования", "инклюзивное образование", "инклюзивном образовании",
     "инклюзия, ОВЗ, адаптированная программа, тьютор", [L.PRESCHOOL, L.PRIMARY, L.BASIC]),
    ("STEM-образование", "STEM-образования", "STEM-образование", "STEM-образовании",
     "STEM, робототехника, инженерное мышление", [L.BASIC, L.CHILDREN, L.PRESCHOOL]),
    ("образовательная робототехника", "образовательной робототехники", "образовательную робототехнику",
     "образовательной робототехнике", "робототехника, конструирование, программирование", [L.CHILDREN, L.BASIC]),
    ("профориентация", "профориентации", "профориентацию", "профориентации",
     "профориентация, профессиональные пробы, билет в будущее", [L.BASIC, L.SECONDARY, L.VOCATIONAL]),
    ("здоровьесбережение", "здоровьесбережения", "здоровьесбережение", "здоровьесбережении",
     "здоровьесберегающие технологии, здоровый образ жизни", [L.PRESCHOOL, L.PRIMARY, L.BASIC]),
    ("дошкольное образование", "дошкольного образования", "дошкольное образование", "дошкольном образовании",
     "дошкольники, ФОП ДО, развивающая среда", [L.PRESCHOOL]),
    ("ранняя профориентация дошкольников", "ранней профориентации дошкольников",
     "раннюю профориентацию дошкольников", "ранней профориентации дошкольников",
     "дошкольники, мир профессий, сюжетно-ролевая игра", [L.PRESCHOOL]),
    ("патриотическое воспитание", "патриотического воспитания", "патриотическое воспитание",
     "патриотическом воспитании", "воспитание, Движение первых, краеведение", [L.PRIMARY, L.BASIC, L.CHILDREN]),
    ("формирующее оценивание", "формирующего оценивания", "формирующее оценивание", "формирующем оценивании",
     "оценивание, критерии, обратная связь", [L.PRIMARY, L.BASIC]),
    ("сетевое взаимодействие", "сетевого взаимодействия", "сетевое взаимодействие", "сетевом взаимодействии",
     "сетевая форма, партнёрство, кооперация", [L.BASIC, L.CHILDREN, L.VOCATIONAL]),
    ("школьный театр", "школьного театра", "школьный театр", "школьном театре",
     "театральная педагогика, внеурочная деятельность", [L.PRIMARY, L.BASIC, L.CHILDREN]),
    ("экологическое воспитание", "экологического воспитания", "экологическое воспитание", "экологическом воспитании",
     "экология, экологическая тропа, природа края", [L.PRESCHOOL, L.PRIMARY, L.CHILDREN]),
    ("управление качеством образования", "управления качеством образования", "управление качеством образования",
     "управлении качеством образования", "ВСОКО, мониторинг, управленческие решения", [L.BASIC, L.SECONDARY]),
    ("методическое сопровождение педагогов", "методического сопровождения педагогов",
     "методическое сопровождение педагогов", "методическом сопровождении педагогов",
     "методическая служба, повышение квалификации", [L.PROFESSIONAL]),
]  # fmt: skip
# the way a practice goes about its theme, in the accusative (через …) and the instrumental (с …)
MEANS = [("игровые технологии", "игровыми технологиями"), ("кейс-метод", "кейс-методом"),
         ("образовательные события", "образовательными событиями"), ("цифровые сервисы", "цифровыми сервисами"),
         ("интегрированные уроки", "интегрированными уроками"), ("квесты", "квестами"),
         ("сетевые проекты", "сетевыми проектами"), ("лабораторные практикумы", "лабораторными практикумами"),
         ("музейную педагогику", "музейной педагогикой"), ("дебаты", "дебатами"),
         ("технологию развития критического мышления", "технологией развития критического мышления"),
         ("ресурсы центра «Точка роста»", "ресурсами центра «Точка роста»"),
         ("детско-взрослые проекты", "детско-взрослыми проектами"), ("волонтёрские практики", "волонтёрскими практиками")]  # fmt: skip
POSITIONS = ["учитель начальных классов", "учитель математики", "учитель русского языка и литературы",
             "учитель физики", "учитель информатики", "учитель биологии", "воспитатель", "старший воспитатель",
             "педагог дополнительного образования", "педагог-психолог", "учитель-логопед", "тьютор",
             "заместитель директора по УВР", "методист", "директор"]  # fmt: skip
TITLES = [
    "Формирование {gen} {learners} через {means}",
    "{Nom} как ресурс повышения качества образования",
    "Развитие {gen} {learners} в условиях инновационной площадки",
    "{Nom}: {kind} для {learners}",
    "Программа «{Nom} в современной школе»",
    "Модель {gen} на базе инновационных площадок района",
    "Практика {gen}: опыт сельской школы",
    "Сценарий занятия по теме «{Nom}»: работа с {means_inst}",
    "Система работы по формированию {gen} {learners}",
    "Инновационный проект «{Nom} без границ»",
]
SENTENCES = [
    "Практика направлена на {acc} {learners} и опирается на {means}.",
    "В материалах описан опыт инновационной площадки в области {gen} в течение {years} лет.",
    "Разработка адресована педагогам, которые внедряют {acc} в урочной и внеурочной деятельности.",
    "Авторы предлагают систему заданий, направленных на развитие {gen} {learners}.",
    "Особое внимание уделено роли педагога-наставника и командной работе учителей.",
    "Опыт апробирован на инновационных площадках {municipality} и в сетевых проектах с партнёрами.",
    "Представлены технологические карты занятий, контрольно-измерительные материалы и критерии оценивания.",
    "Работа ведётся с {means_inst} и цифровыми ресурсами образовательной организации.",
    "Практика показывает, как обновлённые ФГОС реализуются на площадке через {acc}.",
    "Занятия проводятся в малых группах, обучающиеся выполняют исследовательские и проектные задания.",
    "Содержание выстроено по модулям: диагностика, погружение, практикум и публичная защита результатов.",
    "Методические рекомендации помогут коллегам перенести опыт на другие площадки региона.",
    "Педагоги площадки делятся находками, которые позволили вовлечь родителей в образовательный процесс.",
    "На площадках сети проводятся открытые уроки, мастер-классы и стажировки в области {gen}.",
    "В основе лежит деятельностный подход и принцип индивидуализации образовательных маршрутов.",
    "Описаны условия цифровой образовательной среды, необходимые для реализации практики.",
    "Для дошкольников предусмотрены игровые ситуации, а для младших школьников — учебные исследования.",
    "Программа рассчитана на {hours} часов и реализуется в сетевой форме.",
]
RESULT_SENTENCES = [
    "Доля обучающихся, показавших высокий уровень {gen}, выросла с {a}% до {b}%.",
    "{b}% педагогов площадки освоили новые методы работы и провели открытые занятия.",
    "Обучающиеся стали победителями и призёрами муниципальных и региональных конкурсов.",
    "Практика тиражирована в {n} образовательных организациях района.",
    "Повысилась учебная мотивация и познавательная активность обучающихся.",
    "Результаты представлены на региональной конференции инновационных площадок.",
    "Родители отмечают рост самостоятельности детей и интерес к занятиям.",
]
CONDITIONS = [
    "Наличие компьютерного класса и доступа к сети Интернет.",
    "Педагоги, прошедшие повышение квалификации в области {gen}.",
    "Поддержка администрации образовательной организации и методической службы.",
    "Оборудование центра «Точка роста» или кванториума.",
    "Сетевое взаимодействие с организациями дополнительного образования.",
]
KIND_WORDS = {
    PracticeKind.METHODICAL: "методическая разработка",
    PracticeKind.PROGRAM: "образовательная программа",
    PracticeKind.SCENARIO: "сценарий занятия",
    PracticeKind.TECHNOLOGY: "педагогическая технология",
    PracticeKind.MODEL: "модель работы",
    PracticeKind.COLLECTION: "сборник материалов",
    PracticeKind.OTHER: "опыт работы",
}


def generate_practices(region_name: str, scale: str = "small", seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed * 7919 + 11)
    count = scaled(SCALES, scale)["practices"]
    organizations = list(
        Organization.objects.filter(municipality__region__name=region_name)
        .exclude(type=OrganizationType.AUTHORITY)
        .select_related("municipality")
        .only("short_name", "type", "municipality_id", "municipality__name")
        .order_by("pk")
    )
    if not organizations:
        return {"практик": 0}
    led: dict[int, list[int]] = {}
    for site_id, org_id in (
        Site.objects.filter(lead_organization__in=organizations).order_by("pk").values_list("pk", "lead_organization")
    ):
        led.setdefault(org_id, []).append(site_id)
    directions = list(Direction.objects.order_by("pk"))
    now = timezone.now()
    rows, theme_of = [], []
    numbers: dict[int, int] = {}
    # Some schools write many practices, most a few.
    weights = [rng.paretovariate(1.5) for _ in organizations]
    for _n in range(count):
        org = rng.choices(organizations, weights)[0]
        theme = rng.randrange(len(THEMES))
        state = rng.choices(*zip(*STATES, strict=True))[0]
        published_at = None
        if state in (PS.PUBLISHED, PS.WITHDRAWN):
            published_at = now - dt.timedelta(days=rng.uniform(1, 4 * 365), seconds=rng.randrange(86400))
        number = None
        if published_at is not None:
            year = published_at.year
            numbers[year] = numbers.get(year, 0) + 1
            number = f"{NUMBER_PREFIX}-{year}-{numbers[year]:05d}"
        rows.append(_practice(rng, org, theme, state, published_at, number, led.get(org.pk)))
        theme_of.append(theme)
    created = []
    for start in range(0, len(rows), BATCH):
        created += Practice.objects.bulk_create(rows[start : start + BATCH])
    links = []
    if directions:
        Through = Practice.directions.through
        for practice, theme in zip(created, theme_of, strict=True):
            # the theme decides the first direction, so that a direction facet gathers practices of a kind
            chosen = {directions[theme % len(directions)]}
            if rng.random() < 0.5:
                chosen.add(rng.choice(directions))
            links += [Through(practice_id=practice.pk, direction_id=d.pk) for d in chosen]
        Through.objects.bulk_create(links, batch_size=BATCH * 2)
    return {"практик": len(created)}


def delete_practices(region_name: str) -> None:
    ids = list(Practice.objects.filter(municipality__region__name=region_name).values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        Practice.directions.through.objects.filter(practice_id__in=chunk).delete()
        for relation in Practice._meta.related_objects:
            if relation.many_to_many or relation.related_model is Practice.directions.through:
                continue
            relation.related_model.objects.filter(**{f"{relation.field.name}__in": chunk}).delete()
        # delete() would load every row for the history app's signals; what refers to them is gone above
        Practice.objects.filter(pk__in=chunk)._raw_delete(Practice.objects.db)


def _person(rng: random.Random) -> str:
    surname, woman = rng.choice(SURNAMES), rng.random() < 0.82
    if woman:
        return f"{surname}а {rng.choice(WOMEN)} {rng.choice(FATHERS)}на"
    return f"{surname} {rng.choice(MEN)} {rng.choice(FATHERS)}ич"


def _fill(rng: random.Random, template: str, theme, kind: str, municipality: str) -> str:
    nom, gen, acc, prep, _keywords, _levels = theme
    means_acc, means_inst = rng.choice(MEANS)
    return template.format(
        Nom=nom[0].upper() + nom[1:],
        nom=nom,
        gen=gen,
        acc=acc,
        prep=prep,
        learners=rng.choice(LEARNERS),
        means=means_acc,
        means_inst=means_inst,
        kind=KIND_WORDS[kind],
        municipality=municipality,
        years=rng.randint(2, 6),
        hours=rng.choice([18, 34, 36, 68, 72]),
        a=rng.randint(18, 45),
        b=rng.randint(50, 88),
        n=rng.randint(3, 24),
    )


def _practice(rng, org, theme_index, state, published_at, number, sites) -> Practice:
    theme = THEMES[theme_index]
    kind = rng.choices(*zip(*KINDS, strict=True))[0]
    municipality = org.municipality.name
    fill = lambda template: _fill(rng, template, theme, kind, municipality)  # noqa: E731
    authors = "\n".join(
        f"{_person(rng)}, {rng.choice(POSITIONS)}, {org.short_name}"
        for _ in range(rng.choices([1, 2, 3], [5, 3, 2])[0])
    )
    levels = [level for level in theme[5] if rng.random() < 0.8] or theme[5][:1]
    if rng.random() < 0.15:
        levels.append(rng.choice(list(EducationLevel)))
    returned = state in (PS.RETURNED, PS.REJECTED)
    return Practice(
        title=fill(rng.choice(TITLES)),
        kind=kind,
        authors=authors,
        organization=org,
        site_id=rng.choice(sites) if sites and rng.random() < 0.6 else None,
        municipality_id=org.municipality_id,
        levels=",".join(dict.fromkeys(levels)),
        subjects=", ".join(rng.sample(list(SUBJECTS), rng.randint(0, 3))),
        keywords=theme[4],
        annotation=" ".join(fill(s) for s in rng.sample(SENTENCES, 3)),
        description=" ".join(fill(s) for s in rng.sample(SENTENCES, rng.randint(3, 6))),
        results=" ".join(fill(s) for s in rng.sample(RESULT_SENTENCES, rng.randint(2, 4))),
        conditions=" ".join(fill(s) for s in rng.sample(CONDITIONS, rng.randint(1, 3))),
        licence=rng.choices(list(Licence), [60, 20, 15, 5])[0],
        state=state,
        moderator_comment="Уточните результаты: приведите данные мониторинга." if returned else "",
        registry_number=number,
        published_at=published_at,
        views=int(rng.paretovariate(1.2) * 10) if published_at else 0,
    )
