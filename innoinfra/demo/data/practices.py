"""Demo practices built from a few templates and word lists: 40+ published, several drafts, one submitted, one
under expertise with the demo expert assigned, and one published practice in its second edition with the expert
conclusion of a real expertise.

Idempotent: a practice whose title is already in the bank is left alone. Each goes through the services, so it gets
a registry number and a history like a real one. The bulk of the bank is entered as examined before the system (the
paper archive): the expertise through the review engine is shown on the two practices that need it."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.practices import services
from innoinfra.practices.enums import EducationLevel, PracticeKind, PracticeState
from innoinfra.practices.models import Practice, PracticeVersion
from innoinfra.reference.enums import CycleStage
from innoinfra.reference.models import Direction
from innoinfra.review import services as review_services

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
        # published practices have been tried at least somewhere: from approbation to replication, a few ideas
        cycle_stage=DEMO_STAGES[number % len(DEMO_STAGES)],
    )


# a spread over the cycle for the catalogue's filter; most of the bank is «внедрение» and «апробация»
DEMO_STAGES = [
    CycleStage.IMPLEMENTATION,
    CycleStage.APPROBATION,
    CycleStage.REPLICATION,
    CycleStage.IMPLEMENTATION,
    CycleStage.DEVELOPMENT,
    CycleStage.APPROBATION,
    CycleStage.IDEA,
]


def load(registry: dict) -> None:
    schools = [org for key, org in sorted(registry["organizations"].items()) if not key.endswith(("-uo", "-rmc"))]
    directions = list(Direction.objects.order_by("id"))
    teacher = User.objects.filter(username="teacher").first()
    moderator = User.objects.filter(username="moderator").first()
    teachers_school = registry["organizations"].get("amur-sosh1")
    combos = list(itertools.product(THEMES, TEMPLATES))  # 50 distinct titles
    today = timezone.localdate()
    for number, (theme, template) in enumerate(combos):
        organization = schools[number % len(schools)]
        if number == 44 and teachers_school is not None:  # the one under expertise: Amursky's experts examine it
            organization = teachers_school
        fields = _fields(number, theme, template, organization)
        if Practice.objects.filter(title=fields["title"]).exists():
            continue
        chosen = [directions[(number + shift) % len(directions)] for shift in (0, 3)] if directions else []
        author = teacher if teacher and fields["organization"] == teacher.organization else None
        practice = services.create_practice(by=author, directions=chosen, **fields)
        if number >= 44:  # the last few stay drafts, one waits for the moderator, one is under expertise
            if number in (44, 45):
                services.submit(practice, by=author)
            if number == 44:
                _under_expertise(practice, moderator)
            continue
        services.submit(practice, by=author)
        services.register_examined(practice)
        # spread the publications over the year, and give the catalogue something to sort by views
        published = timezone.make_aware(
            dt.datetime.combine(
                max(today - dt.timedelta(days=(number * 7) % 300), today.replace(month=1, day=1)), dt.time(10)
            )
        )
        Practice.objects.filter(pk=practice.pk).update(
            published_at=published, views=(number * 37) % 250, state=PracticeState.PUBLISHED
        )
        PracticeVersion.objects.filter(practice=practice).update(published_at=published)
    if teachers_school is not None:
        _second_edition(teachers_school, moderator)


def _under_expertise(practice: Practice, moderator) -> None:
    """Sent to expertise by the moderator; the demo expert (expert1) is assigned and has not scored yet."""
    services.send_to_expertise(practice, by=moderator)
    expert = User.objects.filter(username="expert1").first()
    if expert is not None:
        review_services.assign(practice.expertise, expert, by=User.objects.filter(username="methodist").first())


NEW_RESULTS = (
    "За три года доля обучающихся, успешно выполняющих задания по теме, выросла на 21 %; практику переняли "
    "ещё четыре школы района, по её материалам проведён краевой вебинар."
)
CONCLUSIONS = {
    "expert1": (
        [2, 2, 2, 2, 1],
        "support",
        "Практика актуальна и результативна, эффекты подтверждены данными мониторинга за три года. "
        "Рекомендуется дополнить приложения примерами заданий для 5–6 классов.",
    ),
    "expert2": (
        [2, 1, 2, 2, 2],
        "support",
        "Опыт готов к переносу в другие школы: описаны условия, этапы и ресурсы. "
        "Новизна — в сочетании сетевой формы и общей диагностики.",
    ),
}


def _second_edition(school, moderator) -> None:
    """A published practice of the teacher's school revised by its authors: edition 2 passed a real expertise."""
    if PracticeVersion.objects.filter(number__gte=2).exists():
        return
    practice = (
        Practice.objects.filter(organization=school, state=PracticeState.PUBLISHED, revision_of__isnull=True)
        .order_by("id")
        .first()
    )
    experts = list(User.objects.filter(username__in=CONCLUSIONS).order_by("username"))
    if practice is None or len(experts) < len(CONCLUSIONS):
        return
    author = practice.created_by
    revision = services.start_revision(practice, by=author)
    services.update_practice(revision, by=author, results=NEW_RESULTS)
    services.submit(revision, by=author)
    services.send_to_expertise(revision, by=moderator)
    criteria = list(revision.expertise.call.rubric.criteria.order_by("position"))
    methodist = User.objects.filter(username="methodist").first()
    # all assigned first: the expertise is complete when every assigned expert has sent a review
    assignments = [review_services.assign(revision.expertise, expert, by=methodist) for expert in experts]
    for expert, assignment in zip(experts, assignments, strict=True):
        values, recommendation, conclusion = CONCLUSIONS[expert.username]
        review_services.save_review(
            assignment,
            by=expert,
            scores={c.pk: (value, "") for c, value in zip(criteria, values, strict=True)},
            conclusion=conclusion,
            recommendation=recommendation,
            submit=True,
        )
    revision.refresh_from_db()
    services.publish(revision, by=moderator)
