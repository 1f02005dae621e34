"""Demo mentoring in the Amursky district: the gymnasium № 8 mentors school № 5 in functional literacy and
kindergarten № 10 mentors kindergarten № 15, both with meetings held; school № 1 (the demo `orgadmin`) and the
Elban school wait for a mentor, and a deputy head of the gymnasium and a Vyselki school offer to mentor.
The demo mails nobody. Idempotent: a request with the same topic and organization, an offer of the same mentor
with the same topics are left alone."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.mentoring import notices, services
from innoinfra.mentoring.enums import MeetingFormat
from innoinfra.mentoring.models import MentoringRequest, MentorOffer
from innoinfra.reference.models import Direction

# key, mentor organization key or "user:<username>", directions, topics, capacity, contact
OFFERS = [
    (
        "gym8",
        "amur-gym8",
        ["Функциональная грамотность", "Работа с одарёнными детьми"],
        "Муниципальная инновационная площадка по функциональной грамотности (2021–2024): банк заданий, "
        "сетевые пробы, открытые уроки. Поможем выстроить систему формирования и оценки функциональной "
        "грамотности в основной школе.",
        2,
        "Заместитель директора по УВР, тел. 8 (42142) 2-45-18",
    ),
    (
        "sergeeva",
        "user:expert2",
        ["Цифровая образовательная среда"],
        "Электронный журнал и ЦОС в учебном процессе, смешанное обучение, цифровое портфолио ученика. "
        "Консультации, посещение уроков, стажировка на базе гимназии.",
        2,
        "expert2@example.org",
    ),
    (
        "ds10",
        "amur-ds10",
        ["Дошкольное образование"],
        "Опыт инновационной площадки «Детский сад — территория развития»: развивающая предметно-пространственная "
        "среда, ранняя профориентация дошкольников, работа с семьями.",
        1,
        "Заведующий, тел. 8 (42142) 2-13-40",
    ),
    (
        "vys-sosh1",
        "vys-sosh1",
        ["Воспитание и социализация"],
        "Программа воспитания с казачьим компонентом, школьный музей, ученическое самоуправление. "
        "Делимся опытом дистанционно: вебинары и консультации.",
        1,
        "Директор, тел. 8 (86157) 7-31-12",
    ),
]

# organization key, topic, directions, needs, contact, offer key of its pair (or ""), meetings [(days ago, format,
# summary, outcomes)]
REQUESTS = [
    (
        "amur-sosh5",
        "Система формирования функциональной грамотности в 5–9 классах",
        ["Функциональная грамотность"],
        "Школа включена в региональный проект, педагоги прошли курсы, но задания используются эпизодически. "
        "Нужна помощь в построении системы: планирование, банк заданий, внутренняя оценка.",
        "Заместитель директора по УВР Павлова Е. В.",
        "gym8",
        [
            (
                40,
                MeetingFormat.IN_PERSON,
                "Установочная встреча: разобрали результаты диагностики, составили план на полугодие.",
                "Школа формирует рабочую группу из 5 педагогов.",
            ),
            (
                18,
                MeetingFormat.VISIT,
                "Рабочая группа школы посетила три открытых урока в гимназии, обсудили приёмы работы с текстом.",
                "К следующей встрече — по два урока с заданиями на читательскую грамотность.",
            ),
        ],
    ),
    (
        "amur-ds15",
        "Развивающая предметно-пространственная среда групп",
        ["Дошкольное образование"],
        "Переоборудуем группы по ФОП ДО, нужен опыт зонирования и подбора материалов при небольшом бюджете.",
        "Старший воспитатель",
        "ds10",
        [
            (
                25,
                MeetingFormat.VISIT,
                "Экскурсия по группам детского сада № 10, разбор решений для центров активности.",
                "Подготовить проект зонирования двух групп.",
            ),
        ],
    ),
    (
        "amur-sosh1",
        "Цифровая образовательная среда: смешанное обучение",
        ["Цифровая образовательная среда"],
        "Хотим перевести часть уроков в 7–8 классах в модель «перевёрнутый класс». Нужны консультации "
        "по организации и оцениванию, примеры уроков.",
        "Иванова И. С., директор",
        "",
        [],
    ),
    (
        "amur-elban",
        "Программа воспитания и ученическое самоуправление",
        ["Воспитание и социализация"],
        "Обновляем программу воспитания сельской школы, хотим запустить совет обучающихся. Нужен опыт школ, "
        "у которых это получилось.",
        "Заместитель директора по ВР",
        "",
        [],
    ),
]
PAIR_STARTED_DAYS_AGO = 60


@contextmanager
def _no_emails():
    original = notices.pair_formed
    notices.pair_formed = lambda pair: None
    try:
        yield
    finally:
        notices.pair_formed = original


def _directions(names: list[str]) -> list[Direction]:
    return list(Direction.objects.filter(name__in=names))


def _offer(orgs: dict, mentor: str, directions, topics: str, capacity: int, contact: str, by) -> MentorOffer | None:
    if mentor.startswith("user:"):
        user = User.objects.filter(username=mentor.removeprefix("user:")).select_related("organization").first()
        if user is None:
            return None
        found = MentorOffer.objects.filter(mentor_user=user, topics=topics).first()
        kind = {"mentor_user": user}
    else:
        found = MentorOffer.objects.filter(mentor_organization=orgs[mentor], topics=topics).first()
        kind = {"mentor_organization": orgs[mentor]}
    if found is not None:
        return found
    return services.create_offer(
        by=by, topics=topics, directions=_directions(directions), capacity=capacity, contact=contact, **kind
    )


def load(registry: dict) -> None:
    orgs = registry["organizations"]
    methodist = User.objects.filter(username="methodist").first()
    today = timezone.localdate()
    with _no_emails():
        offers = {}
        for key, mentor, directions, topics, capacity, contact in OFFERS:
            offers[key] = _offer(orgs, mentor, directions, topics, capacity, contact, methodist)
        for org_key, topic, directions, needs, contact, offer_key, meetings in REQUESTS:
            organization = orgs[org_key]
            if MentoringRequest.objects.filter(organization=organization, topic=topic).exists():
                continue
            request = services.create_request(
                by=methodist,
                organization=organization,
                topic=topic,
                needs=needs,
                directions=_directions(directions),
                contact=contact,
            )
            offer = offers.get(offer_key)
            if offer is None:
                continue
            pair = services.match(
                request,
                offer,
                by=methodist,
                plan="Согласовать план работы на полугодие, провести встречи раз в месяц, к концу учебного года "
                "представить результаты на муниципальном методическом объединении.",
                started_on=today - dt.timedelta(days=PAIR_STARTED_DAYS_AGO),
            )
            for days_ago, format_, summary, outcomes in meetings:
                services.record_meeting(
                    pair,
                    by=methodist,
                    date=today - dt.timedelta(days=days_ago),
                    format=format_,
                    summary=summary,
                    outcomes=outcomes,
                )
