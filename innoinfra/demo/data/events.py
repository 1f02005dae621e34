"""Demo events of the current academic year, drawn from the seed plans: the Amursky roadmap's seminars for
young teachers and the August conference section, the Moscow district's coordinators' seminars and
«Проектное управление» events, the Vyselki site's webinars. Past events are held with attendance recorded,
coming ones are open for registration. The demo mails nobody: its addresses are fictitious.
Idempotent: an event with the same title and organizer is left alone."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.core.dates import academic_year_of
from innoinfra.events import notices, services
from innoinfra.events.certificates import services as certificates
from innoinfra.events.courses import services as courses
from innoinfra.events.enums import AssessmentForm, AssessmentResult, Audience, RegistrationState
from innoinfra.events.enums import EventFormat as F
from innoinfra.events.models import Event, Registration
from innoinfra.plans.enums import PlanState
from innoinfra.plans.models import PlanItem
from innoinfra.registry.models import Site

# organizer key, title, format, (month, day, hour) in the academic year, hours, place or "" (online),
# capacity, audience, words of the plan item it carries out (Amursky roadmap) or ""
EVENTS = [
    (
        "amur-rmc",
        "Первые шаги к инновациям: как стать участником инновационной деятельности",
        F.SEMINAR,
        (10, 15, 14),
        2,
        "г. Амурск, пр. Строителей, 23, МКУ РМЦ, каб. 12",
        25,
        "Молодые педагоги (стаж до 3 лет)",
        "Первые шаги к инновациям",
    ),
    (
        "amur-sosh1",
        "Функциональная грамотность на уроке: мастер-класс на базе инновационной площадки",
        F.MASTER_CLASS,
        (11, 12, 15),
        2,
        "г. Амурск, пр. Мира, 14, МБОУ СОШ № 1, актовый зал",
        20,
        "Учителя начальных классов и основной школы",
        "",
    ),
    (
        "msk-imc",
        "Информационно-методический семинар для координаторов инновационной деятельности",
        F.SEMINAR,
        (9, 20, 11),
        3,
        "Санкт-Петербург, ул. Бассейная, 23, ИМЦ Московского района",
        40,
        "Координаторы инновационной деятельности ОУ района",
        "",
    ),
    (
        "vys-imc",
        "Методический вебинар «Этапы перевода школы в эффективный режим работы»",
        F.WEBINAR,
        (10, 28, 10),
        2,
        "",
        None,
        "Руководители образовательных организаций",
        "",
    ),
    (
        "amur-rmc",
        "Первые шаги к инновациям: от идеи к проекту",
        F.SEMINAR,
        (2, 18, 14),
        2,
        "г. Амурск, пр. Строителей, 23, МКУ РМЦ, каб. 12",
        25,
        "Молодые педагоги (стаж до 3 лет)",
        "Первые шаги к инновациям",
    ),
    (
        "msk-imc",
        "Проектное управление инновационной деятельностью: от идеи до продукта",
        F.COURSE,
        (2, 5, 15),
        4,
        "Санкт-Петербург, ул. Бассейная, 23, ИМЦ Московского района",
        30,
        "Координаторы инновационной деятельности, заместители руководителей ОУ",
        "",
    ),
    (
        "msk-362",
        "Круглый стол «Опыт районной опорной площадки: результаты и перспективы»",
        F.ROUND_TABLE,
        (3, 19, 15),
        2,
        "Санкт-Петербург, ГБОУ СОШ № 362",
        35,
        "Руководители и педагоги ОУ района",
        "",
    ),
    (
        "amur-gym8",
        "Осенняя школа творческих педагогов",
        F.COURSE,
        (11, 2, 10),
        6,
        "г. Амурск, МБОУ Гимназия № 8",
        30,
        "Педагоги, участники творческих групп",
        "",
    ),
    (
        "amur-sosh5",
        "Стажировка «Формирующее оценивание: от критериев к обратной связи»",
        F.INTERNSHIP,
        (10, 14, 10),
        6,
        "г. Амурск, МБОУ СОШ № 5",
        12,
        "Учителя начальных классов и основной школы",
        "",
    ),
    (
        "amur-rmc",
        "Муниципальный конкурс лучших практик инновационной деятельности: защита проектов",
        F.CONTEST,
        (4, 16, 14),
        4,
        "г. Амурск, пр. Строителей, 23, МКУ РМЦ, конференц-зал",
        60,
        "Педагоги и команды образовательных организаций",
        "конкурс на представление лучших практик",
    ),
    (
        "amur-uo",
        "Секция «Тренды современного образования» августовского совещания педагогов",
        F.CONFERENCE_SECTION,
        (8, 26, 10),
        3,
        "г. Амурск, пр. Комсомольский, 2а, Дом культуры",
        120,
        "Педагоги и руководители образовательных организаций района",
        "Тренды современного образования",
    ),
    (
        "msk-imc",
        "Вебинар «Как подготовить материалы площадки к распространению опыта»",
        F.WEBINAR,
        (5, 14, 16),
        2,
        "",
        None,
        "Инновационные, стажировочные и опорные площадки района",
        "",
    ),
    (
        "vys-imc",
        "Межмуниципальный семинар сетевого проекта «Инновационный поиск»",
        F.SEMINAR,
        (12, 10, 11),
        3,
        "Краснодарский край, ст. Выселки, ИМЦ",
        40,
        "Заместители руководителей школ",
        "",
    ),
]

# courses and internships (ДПП): title → academic hours, final assessment, days, the host site's kind (the
# organizer's site of that kind), modules (title, lecture, practice, self-study hours, day of the course or None).
# «Осенняя школа творческих педагогов» is the district's ДПП of 36 hours named in the procedure (seed 001).
COURSES = {
    "Осенняя школа творческих педагогов": (
        36,
        AssessmentForm.PROJECT,
        3,
        "",
        [
            ("Инновационная инфраструктура района: Порядок и дорожная карта", 4, 2, 2, 1),
            ("Коллективная интеллектуальная деятельность: методы и техники", 2, 8, 2, 1),
            ("Проектирование инновационного продукта творческой группы", 2, 8, 4, 2),
            ("Итоговая аттестация: защита проектов творческих групп", 0, 2, 0, 3),
        ],
    ),
    "Проектное управление инновационной деятельностью: от идеи до продукта": (
        16,
        AssessmentForm.CREDIT,
        1,
        "",
        [
            ("Проект как форма инновационной деятельности", 2, 2, 2, None),
            ("Планирование, ресурсы и риски проекта", 2, 4, 2, None),
            ("Зачёт: презентация проекта", 0, 2, 0, None),
        ],
    ),
    "Стажировка «Формирующее оценивание: от критериев к обратной связи»": (
        24,
        AssessmentForm.PORTFOLIO,
        2,
        "ЦТТ",
        [
            ("Посещение и анализ уроков наставников", 2, 8, 0, 1),
            ("Разработка критериев и листов самооценки для своего класса", 0, 6, 4, 2),
            ("Защита портфолио стажёра", 0, 2, 2, 2),
        ],
    ),
}
PEOPLE = [
    ("Андреева Ольга Викторовна", "учитель начальных классов"),
    ("Белов Сергей Николаевич", "учитель математики"),
    ("Власова Екатерина Андреевна", "учитель русского языка и литературы"),
    ("Гордеева Марина Петровна", "заместитель директора по УВР"),
    ("Дмитриев Алексей Игоревич", "учитель физики"),
    ("Ершова Наталья Сергеевна", "педагог-психолог"),
    ("Жукова Анна Владимировна", "воспитатель"),
    ("Зайцева Татьяна Юрьевна", "учитель английского языка"),
    ("Ильина Светлана Олеговна", "учитель истории"),
    ("Комаров Дмитрий Валерьевич", "учитель информатики"),
    ("Лебедева Юлия Александровна", "методист"),
    ("Морозова Ирина Геннадьевна", "учитель биологии"),
]


@contextmanager
def _no_emails():
    original = notices.deliver
    notices.deliver = lambda messages: None
    try:
        yield
    finally:
        notices.deliver = original


def _audience_group(audience: str) -> str:
    """The calendar's «для кого» filter, read off the plan's own wording of the audience."""
    text = audience.lower()
    for words, group in (
        (("молод",), Audience.YOUNG_TEACHERS),
        (("руковод", "заместител", "директор"), Audience.HEADS),
        (("методист",), Audience.METHODISTS),
        (("воспитател", "дошкол"), Audience.PRESCHOOL),
    ):
        if any(word in text for word in words):
            return group
    return Audience.TEACHERS


def _moment(first_year: int, month: int, day: int, hour: int) -> dt.datetime:
    year = first_year if month >= 9 else first_year + 1
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def _plan_items(words: str) -> list[PlanItem]:
    if not words:
        return []
    found = PlanItem.objects.filter(activity__icontains=words, plan__state=PlanState.APPROVED).order_by("pk")
    return list(found[:1])


def _people(event: Event, organization: str, count: int, *, now: dt.datetime) -> list:
    registrations = []
    for index, (name, position) in enumerate(PEOPLE[:count]):
        registrations.append(
            services.register(
                event=event,
                full_name=name,
                organization_name=organization,
                position=position,
                email=f"participant{index + 1}.event{event.pk}@example.org",
                consent=True,
                now=now,
            )
        )
    return registrations


def load(registry: dict, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    first_year = academic_year_of(timezone.localdate(now))
    orgs = registry["organizations"]
    methodist = User.objects.filter(username="methodist").first()
    teacher = User.objects.filter(username="teacher").first()
    # the head of school № 1 registers staff (once): a past event with the teacher's certificate, an upcoming one
    head = User.objects.filter(username="orgadmin").first()
    if head is None or Registration.objects.filter(registered_by=head).exists():
        head = None
    with _no_emails():
        for key, title, format_, (month, day, hour), hours, place, capacity, audience, words in EVENTS:
            organizer = orgs[key]
            if Event.objects.filter(title=title, organizer=organizer).exists():
                continue
            starts = _moment(first_year, month, day, hour)
            course = COURSES.get(title)
            days = course[2] if course else 1
            site = (
                Site.objects.filter(lead_organization=organizer, kind__abbreviation=course[3]).first()
                if course and course[3]
                else None
            )
            event = services.create_event(
                by=methodist,
                title=title,
                format=format_,
                organizer=organizer,
                starts_at=starts,
                ends_at=starts + dt.timedelta(days=days - 1, hours=hours),
                site=site,
                hours=course[0] if course else None,
                assessment_form=course[1] if course else "",
                place=place,
                online_url="" if place else "https://vk.com/video/webinar-demo",
                audience=audience,
                audience_group=_audience_group(audience),
                capacity=capacity,
                description=f"{title}. Мероприятие плана сопровождения инновационной деятельности.",
                plan_items=_plan_items(words),
            )
            for number, (name, lecture, practice, self_study, day) in enumerate(course[4] if course else [], 1):
                on = timezone.localtime(starts).date() + dt.timedelta(days=day - 1) if day else None
                courses.add_module(
                    event,
                    number=number,
                    title=name,
                    lecture_hours=lecture,
                    practice_hours=practice,
                    self_study_hours=self_study,
                    starts_on=on,
                    ends_on=on,
                )
            services.publish_event(event, by=methodist)
            _fill(event, now=now, teacher=teacher, methodist=methodist, head=head)
            if course and event.ends_at < now:
                _assess_and_issue(event, methodist=methodist)


def _staff_of_head(event: Event, *, now, teacher, head, past: bool) -> list:
    """«Сотрудники на мероприятиях» of the demo head: the teacher and a colleague at the first past event of the
    head's territory (present, so they get certificates), two colleagues at the first upcoming one."""
    if head is None or teacher is None or head.organization is None:
        return []
    if event.municipality_id != head.organization.municipality_id or event.organizer_id == head.organization_id:
        return []
    mine = Registration.objects.filter(registered_by=head)
    if mine.filter(event__starts_at__lt=now).exists() if past else mine.filter(event__starts_at__gte=now).exists():
        return []
    if past:
        people = [
            services.Colleague(teacher.full_name, teacher.email, teacher.position),
            services.Colleague("Сорокина Елена Викторовна", "sorokina@example.org", "учитель математики"),
        ]
    else:
        people = [
            services.Colleague("Сорокина Елена Викторовна", "sorokina@example.org", "учитель математики"),
            services.Colleague("Белов Андрей Николаевич", "belov@example.org", "учитель истории"),
        ]
    return services.register_staff(
        event=event,
        organization=head.organization,
        people=people,
        consent=True,
        by=head,
        now=min(now, event.starts_at - dt.timedelta(days=2)),
    )


