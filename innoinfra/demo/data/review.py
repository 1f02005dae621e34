"""Demo of the review engine in the Amursky district, built through the services as a methodist would build it:

- last year's status competition, carried through: reviews, the council's decision, the order and the sites it
  created in the registry (given to schools that held no status, so the one-status rule holds wherever it is on);
- this year's competition in expert review today: seven applications, among them one from the demo head's school,
  each with two or three experts of the council and never an expert of the applicant's own school; some reviews
  sent, some in draft;
- a contest of best practices open for applications, so that the public list of calls shows an open call.

Dates come from `today`. Idempotent: a call already there (found by the start of its title) is left alone. The
demo gives in-app notifications but mails nobody: the demo addresses are fictitious.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.core import notifications
from innoinfra.core.models import Notification
from innoinfra.demo.data import council as council_demo
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Body, Direction, Organization
from innoinfra.registry import services as registry_services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site, SiteKind
from innoinfra.review import services
from innoinfra.review.catalogue import PRACTICE_RUBRIC, STATUS_RUBRIC, install_rubrics
from innoinfra.review.enums import DECIDED_STATES, ApplicationState, CallPurpose, Recommendation, ReviewState, StageKind
from innoinfra.review.models import Application, ApplicationEvent, Assignment, Call, Review, Rubric

AS = ApplicationState
D = dt.date
DAY = dt.timedelta(days=1)
FINISHED_TITLE = "Конкурс на присвоение статуса муниципальной инновационной площадки"
CURRENT_TITLE = "Конкурс на присвоение статуса структурных единиц инновационной инфраструктуры"
CONTEST_TITLE = "Муниципальный конкурс лучших практик «Проектируем, разрабатываем, внедряем»"
EXPERTS = ("expert1", "expert2", "expert3")


@dataclass
class World:
    today: dt.date
    amursky: object
    orgs: dict
    people: dict
    body: Body | None
    kinds: dict = field(default_factory=dict)

    @property
    def experts(self) -> list[User]:
        return [self.people[name] for name in EXPERTS]


def load(registry: dict, today: dt.date | None = None) -> None:
    install_rubrics()
    amursky = registry["municipalities"]["amursky"]
    people = {u.username: u for u in User.objects.filter(username__in=[*EXPERTS, "methodist", "orgadmin", "teacher"])}
    world = World(
        today=today or timezone.localdate(),
        amursky=amursky,
        orgs={**registry["organizations"], **_organizations(amursky)},
        people=people,
        body=Body.objects.filter(municipality=amursky).order_by("pk").first(),
        kinds={k.abbreviation: k for k in SiteKind.objects.all()},
    )
    council_demo.complete_council(world.body)
    with _no_emails():
        _finished_call(world)
        _current_call(world)
        _contest(world)


@contextmanager
def _no_emails():
    original = notifications.send_emails
    notifications.send_emails = lambda letters, **kwargs: 0
    try:
        yield
    finally:
        notifications.send_emails = original


def _organizations(amursky) -> dict[str, Organization]:
    """Schools of the district that hold no status yet: last year's winners and one of this year's applicants."""
    created = {}
    for key, full, short, type_, address, lat, lon, head in NEW_ORGANIZATIONS:
        created[key], _ = Organization.objects.get_or_create(
            full_name=full,
            defaults={
                "short_name": short,
                "type": OrganizationType(type_),
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "head_name": head,
                "municipality": amursky,
            },
        )
    return created


def _exists(world: World, title: str) -> bool:
    return Call.objects.filter(municipality=world.amursky, title__startswith=title).exists()


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# ---------------------------------------------------------------- last year's competition


def _finished_call(world: World) -> None:
    if _exists(world, FINISHED_TITLE):
        return
    year = world.today.year - 1
    methodist = world.people["methodist"]
    call = services.create_call(
        title=f"{FINISHED_TITLE} в {year} году",
        municipality=world.amursky,
        rubric=Rubric.objects.get(name=STATUS_RUBRIC),
        by=methodist,
        purpose=CallPurpose.STATUS,
        site_kinds=[world.kinds["МИП"], world.kinds["МАП"]],
        panel=world.experts,
        body=world.body,
        experts_per_application=3,
        is_published=True,
        description="Конкурсный отбор образовательных организаций Амурского муниципального района на присвоение "
        "статуса муниципальной инновационной площадки и муниципальной апробационной площадки сроком на три года. "
        "Заявки рассматривает Муниципальный экспертный совет; статус присваивается приказом управления образования.",
    )
    review_start, meeting, order_day = D(year, 10, 23), D(year, 11, 20), D(year, 12, 1)
    services.set_stages(
        call,
        [
            (StageKind.APPLICATIONS, D(year, 9, 15), D(year, 10, 15)),
            (StageKind.FORMAL_CHECK, D(year, 10, 16), D(year, 10, 22)),
            (StageKind.REVIEW, review_start, D(year, 11, 12)),
            (StageKind.MEETING, D(year, 11, 13), D(year, 11, 25)),
            (StageKind.RESULTS, D(year, 11, 26), D(year, 12, 15)),
        ],
    )
    applications = []
    for index, spec in enumerate(FINISHED):
        application = _apply(world, call, spec, start=D(year + 1, 1, 1), end=D(year + 3, 12, 31))
        services.submit(application, day=D(year, 10, 1 + 3 * index))
        services.send_to_review(application, by=methodist)
        reviewed = {}
        # Everyone is assigned before anyone scores: the first review sent would otherwise complete the expertise.
        assignments = [services.assign(application, expert, by=methodist) for expert in world.experts]
        for position, (expert, assignment) in enumerate(zip(world.experts, assignments, strict=True)):
            _review(assignment, expert, spec, position, submit=True)
            reviewed[assignment.pk] = _at(D(year, 10, 27) + (index + 3 * position) * DAY, 11 + position)
        applications.append((application, spec, reviewed))

    # The council decides at its meeting; the order «О присвоении статуса …» creates the sites and rejects the rest.
    council_demo.hold_competition_meeting(
        world.body,
        date=meeting,
        outcomes=[(application, spec.recommended) for application, spec, _reviewed in applications],
        order_number="512-Д",
        order_date=order_day,
        speaker=methodist,
        by=methodist,
    )
    directions = {d.name: d for d in Direction.objects.all()}
    for index, (application, spec, reviewed) in enumerate(applications):
        application.refresh_from_db()
        if application.site_id:
            registry_services.update_site(
                application.site,
                by=methodist,
                directions=[directions[name] for name in spec.directions if name in directions],
                curator_name="Кривошеева Лариса Петровна, методист МКУ РМЦ",
                description=application.passport.get("goal", ""),
            )
        last_review = max(reviewed.values())
        _backdate(
            application,
            {
                AS.DRAFT: _at(D(year, 9, 18 + 2 * index)),
                AS.SUBMITTED: _at(D(year, 10, 1 + 3 * index), 15),
                AS.UNDER_REVIEW: _at(review_start),
                AS.REVIEWED: last_review + dt.timedelta(hours=1),
                AS.RECOMMENDED: _at(meeting, 16),
                AS.NOT_RECOMMENDED: _at(meeting, 16),
                AS.APPROVED: _at(order_day, 12),
                AS.REJECTED: _at(order_day, 12),
            },
            assigned=_at(review_start),
            reviewed=reviewed,
        )
    # A year on, last year's notices have long been read.
    ids = [application.pk for application, _spec, _reviewed in applications]
    about = Q(
        key__in=[
            f"review:assignment:{pk}:assigned"
            for pk in Assignment.objects.filter(application_id__in=ids).values_list("pk", flat=True)
        ]
    )
    for pk in ids:
        about |= Q(key__startswith=f"review:application:{pk}:")
    Notification.objects.filter(about).update(created_at=_at(order_day), read_at=_at(order_day, 14))


# ---------------------------------------------------------------- this year's competition, in expert review


def _current_call(world: World) -> None:
    if _exists(world, CURRENT_TITLE):
        return
    today, methodist = world.today, world.people["methodist"]
    review_start = today - 14 * DAY
    applications_start, applications_end = review_start - 38 * DAY, review_start - 8 * DAY
    call = services.create_call(
        title=f"{CURRENT_TITLE} в {today.year} году",
        municipality=world.amursky,
        rubric=Rubric.objects.get(name=STATUS_RUBRIC),
        by=methodist,
        purpose=CallPurpose.STATUS,
        site_kinds=[world.kinds[k] for k in ("МИП", "МАП", "МОП", "ЦТТ", "ЦК")],
        panel=world.experts,
        body=world.body,
        is_published=True,
        description="Конкурсный отбор образовательных организаций на присвоение статуса структурных единиц "
        "инновационной инфраструктуры муниципальной системы образования Амурского муниципального района: "
        "муниципальной инновационной, апробационной и опорной площадки, центра трансфера технологий, центра "
        "компетенций. Каждую заявку оценивают не менее двух членов Муниципального экспертного совета.",
    )
    services.set_stages(
        call,
        [
            (StageKind.APPLICATIONS, applications_start, applications_end),
            (StageKind.FORMAL_CHECK, applications_end + DAY, review_start - DAY),
            (StageKind.REVIEW, review_start, today + 7 * DAY),
            (StageKind.MEETING, today + 8 * DAY, today + 17 * DAY),
            (StageKind.RESULTS, today + 18 * DAY, today + 37 * DAY),
        ],
    )
    # The council's chair is the scientific consultant of the Elban school's project: he declared it.
    services.declare_conflict(
        world.people["expert1"], world.orgs["amur-elban"], reason="научный консультант проекта школы"
    )
    for index, spec in enumerate(CURRENT):
        submitted_on = applications_end - (len(CURRENT) - index) * DAY
        application = _apply(world, call, spec, start=D(today.year + 1, 1, 1), end=D(today.year + 3, 12, 31))
        services.submit(application, by=world.people.get(spec.by), day=submitted_on)
        services.send_to_review(application, by=methodist)
        reviewed = {}
        experts = [world.people[username] for username in spec.experts]
        assignments = [services.assign(application, expert, by=methodist) for expert in experts]
        for position, (expert, assignment) in enumerate(zip(experts, assignments, strict=True)):
            progress = spec.experts[expert.username]
            if progress == "accepted":
                services.accept(assignment, by=expert)
            elif progress in ("submitted", "draft"):
                _review(assignment, expert, spec, position, submit=progress == "submitted")
            if progress != "pending":
                reviewed[assignment.pk] = _at(review_start + (2 + (index + 2 * position) % 9) * DAY, 11 + position)
        application.refresh_from_db(fields=["state"])
        moments = {
            AS.DRAFT: _at(applications_start + (3 + 2 * index) * DAY),
            AS.SUBMITTED: _at(submitted_on, 15),
            AS.UNDER_REVIEW: _at(review_start),
        }
        if application.state == AS.REVIEWED:
            moments[AS.REVIEWED] = max(reviewed.values()) + dt.timedelta(hours=1)
        _backdate(application, moments, assigned=_at(review_start), reviewed=reviewed)
    # The council will hear the applications, and the yearly report of the district's oldest site, in person.
    heard_site = (
        Site.objects.filter(lead_organization__municipality=world.amursky, state=SiteState.ACTIVE)
        .exclude(application__isnull=False)
        .order_by("start_date", "pk")
        .first()
    )
    council_demo.plan_competition_meeting(
        world.body,
        date=today + 10 * DAY,
        applications=list(call.applications.order_by("number", "pk")),
        site=heard_site,
        by=methodist,
    )


# ---------------------------------------------------------------- the contest open now


def _contest(world: World) -> None:
    if _exists(world, CONTEST_TITLE):
        return
    today = world.today
    call = services.create_call(
        title=f"{CONTEST_TITLE} — {today.year}",
        municipality=world.amursky,
        rubric=Rubric.objects.get(name=PRACTICE_RUBRIC),
        by=world.people["methodist"],
        purpose=CallPurpose.CONTEST,
        panel=world.experts,
        body=world.body,
        is_published=True,
        description="Конкурс лучших педагогических и управленческих практик педагогов и образовательных "
        "организаций Амурского муниципального района. Победители представляют опыт на образовательном форуме "
        "«Инновационный поиск», лучшие практики включаются в муниципальный банк данных инновационного опыта и "
        "в сборник лучших практик района. Участвовать могут педагоги и коллективы организаций района.",
    )
    services.set_stages(
        call,
        [
            (StageKind.APPLICATIONS, today - 7 * DAY, today + 21 * DAY),
            (StageKind.FORMAL_CHECK, today + 22 * DAY, today + 26 * DAY),
            (StageKind.REVIEW, today + 27 * DAY, today + 47 * DAY),
            (StageKind.MEETING, today + 48 * DAY, today + 55 * DAY),
            (StageKind.RESULTS, today + 56 * DAY, today + 70 * DAY),
        ],
    )
    for index, spec in enumerate(CONTEST_APPLICATIONS):
        application = _apply(world, call, spec)
        moments = {AS.DRAFT: _at(today - (6 - index) * DAY)}
        if spec.submit:
            services.submit(application, by=world.people.get(spec.by))
            moments[AS.SUBMITTED] = _at(today - (3 - index) * DAY, 15)
        _backdate(application, moments)


# ---------------------------------------------------------------- shared steps


def _apply(world: World, call: Call, spec: Spec, *, start=None, end=None) -> Application:
    return services.create_application(
        call=call,
        lead_organization=world.orgs[spec.org],
        by=world.people.get(spec.by),
        theme=spec.theme,
        site_kind=world.kinds.get(spec.kind),
        supervisor=spec.supervisor,
        passport={code: text for code, text in spec.passport.items() if code in call.form_fields},
        start_date=start,
        end_date=end,
    )


def _review(assignment: Assignment, expert, spec: Spec, position: int, *, submit: bool) -> Review:
    """Scores from the application's quality, the expert's habit (strict, fair, lenient) and a little noise."""
    criteria = list(assignment.application.call.rubric.criteria.all())
    bias = (-0.08, 0.0, 0.08)[expert.pk % 3]
    scores = {}
    for number, criterion in enumerate(criteria):
        base = spec.overrides.get(criterion.title, spec.quality * criterion.max_level)
        noise = ((number * 7 + position * 5 + len(spec.theme)) % 3 - 1) * 0.4
        level = min(max(round(base + bias * criterion.max_level + noise), criterion.min_level), criterion.max_level)
        low = criterion.comment_required_below is not None and level < criterion.comment_required_below
        scores[criterion.pk] = (level, f"{criterion.meaning_of(level)}." if low else "")
    if not submit:
        # A draft: the expert has gone through the first half of the rubric.
        scores = dict(list(scores.items())[: len(scores) // 2])
    total = sum(criterion.weight * scores.get(criterion.pk, (0, ""))[0] for criterion in criteria)
    maximum = sum(criterion.max_points for criterion in criteria)
    share = total / maximum
    weak = [c for c in criteria if c.pk in scores and scores[c.pk][0] < c.max_level]
    weak = sorted(weak, key=lambda c: scores[c.pk][0] / c.max_level)[:2]
    weak_text = " и ".join(f"«{c.title.lower()}»" for c in weak) or "«измеримость результатов»"
    if share >= 0.7:
        recommendation = Recommendation.SUPPORT
        conclusion = (
            "Проект актуален и отвечает приоритетам муниципальной образовательной политики. Цель, задачи и этапы "
            "согласованы, ожидаемые результаты измеримы, ресурсов достаточно. "
            + (f"Доработки требуют отдельные положения по критериям {weak_text}. " if weak else "")
            + "Рекомендую присвоить статус."
        )
    elif share >= 0.55:
        recommendation = Recommendation.REVISE
        conclusion = (
            f"Проект имеет практическую значимость для района, однако требуют доработки критерии {weak_text}. "
            "Рекомендую присвоить статус после доработки заявки с учётом замечаний."
        )
    else:
        recommendation = Recommendation.REJECT
        conclusion = (
            f"Проект в представленном виде не может быть рекомендован: недостаточно раскрыты критерии {weak_text}. "
            "Рекомендую доработать проект и подать заявку в следующем конкурсе."
        )
    return services.save_review(
        assignment,
        by=expert,
        scores=scores,
        conclusion=conclusion if submit else "",
        recommendation=recommendation if submit else "",
        submit=submit,
    )


def _backdate(application: Application, moments: dict, *, assigned=None, reviewed=None) -> None:
    """Services stamp everything «now»; the demo's history happened on the dates of the call's stages."""
    for state, moment in moments.items():
        ApplicationEvent.objects.filter(application=application, to_state=state).update(at=moment)
    fields = {"created_at": moments[AS.DRAFT]}
    if AS.SUBMITTED in moments:
        fields["submitted_at"] = moments[AS.SUBMITTED]
    if application.state in DECIDED_STATES and application.state in moments:
        fields["decided_at"] = moments[application.state]
    Application.objects.filter(pk=application.pk).update(**fields)
    if assigned:
        Assignment.objects.filter(application=application).update(assigned_at=assigned)
    for assignment_id, moment in (reviewed or {}).items():
        Assignment.objects.filter(pk=assignment_id).update(responded_at=moment)
        Review.objects.filter(assignment_id=assignment_id, state=ReviewState.SUBMITTED).update(submitted_at=moment)


# ---------------------------------------------------------------- the applicants and their projects


@dataclass(frozen=True)
class Spec:
    org: str
    theme: str
    passport: dict
    kind: str = ""
    quality: float = 0.7  # share of each criterion's maximum the experts tend to give
    supervisor: str = ""
    by: str | None = None  # the demo user who wrote the application
    experts: dict = field(default_factory=dict)  # username → pending | accepted | draft | submitted
    overrides: dict = field(default_factory=dict)  # criterion title → level the experts agree on
    recommended: bool = True
    directions: tuple = ()
    submit: bool = True


NORMATIVE = (
    "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» (статья 20); приказ "
    "Минобрнауки России от 22.03.2019 № 21н «Об утверждении Порядка формирования и функционирования инновационной "
    "инфраструктуры в системе образования»; Порядок создания и развития инновационной инфраструктуры в системе "
    "образования Амурского муниципального района; приказ управления образования, молодежной политики и спорта "
    "от 11.04.2025 № 172-Д «Об утверждении плана мероприятий („дорожная карта“) развития инновационной "
    "инфраструктуры муниципальной системы образования в Амурском муниципальном районе до 2030 года»"
)


def _passport(*, extra_norms: str = "", **fields: str) -> dict:
    return {"normative_base": f"{NORMATIVE}; {extra_norms}." if extra_norms else f"{NORMATIVE}.", **fields}


# key, full name, short name, type, address, latitude, longitude, head
NEW_ORGANIZATIONS = [
    (
        "amur-sosh9",
        "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 9 г. Амурска",
        "МБОУ СОШ № 9 г. Амурска",
        "school",
        "682640, Хабаровский край, г. Амурск, пр. Строителей, 8",
        50.2351,
        136.8862,
        "Горбунова Елена Анатольевна",
    ),
    (
        "amur-voznes",
        "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа с. Вознесенское",
        "МБОУ СОШ с. Вознесенское",
        "school",
        "682625, Хабаровский край, Амурский район, с. Вознесенское, ул. Школьная, 1",
        50.3902,
        136.7841,
        "Дмитриенко Сергей Викторович",
    ),
    (
        "amur-ds2",
        "Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 2 г. Амурска",
        "МБДОУ № 2 г. Амурска",
        "doo",
        "682640, Хабаровский край, г. Амурск, пр. Комсомольский, 20",
        50.2318,
        136.8941,
        "Широкова Наталья Геннадьевна",
    ),
    (
        "amur-litovko",
        "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа п. Литовко",
        "МБОУ СОШ п. Литовко",
        "school",
        "682631, Хабаровский край, Амурский район, п. Литовко, ул. Центральная, 12",
        49.9683,
        136.1952,
        "Ефимова Людмила Ивановна",
    ),
]

FINISHED = [
    Spec(
        org="amur-sosh9",
        kind="МИП",
        theme="Формирование математической грамотности обучающихся 5–9 классов через решение практико-"
        "ориентированных задач регионального содержания",
        supervisor="Лаптева О. Н., канд. пед. наук",
        quality=0.85,
        directions=("Функциональная грамотность",),
        passport=_passport(
            authors="Горбунова Елена Анатольевна, директор; Руденко Светлана Викторовна, заместитель директора по "
            "учебно-воспитательной работе; Ким Алексей Борисович, учитель математики",
            main_idea="Математическая грамотность складывается, когда ученик решает задачи из знакомой ему жизни. "
            "Педагоги школы составляют банк задач на материале Амурска и района — лесное хозяйство, Амур и его "
            "притоки, семейный бюджет, транспорт, строительство — и встраивают их в уроки математики и во внеурочный "
            "курс «Математика вокруг нас». Результаты проверяются диагностическими работами в формате PISA.",
            goal="Создать и апробировать систему формирования математической грамотности обучающихся 5–9 классов "
            "на основе банка практико-ориентированных задач регионального содержания.",
            tasks="· проанализировать результаты диагностики математической грамотности обучающихся 5–9 классов;\n"
            "· разработать банк практико-ориентированных задач регионального содержания (не менее 150 задач);\n"
            "· разработать и апробировать программу внеурочного курса «Математика вокруг нас»;\n"
            "· организовать методическое сопровождение учителей математики школы и района;\n"
            "· обобщить опыт и представить его на муниципальном уровне.",
            significance="Проект отвечает задачам национального проекта «Образование» и региональной программы "
            "повышения качества образования: по итогам региональной оценки функциональной грамотности доля "
            "обучающихся района с низким уровнем математической грамотности выше краевой.",
            novelty="Впервые в районе создаётся банк задач на материале местной экономики и природы, связанный с "
            "диагностикой: каждая задача отнесена к компетенции и уровню сложности по модели PISA.",
            practical_significance="Банк задач и программа курса станут доступны учителям математики района через "
            "сетевой транслятор «Цифровая педагогика»; методические рекомендации позволят другим школам встроить "
            "задачи в свои рабочие программы.",
            year_tasks="· провести входную диагностику в 5–9 классах;\n· разработать первые 60 задач банка и "
            "проверить их на уроках;\n· провести районный семинар для учителей математики.",
            expected_results="· доля обучающихся 5–9 классов, достигших базового уровня математической грамотности, "
            "возрастёт с 58 % до 75 %;\n· банк из 150 задач регионального содержания с ключами и критериями "
            "оценивания;\n· программа внеурочного курса «Математика вокруг нас»;\n· не менее 10 учителей района "
            "используют задачи банка.",
            resources="Кадровые: шесть учителей математики (двое — высшей категории), педагог-психолог, научный "
            "консультант. Материально-технические: кабинет центра «Точка роста», интерактивное оборудование. "
            "Финансовые: средства муниципального задания, стимулирующие выплаты участникам проекта.",
            partners="МКУ РМЦ; КГБ ПОУ «Амурский политехнический техникум»; МБОУ СОШ № 2 г. Амурска.",
            experience="С 2019 года школа участвует в краевом проекте по формированию функциональной грамотности; "
            "учителя математики — победители муниципального конкурса «Учитель года», авторы публикаций в сборнике "
            "лучших практик района.",
        ),
    ),
    Spec(
        org="amur-voznes",
        kind="МИП",
        theme="«Агрошкола»: ранняя профориентация обучающихся сельской школы на профессии агропромышленного "
        "комплекса Приамурья",
        quality=0.72,
        directions=("Профессиональная ориентация",),
        passport=_passport(
            extra_norms="Концепция профориентационного минимума в общеобразовательных организациях",
            authors="Дмитриенко Сергей Викторович, директор; Гребенюк Анна Павловна, учитель биологии; "
            "Титова Ольга Николаевна, советник директора по воспитанию",
            main_idea="Сельская школа готовит ребят не к отъезду из села, а к жизни и работе на своей земле. "
            "Учебно-опытный участок, школьная теплица и договор с фермерскими хозяйствами позволяют обучающимся "
            "5–11 классов пройти профессиональные пробы в растениеводстве, агрономии и переработке продукции.",
            goal="Создать модель ранней профориентации обучающихся сельской школы на профессии агропромышленного "
            "комплекса на основе сетевого взаимодействия с хозяйствами района.",
            tasks="· разработать программу профессиональных проб «Агрошкола» для 5–11 классов;\n"
            "· оборудовать школьную теплицу и учебно-опытный участок;\n"
            "· заключить договоры о сетевом взаимодействии с фермерскими хозяйствами села;\n"
            "· организовать исследовательские проекты обучающихся по агротехнологиям;\n"
            "· провести мониторинг профессиональных намерений выпускников.",
            significance="Проект отвечает задачам профориентационного минимума и кадровым потребностям "
            "агропромышленного комплекса Хабаровского края; снижает отток выпускников из села.",
            novelty="Для района новой является сетевая модель профессиональных проб, в которой фермерские хозяйства "
            "выступают площадками практики, а школьный участок — лабораторией исследовательских проектов.",
            practical_significance="Программа профессиональных проб и сценарии агроуроков могут использовать "
            "сельские школы района (п. Эльбан, п. Литовко, с. Ачан).",
            year_tasks="· разработать программу профессиональных проб;\n· заключить договоры с двумя хозяйствами;\n"
            "· заложить опытные делянки на учебно-опытном участке.",
            expected_results="· не менее 70 % обучающихся 8–11 классов прошли профессиональные пробы;\n"
            "· 12 исследовательских проектов обучающихся по агротехнологиям;\n· программа «Агрошкола» и сборник "
            "сценариев агроуроков;\n· доля выпускников, выбравших аграрные специальности, — не менее 20 %.",
            resources="Кадровые: 9 педагогов, советник директора по воспитанию, специалисты хозяйств-партнёров. "
            "Материально-технические: учебно-опытный участок 0,5 га, теплица, оборудование «Точки роста». "
            "Финансовые: муниципальное задание, спонсорская помощь хозяйств.",
            partners="КФХ «Вознесенское»; КГБ ПОУ «Амурский политехнический техникум»; администрация сельского "
            "поселения «Село Вознесенское».",
            experience="Школа — участник краевого конкурса «Юные аграрии Хабаровского края», обучающиеся — призёры "
            "регионального этапа конкурса «Юннат».",
        ),
    ),
    Spec(
        org="amur-ds2",
        kind="МИП",
        theme="Образовательная робототехника как средство развития инженерного мышления дошкольников",
        quality=0.4,
        recommended=False,
        overrides={"Новизна (инновационность)": 0, "Измеримость результатов": 0},
        directions=("Дошкольное образование",),
        passport=_passport(
            extra_norms="ФГОС дошкольного образования; ФОП дошкольного образования",
            authors="Широкова Наталья Геннадьевна, заведующий; Лукина Ирина Олеговна, старший воспитатель",
            main_idea="Занятия с конструкторами и программируемыми роботами развивают у дошкольников интерес к "
            "технике и начальные инженерные умения.",
            goal="Развитие инженерного мышления детей старшего дошкольного возраста средствами робототехники.",
            tasks="· приобрести робототехнические наборы;\n· организовать кружок «Робоша»;\n"
            "· провести открытые занятия для родителей.",
            significance="Проект соответствует задачам технологического образования и ФГОС дошкольного образования.",
            novelty="Использование робототехнических наборов в работе с дошкольниками.",
            practical_significance="Опыт работы кружка может быть интересен другим детским садам.",
            year_tasks="· приобрести наборы;\n· начать работу кружка.",
            expected_results="Повышение интереса детей к технике; участие в конкурсах.",
            resources="Два воспитателя, прошедших курсы по робототехнике; средства на приобретение наборов "
            "планируется привлечь.",
            partners="МБУ ДО ЦВР «Юность».",
            experience="Детский сад участвует в муниципальных конкурсах по техническому творчеству.",
        ),
    ),
]

CURRENT = [
    Spec(
        org="amur-sosh1",
        by="orgadmin",
        kind="ЦТТ",
        theme="«Проектная школа»: стажировки педагогов района по технологии формирования функциональной грамотности "
        "через проектную деятельность",
        supervisor="Петренко А. В., канд. пед. наук",
        quality=0.85,
        experts={"expert1": "submitted", "expert2": "submitted", "expert3": "draft"},
        passport=_passport(
            extra_norms="ФГОС основного общего образования; профессиональный стандарт «Педагог»",
            authors="Иванова Ирина Сергеевна, директор; Петров Пётр Алексеевич, учитель физики; Белова Марина "
            "Юрьевна, заместитель директора по научно-методической работе",
            main_idea="За два года работы муниципальной инновационной площадкой школа создала модель проектной "
            "деятельности, в которой каждый обучающийся 5–9 классов выполняет межпредметный проект на материале "
            "реальных задач города. Теперь школа готова передать технологию коллегам: педагоги района проходят "
            "стажировку — наблюдают, проводят занятия вместе с наставником и переносят технологию в свою школу.",
            goal="Организовать на базе школы центр трансфера технологии формирования функциональной грамотности "
            "через проектную деятельность для педагогов Амурского района.",
            tasks="· разработать программу стажировки (36 часов) с очной и дистанционной частью;\n"
            "· подготовить наставников из числа педагогов школы;\n"
            "· провести три потока стажировок для педагогов школ района;\n"
            "· сопровождать перенос технологии в школы стажёров в течение учебного года;\n"
            "· оценить изменения в практике стажёров и результатах их обучающихся.",
            significance="Проект отвечает задаче «дорожной карты» района по созданию центров трансфера технологий "
            "и обеспечивает распространение результатов муниципальной инновационной площадки в массовой практике.",
            novelty="Стажировка строится как совместное проектирование: стажёр приходит со своим классом и своей "
            "задачей, а уходит с готовым проектом, проведённым вместе с наставником. В районе такой формы повышения "
            "квалификации ещё нет.",
            practical_significance="Программа стажировки, банк проектных задач и инструменты оценки функциональной "
            "грамотности будут использоваться в школах района; стажёры станут ядром сетевого сообщества педагогов.",
            year_tasks="· разработать и согласовать с МКУ РМЦ программу стажировки;\n· подготовить шесть "
            "наставников;\n· провести первый поток стажировки для 12 педагогов.",
            expected_results="· 36 педагогов из 9 школ района прошли стажировку;\n· не менее 70 % стажёров "
            "провели проект со своим классом;\n· доля обучающихся школ-стажёров с базовым уровнем функциональной "
            "грамотности выросла на 10 процентных пунктов;\n· программа стажировки и методические рекомендации "
            "опубликованы на сайте МКУ РМЦ.",
            resources="Кадровые: 14 педагогов, прошедших обучение по проектной деятельности, научный консультант. "
            "Материально-технические: центр «Точка роста», коворкинг для стажёров, видеостудия. Финансовые: "
            "муниципальное задание, средства на повышение квалификации.",
            partners="МКУ РМЦ; МБОУ СОШ № 5 г. Амурска; МБОУ СОШ п. Эльбан; КГБ ПОУ «Амурский политехнический "
            "техникум».",
            experience="С 2024 года школа — муниципальная инновационная площадка «Формирование функциональной "
            "грамотности обучающихся через проектную деятельность»; опыт представлен на краевом форуме "
            "«Инновационный поиск» и в сборнике лучших практик района.",
        ),
    ),
    Spec(
        org="amur-sosh2",
        kind="МИП",
        theme="«Школа полного дня 2.0»: воспитательная система на основе детско-взрослых общностей",
        quality=0.78,
        experts={"expert1": "submitted", "expert3": "submitted"},
        passport=_passport(
            extra_norms="Стратегия развития воспитания в Российской Федерации на период до 2025 года; рабочая "
            "программа воспитания школы",
            authors="Петрова Галина Николаевна, директор; Соловьёва Татьяна Игоревна, заместитель директора по "
            "воспитательной работе",
            main_idea="Школа продолжает проект «Школа полного дня», завершённый в 2023 году: вторая половина дня "
            "строится вокруг детско-взрослых общностей — клубов, в которых учителя, родители и дети вместе ведут "
            "дело (школьный театр, медиацентр, волонтёрский отряд, спортивный клуб).",
            goal="Создать воспитательную систему школы полного дня на основе детско-взрослых общностей.",
            tasks="· описать модель детско-взрослой общности и требования к её руководителю;\n"
            "· открыть не менее шести общностей с участием родителей;\n"
            "· включить деятельность общностей в рабочую программу воспитания;\n"
            "· разработать инструменты оценки личностных результатов обучающихся.",
            significance="Проект отвечает приоритетам Стратегии развития воспитания и федеральной рабочей программы "
            "воспитания, развивает результаты муниципальной инновационной площадки 2020–2023 годов.",
            novelty="Новым для района является перенос воспитательной работы из мероприятий в постоянные "
            "детско-взрослые общности с участием родителей в роли руководителей.",
            practical_significance="Положение о детско-взрослой общности, программы клубов и инструменты оценки "
            "личностных результатов могут использовать школы района.",
            year_tasks="· открыть четыре общности;\n· провести обучающий семинар для руководителей общностей;\n"
            "· провести стартовую диагностику личностных результатов.",
            expected_results="· не менее 60 % обучающихся 1–9 классов участвуют в общностях;\n· в работе общностей "
            "участвуют не менее 40 родителей;\n· снижение числа правонарушений обучающихся вдвое;\n· сборник "
            "программ детско-взрослых общностей.",
            resources="Кадровые: 22 педагога, советник директора по воспитанию, педагог-психолог, родители. "
            "Материально-технические: актовый зал, медиацентр, спортивный зал. Финансовые: муниципальное задание.",
            partners="МБУ ДО ЦВР «Юность»; городская библиотека; совет родителей школы.",
            experience="В 2020–2023 годах школа — муниципальная инновационная площадка «Школа полного дня как "
            "ресурс воспитания»; лидер инновационного комплекса «Непрерывное инклюзивное образование».",
        ),
    ),
    Spec(
        org="amur-elban",
        kind="МИП",
        theme="Сельская школа как центр образовательной экосистемы посёлка",
        quality=0.62,
        experts={"expert2": "submitted", "expert3": "pending"},
        passport=_passport(
            authors="Тарасова Ольга Ивановна, директор; Корнилова Елена Сергеевна, заместитель директора по "
            "учебно-воспитательной работе",
            main_idea="В посёлке школа — единственное место, где собираются дети, родители и организации. Проект "
            "превращает её в центр образовательной экосистемы: вместе с домом культуры, библиотекой, амбулаторией "
            "и предприятиями посёлка школа проводит образовательные события для детей и взрослых.",
            goal="Создать модель сельской школы как центра образовательной экосистемы посёлка Эльбан.",
            tasks="· провести анализ образовательных ресурсов посёлка;\n· заключить соглашения с организациями "
            "посёлка;\n· разработать календарь образовательных событий;\n· создать совет экосистемы с участием "
            "родителей и жителей.",
            significance="Проект отвечает задаче обеспечения равного доступа к качественному образованию для детей "
            "сельских территорий.",
            novelty="Школа выступает координатором образовательных ресурсов посёлка, а не только их потребителем.",
            practical_significance="Модель может быть перенесена в другие посёлки района.",
            year_tasks="· провести анализ ресурсов посёлка;\n· заключить три соглашения;\n· провести четыре "
            "образовательных события.",
            expected_results="· не менее 12 образовательных событий в год;\n· соглашения с пятью организациями "
            "посёлка;\n· рост удовлетворённости родителей образовательными услугами.",
            resources="Кадровые: 18 педагогов; материально-технические: центр «Точка роста», спортивная площадка.",
            partners="Дом культуры п. Эльбан; поселковая библиотека; администрация городского поселения "
            "«Рабочий посёлок Эльбан».",
            experience="Школа — участник инновационного комплекса «Непрерывное инклюзивное образование» с 2025 года.",
        ),
    ),
    Spec(
        org="amur-ds15",
        kind="МОП",
        theme="Ранняя помощь детям с ограниченными возможностями здоровья и их семьям в условиях инклюзивной группы "
        "детского сада",
        quality=0.7,
        experts={"expert1": "draft", "expert2": "pending"},
        directions=("Инклюзивное образование",),
        passport=_passport(
            extra_norms="ФГОС дошкольного образования; ФАОП дошкольного образования для обучающихся с ОВЗ",
            authors="Крылова Анна Михайловна, заведующий; Зуева Оксана Владимировна, учитель-логопед; Ли Наталья "
            "Сергеевна, педагог-психолог",
            main_idea="Чем раньше ребёнок с нарушениями развития и его семья получают помощь, тем выше шансы на "
            "успешное обучение в школе. Детский сад открывает службу ранней помощи: консультации для семей детей от "
            "двух месяцев до трёх лет и инклюзивную группу, где специалисты работают командой.",
            goal="Создать в детском саду опорную площадку по ранней помощи детям с ОВЗ и их семьям.",
            tasks="· открыть консультационный пункт ранней помощи;\n· разработать индивидуальные программы ранней "
            "помощи;\n· обучить воспитателей инклюзивной группы командной работе со специалистами;\n· организовать "
            "методическую поддержку детских садов района.",
            significance="Проект отвечает задаче развития системы ранней помощи в Хабаровском крае и продолжает "
            "работу инновационного комплекса «Непрерывное инклюзивное образование».",
            novelty="Для района новой является командная модель сопровождения семьи: логопед, психолог, дефектолог "
            "и воспитатель ведут ребёнка по одной индивидуальной программе.",
            practical_significance="Индивидуальные программы и методические рекомендации будут доступны детским "
            "садам района; консультационный пункт примет семьи из всего района.",
            year_tasks="· открыть консультационный пункт;\n· разработать пять индивидуальных программ;\n· провести "
            "семинар для воспитателей района.",
            expected_results="· не менее 20 семей получают раннюю помощь;\n· 90 % родителей удовлетворены помощью;\n"
            "· методические рекомендации для детских садов района.",
            resources="Кадровые: учитель-логопед, педагог-психолог, учитель-дефектолог, четыре воспитателя. "
            "Материально-технические: сенсорная комната, кабинет логопеда. Финансовые: муниципальное задание.",
            partners="МБОУ СОШ № 2 г. Амурска; КГБУЗ «Амурская центральная районная больница»; ПМПК Амурского района.",
            experience="Детский сад — участник инновационного комплекса «Непрерывное инклюзивное образование».",
        ),
    ),
    Spec(
        org="amur-gym8",
        kind="ЦК",
        theme="Центр компетенций по цифровой дидактике: смешанное обучение в практике учителя",
        quality=0.75,
        experts={"expert1": "pending", "expert3": "submitted"},
        passport=_passport(
            extra_norms="приказ Минпросвещения России о федеральной государственной информационной системе «Моя школа»",
            authors="Соколова Марина Александровна, директор; Гусева Анастасия Олеговна, учитель информатики",
            main_idea="Гимназия три года работает в цифровой образовательной среде и накопила опыт смешанного "
            "обучения («перевёрнутый класс», ротация станций). Центр компетенций собирает этот опыт и помогает "
            "учителям района освоить цифровую дидактику на своих предметах.",
            goal="Создать на базе гимназии центр компетенций по цифровой дидактике для педагогов района.",
            tasks="· описать модели смешанного обучения, освоенные гимназией;\n· разработать цикл практикумов для "
            "учителей района;\n· создать банк цифровых уроков;\n· организовать консультации для школ района.",
            significance="Проект отвечает задачам цифровой трансформации образования и внедрения ФГИС «Моя школа».",
            novelty="Впервые в районе опыт смешанного обучения собран в банк уроков с разбором дидактических "
            "решений по предметам.",
            practical_significance="Практикумы и банк цифровых уроков позволят учителям района применять смешанное "
            "обучение без длительной подготовки.",
            year_tasks="· провести четыре практикума;\n· собрать 30 цифровых уроков;\n· открыть консультации.",
            expected_results="· 60 учителей района прошли практикумы;\n· банк из 80 цифровых уроков;\n· 30 % "
            "учителей-участников применяют смешанное обучение.",
            resources="Кадровые: 12 учителей — участников МИП; материально-технические: цифровые лаборатории, "
            "ноутбуки, ФГИС «Моя школа».",
            partners="МКУ РМЦ; МБОУ СОШ № 3 г. Амурска.",
            experience="С 2024 года гимназия — муниципальная инновационная площадка «Цифровая образовательная среда "
            "гимназии как условие индивидуализации обучения».",
        ),
    ),
    Spec(
        org="amur-tech",
        kind="МАП",
        theme="Апробация модели профессиональных проб для обучающихся 8–9 классов школ района на базе техникума",
        quality=0.58,
        experts={"expert2": "draft", "expert3": "submitted"},
        passport=_passport(
            extra_norms="Концепция профориентационного минимума; проект «Билет в будущее»",
            authors="Зайцев Игорь Владимирович, директор; Носова Екатерина Андреевна, руководитель центра "
            "профориентации",
            main_idea="Техникум открывает мастерские для школьников района: за учебный год каждый участник проходит "
            "пробы по трём профессиям и получает рекомендации по выбору профиля.",
            goal="Апробировать модель профессиональных проб для обучающихся 8–9 классов на базе техникума.",
            tasks="· разработать программы профессиональных проб по пяти профессиям;\n· составить график проб для "
            "школ района;\n· провести апробацию и оценку модели.",
            significance="Проект отвечает задачам профориентационного минимума и проекта «Билет в будущее».",
            novelty="Пробы проводятся циклом в течение года с обратной связью школе и родителям.",
            practical_significance="Модель может использоваться техникумом и школами района ежегодно.",
            year_tasks="· разработать программы проб;\n· провести пробы для 100 обучающихся.",
            expected_results="· 200 обучающихся прошли пробы;\n· программы проб по пяти профессиям.",
            resources="Мастерские техникума, мастера производственного обучения.",
            partners="Школы г. Амурска; центр занятости населения.",
            experience="Техникум — стажировочная площадка по профессиональному обучению школьников (деятельность "
            "приостановлена на время ремонта).",
        ),
    ),
    Spec(
        org="amur-litovko",
        kind="МИП",
        theme="«Читающий посёлок»: модель формирования читательской грамотности младших школьников в малокомплектной "
        "школе",
        quality=0.66,
        experts={"expert1": "accepted", "expert2": "pending", "expert3": "pending"},
        passport=_passport(
            extra_norms="ФГОС начального общего образования; Концепция программы поддержки детского и юношеского "
            "чтения",
            authors="Ефимова Людмила Ивановна, директор; Сидорова Валентина Петровна, учитель начальных классов",
            main_idea="В малокомплектной школе в одном классе учатся дети разного возраста. Разновозрастные "
            "читательские группы, семейное чтение и «книжные маршруты» по посёлку делают чтение общим делом школы, "
            "семьи и библиотеки.",
            goal="Создать модель формирования читательской грамотности младших школьников в условиях "
            "малокомплектной школы.",
            tasks="· разработать программу разновозрастных читательских групп;\n· организовать семейное чтение с "
            "поселковой библиотекой;\n· подобрать диагностические работы по читательской грамотности;\n· обобщить "
            "опыт для малокомплектных школ района.",
            significance="Проект отвечает задаче повышения качества образования в сельских малокомплектных школах.",
            novelty="Разновозрастная организация чтения используется как ресурс, а не как ограничение "
            "малокомплектной школы.",
            practical_significance="Программа и диагностические материалы применимы в малокомплектных школах района "
            "и края.",
            year_tasks="· провести стартовую диагностику;\n· открыть две читательские группы;\n· провести три "
            "семейных чтения.",
            expected_results="· доля младших школьников с базовым уровнем читательской грамотности — не менее 80 %;\n"
            "· программа разновозрастных читательских групп;\n· участие 70 % семей в семейном чтении.",
            resources="Кадровые: три учителя начальных классов, библиотекарь. Материально-технические: школьная и "
            "поселковая библиотеки. Финансовые: муниципальное задание.",
            partners="Поселковая библиотека п. Литовко; МБОУ СОШ с. Вознесенское.",
            experience="Учителя школы — участники муниципального сетевого сообщества учителей начальных классов.",
        ),
    ),
]

CONTEST_APPLICATIONS = [
    Spec(
        org="amur-cvr",
        theme="«Техническое творчество без границ»: сетевая программа по робототехнике для сельских школ района",
        passport={
            "authors": "Михайлова Елена Олеговна, директор; Осипов Роман Игоревич, педагог дополнительного образования",
            "main_idea": "Педагог центра ведёт занятия по робототехнике одновременно для групп трёх сельских школ: "
            "наборы передаются по графику, занятия идут очно и дистанционно.",
            "goal": "Обеспечить доступ обучающихся сельских школ к дополнительному образованию технической "
            "направленности.",
            "novelty": "Сетевая форма реализации программы с «кочующими» наборами и смешанными занятиями.",
            "practical_significance": "Программа и график обмена наборами готовы к использованию другими "
            "учреждениями дополнительного образования.",
            "expected_results": "За два года программой охвачены 64 обучающихся трёх сельских школ; шесть команд "
            "участвовали в краевых соревнованиях.",
            "resources": "Шесть наборов робототехники, ноутбуки, педагог дополнительного образования.",
        },
    ),
    Spec(
        org="amur-sosh1",
        by="teacher",
        submit=False,
        theme="«Лаборатория юного физика»: исследовательские проекты на уроках и во внеурочной деятельности",
        passport={
            "authors": "Петров Пётр Алексеевич, учитель физики",
            "main_idea": "Обучающиеся 7–9 классов проводят исследования с цифровыми датчиками «Точки роста» и "
            "представляют их на школьной научной конференции.",
            "goal": "Развитие исследовательских умений обучающихся на уроках физики и во внеурочной деятельности.",
        },
    ),
]
