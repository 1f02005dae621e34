"""Demo practices built from a few templates and word lists: 40+ published, several drafts, one submitted.

Idempotent: a practice whose title is already in the bank is left alone. Each goes through the services, so it gets
a registry number and a history like a real one."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.registry.models import Direction

from . import services
from .enums import EducationLevel, PracticeKind, PracticeState
from .models import Practice

# (theme in the nominative for titles, theme in the genitive, keywords, levels)
THEMES = [
    ("Функциональная грамотность", "функциональной грамотности", "функциональная грамотность, PISA", "basic"),
    ("Читательская грамотность", "читательской грамотности", "смысловое чтение, читательская грамотность", "primary"),
    ("Проектная деятельность", "проектной деятельности", "проектная деятельность, индивидуальный проект", "basic"),
    (
        "Цифровая образовательная среда",
        "цифровой образовательной среды",
        "ЦОС, цифровая образовательная среда, электронное обучение",
        "secondary",
    ),
    (
        "Наставничество молодых педагогов",
        "наставничества молодых педагогов",
        "наставничество, молодые педагоги",
        "professional",
    ),
    ("Инклюзивное образование", "инклюзивного образования", "инклюзия, ОВЗ, адаптированная программа", "primary"),
    ("STEM-образование", "STEM-образования", "STEM, инженерное мышление, робототехника", "children"),
    (
        "Естественно-научная грамотность",
        "естественно-научной грамотности",
        "естественно-научная грамотность, опыты",
        "basic",
    ),
    ("Ранняя профориентация", "ранней профориентации", "профориентация, билет в будущее", "preschool"),
    ("Финансовая грамотность", "финансовой грамотности", "финансовая грамотность, кейсы", "secondary"),
]

TEMPLATES = [
    (
        PracticeKind.MODEL,
        "Модель сетевого взаимодействия по развитию {gen}",
        "Модель объединяет школы и учреждения дополнительного образования района в сеть для развития {gen}: "
        "общие методические дни, обмен сценариями занятий и совместная диагностика.",
    ),
    (
        PracticeKind.PROGRAM,
        "{nom}: программа внеурочной деятельности",
        "Программа внеурочной деятельности на 34 часа: практико-ориентированные задания, работа в малых группах "
        "и защита мини-проектов, направленные на развитие {gen}.",
    ),
    (
        PracticeKind.METHODICAL,
        "Методические рекомендации: {nom} на уроках",
        "Рекомендации для учителей-предметников: как встроить задания на развитие {gen} в обычный урок, "
        "с примерами заданий и критериями оценивания.",
    ),
    (
        PracticeKind.SCENARIO,
        "Сценарий методического дня «{nom} в действии»",
        "Сценарий методического дня для педагогов района: открытые уроки, мастер-классы и рефлексивная сессия "
        "по теме {gen}.",
    ),
    (
        PracticeKind.TECHNOLOGY,
        "Технология формирующего оценивания в области {gen}",
        "Технология формирующего оценивания: чек-листы, листы самооценки и обратная связь, позволяющие "
        "отслеживать продвижение обучающихся в области {gen}.",
    ),
]

DESCRIPTION = (
    "Практика разработана и апробирована на инновационной площадке. Описаны цель, задачи, этапы внедрения, "
    "роли участников, формы работы с обучающимися и педагогами, необходимые ресурсы. Приложены примеры "
    "материалов и инструменты диагностики."
)
RESULTS = (
    "За два года доля обучающихся, успешно выполняющих задания по теме, выросла на 12–18 %; "
    "педагоги школы провели открытые занятия для коллег района; материалы включены в муниципальный сборник."
)
CONDITIONS = (
    "Практика применима в общеобразовательной организации любого типа; требуется методическое сопровождение "
    "и не менее двух обученных педагогов."
)
AUTHORS = [
    "Кузнецова Елена Викторовна, заместитель директора по УВР",
    "Смирнов Андрей Николаевич, учитель физики",
    "Волкова Ольга Сергеевна, учитель начальных классов",
    "Морозова Татьяна Ивановна, педагог-психолог",
    "Лебедев Игорь Павлович, педагог дополнительного образования",
    "Соколова Наталья Александровна, учитель русского языка и литературы",
]
SUBJECTS = ["математика, физика", "русский язык, литература", "окружающий мир", "информатика", "биология, химия"]
LEVEL_CODES = set(EducationLevel.values)


def _fields(number: int, theme, template, organization) -> dict:
    nom, gen, keywords, level = theme
    kind, title, annotation = template
    authors = [AUTHORS[number % len(AUTHORS)], AUTHORS[(number + 2) % len(AUTHORS)]]
    assert level in LEVEL_CODES
    return dict(
        title=title.format(nom=nom, gen=gen),
        kind=kind,
        authors="\n".join(f"{line}, {organization.short_name}" for line in authors),
        organization=organization,
        levels=level,
        subjects=SUBJECTS[number % len(SUBJECTS)],
        keywords=keywords,
        annotation=annotation.format(nom=nom, gen=gen),
        description=DESCRIPTION,
        results=RESULTS,
        conditions=CONDITIONS,
    )


def load(registry: dict) -> None:
    schools = [org for key, org in sorted(registry["organizations"].items()) if not key.endswith(("-uo", "-rmc"))]
    directions = list(Direction.objects.order_by("id"))
    teacher = User.objects.filter(username="teacher").first()
    combos = list(itertools.product(THEMES, TEMPLATES))  # 50 distinct titles
    today = timezone.localdate()
    for number, (theme, template) in enumerate(combos):
        fields = _fields(number, theme, template, schools[number % len(schools)])
        if Practice.objects.filter(title=fields["title"]).exists():
            continue
        chosen = [directions[(number + shift) % len(directions)] for shift in (0, 3)] if directions else []
        author = teacher if teacher and fields["organization"] == teacher.organization else None
        practice = services.create_practice(by=author, directions=chosen, **fields)
        if number >= 44:  # the last few stay drafts, one waits for the moderator
            if number == 44:
                services.submit(practice, by=author)
            continue
        services.submit(practice, by=author)
        services.publish(practice)
        # spread the publications over the year, and give the catalogue something to sort by views
        published = timezone.make_aware(
            dt.datetime.combine(
                max(today - dt.timedelta(days=(number * 7) % 300), today.replace(month=1, day=1)), dt.time(10)
            )
        )
        Practice.objects.filter(pk=practice.pk).update(
            published_at=published, views=(number * 37) % 250, state=PracticeState.PUBLISHED
        )