def _fill(event: Event, *, now: dt.datetime, teacher, methodist, head=None) -> None:
    past = event.starts_at < now
    count = 8 if past else 3
    registrations = _people(
        event, "МБОУ СОШ № 1 г. Амурска", count, now=min(now, event.starts_at - dt.timedelta(days=2))
    )
    registrations += _staff_of_head(event, now=now, teacher=teacher, head=head, past=past)
    if past:
        # about three in four came; the staff the head registered all did (their certificates show on the demo)
        present = [r.pk for r in registrations if r.pk % 4 or r.registered_by_id]
        services.mark_attendance(event, attended=present, by=methodist, now=now)
        services.mark_held(event, by=methodist, now=now)
        certificates.issue_to_participants(event, by=methodist)
    elif (
        teacher is not None
        and teacher.organization
        and event.organizer.municipality_id == teacher.organization.municipality_id
    ):
        services.register(
            event=event,
            user=teacher,
            full_name=teacher.full_name,
            organization_name=teacher.organization.short_name,
            position=teacher.position,
            email=teacher.email,
            consent=True,
            now=now,
        )


def _assess_and_issue(event: Event, *, methodist) -> None:
    """A held course: all present passed but the last one, who is still to defend; удостоверения are issued on
    the course's last day."""
    present = list(event.registrations.filter(state=RegistrationState.ATTENDED).order_by("full_name", "id"))
    results = {r.pk: AssessmentResult.PASSED for r in present[:-1]}
    courses.record_assessments(event, results=results, by=methodist)
    courses.issue_training_certificates(event, issued_on=timezone.localtime(event.ends_at).date(), by=methodist)
