"""Demo pieces that make the tour of the README show every feature from the demo accounts (issue 20, point 11):

- an open status competition the school head (`orgadmin`) can apply to;
- a blind competition in expert review: experts see depersonalised applications; `expert3` recused himself from
  one of them for a conflict of interest;
- an event whose seats are taken, with a waiting list the teacher (`teacher`) is on;
- ratings and comments of published practices (the public expertise of the data bank), one comment waiting for
  the moderator;
- the district's Совет по управлению инновациями (a management council, BodyKind.MANAGEMENT_COUNCIL) with its
  members and a planned meeting.

Built through the services, like the rest of the demo; idempotent (each piece is skipped when already there); mails
nobody. Loaded after the other demo modules, because it uses their calls, practices and events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership, User
from innoinfra.council import services as council_services
from innoinfra.council.enums import AgendaKind
from innoinfra.council.models import Meeting
from innoinfra.events import services as event_services
from innoinfra.events.enums import EventFormat
from innoinfra.events.models import Event
from innoinfra.practices.enums import PracticeState
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Body, BodyKind
from innoinfra.registry.models import SiteKind
from innoinfra.review import services
from innoinfra.review.catalogue import STATUS_RUBRIC
from innoinfra.review.enums import CallPurpose, StageKind
from innoinfra.review.models import Rubric
from innoinfra.translator import services as translator_services
from innoinfra.translator.models import CRITERIA, Comment, CommentState, Rating
from innoinfra.translator.rules import is_practice_author

from . import events as events_demo
from . import review as review_demo
from .review.applicants import CURRENT

DAY = dt.timedelta(days=1)
OPEN_STATUS_TITLE = "Конкурс на присвоение статуса муниципальной апробационной площадки"
BLIND_TITLE = "Конкурс на присвоение статуса опорной площадки (слепая экспертиза)"
WAITLIST_TITLE = "Мастер-класс «Кейс-метод на уроке»: мест нет, открыт лист ожидания"
MANAGEMENT_COUNCIL = "Совет по управлению инновациями Амурского муниципального района"


def load(registry: dict, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    with review_demo._no_emails(), events_demo._no_emails():
        world = _world(registry, today)
        _open_status_call(world)
        _blind_call(world)
        _waiting_list(registry, world)
        _public_expertise(world)
        _management_council(registry, world)


def _world(registry: dict, today: dt.date) -> review_demo.World:
    amursky = registry["municipalities"]["amursky"]
    usernames = [*review_demo.EXPERTS, "methodist", "orgadmin", "teacher", "authority", "moderator"]
    return review_demo.World(
        today=today,
        amursky=amursky,
        orgs={**registry["organizations"], **review_demo._organizations(amursky)},
        people={u.username: u for u in User.objects.filter(username__in=usernames)},
        body=Body.objects.filter(municipality=amursky, kind=BodyKind.EXPERT_COUNCIL).order_by("pk").first(),
        kinds={k.abbreviation: k for k in SiteKind.objects.all()},
    )


def _open_status_call(world) -> None:
    """Open now, no applications yet: the school head finds «Подать заявку» on its page."""
    if review_demo._exists(world, OPEN_STATUS_TITLE):
        return
    today = world.today
    call = services.create_call(
        title=f"{OPEN_STATUS_TITLE} в {today.year} году",
        municipality=world.amursky,
        rubric=Rubric.objects.get(name=STATUS_RUBRIC),
        by=world.people["methodist"],
        purpose=CallPurpose.STATUS,
        site_kinds=[world.kinds[k] for k in ("МАП",) if k in world.kinds],
        panel=world.experts,
        body=world.body,
        is_published=True,
        description="Отбор образовательных организаций Амурского муниципального района на статус муниципальной "
        "апробационной площадки: апробация примерных рабочих программ, учебных пособий и цифровых ресурсов. "
        "Заявку подаёт руководитель организации.",
    )
    services.set_stages(
        call,
        [
            (StageKind.APPLICATIONS, today - 5 * DAY, today + 25 * DAY),
            (StageKind.FORMAL_CHECK, today + 26 * DAY, today + 30 * DAY),
            (StageKind.REVIEW, today + 31 * DAY, today + 50 * DAY),
            (StageKind.MEETING, today + 51 * DAY, today + 58 * DAY),
            (StageKind.RESULTS, today + 59 * DAY, today + 75 * DAY),
        ],
    )


def _blind_call(world) -> None:
    """In review today; the experts read depersonalised copies; expert3 recused himself from one application."""
    if review_demo._exists(world, BLIND_TITLE) or "МОП" not in world.kinds:
        return
    today, methodist = world.today, world.people["methodist"]
    review_start = today - 5 * DAY
    call = services.create_call(
        title=f"{BLIND_TITLE}, {today.year}",
        municipality=world.amursky,
        rubric=Rubric.objects.get(name=STATUS_RUBRIC),
        by=methodist,
        purpose=CallPurpose.STATUS,
        site_kinds=[world.kinds["МОП"]],
        panel=world.experts,
        body=world.body,
        is_published=True,
        is_blind=True,
        description="Слепая экспертиза: эксперты оценивают обезличенные копии заявок и не знают, какая организация "
        "подала заявку, пока совет не откроет имена на заседании.",
    )
    services.set_stages(
        call,
        [
            (StageKind.APPLICATIONS, review_start - 30 * DAY, review_start - 8 * DAY),
            (StageKind.FORMAL_CHECK, review_start - 7 * DAY, review_start - DAY),
            (StageKind.REVIEW, review_start, today + 14 * DAY),
            (StageKind.MEETING, today + 15 * DAY, today + 22 * DAY),
            (StageKind.RESULTS, today + 23 * DAY, today + 40 * DAY),
        ],
    )
    specs = [spec for spec in CURRENT if spec.org in ("amur-sosh2", "amur-ds15") and spec.org in world.orgs][:2]
    # expert2 scores, expert3 recuses from the first; the chair stands in where either is related to the applicant
    order = [world.people["expert2"], world.people["expert3"], world.people["expert1"]]
    for index, spec in enumerate(specs):
        spec = dataclasses.replace(spec, kind="МОП", by=None)
        application = review_demo._apply(world, call, spec)
        services.submit(application, by=methodist, day=review_start - (10 - index) * DAY)
        services.save_blind_copy(
            application,
            theme=f"Проект {index + 1}: {BLIND_THEMES[index % len(BLIND_THEMES)]}",
            passport=dict(application.passport),
            by=methodist,
        )
        services.send_to_review(application, by=methodist)
        first_expert, second_expert = [e for e in order if not services.conflict_reason(e, application)][:2]
        first = services.assign(application, first_expert, by=methodist)
        second = services.assign(application, second_expert, by=methodist)
        review_demo._review(first, first_expert, spec, 0, submit=index == 0)
        if index == 0:
            services.recuse(
                second, by=second_expert, reason="Работал в организации-заявителе до 2024 года — конфликт интересов."
            )


BLIND_THEMES = (
    "опорная площадка по сопровождению педагогов в освоении обновлённых ФГОС",
    "опорная площадка по ранней профориентации обучающихся",
)


def _waiting_list(registry: dict, world) -> None:
    """A master class whose five seats are taken; the teacher registered after them and waits for a seat."""
    organizer = registry["organizations"].get("amur-sosh1") or next(iter(registry["organizations"].values()))
    if Event.objects.filter(title=WAITLIST_TITLE, organizer=organizer).exists():
        return
    now = timezone.now()
    methodist, teacher = world.people["methodist"], world.people.get("teacher")
    starts = timezone.localtime(now).replace(hour=15, minute=0, second=0, microsecond=0) + 12 * DAY
    event = event_services.create_event(
        by=methodist,
        title=WAITLIST_TITLE,
        format=EventFormat.MASTER_CLASS,
        organizer=organizer,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="г. Амурск, МБОУ СОШ № 1, кабинет 21",
        online_url="",
        audience="Учителя основной школы",
        audience_group=events_demo._audience_group("Учителя основной школы"),
        capacity=5,
        description="Практическое занятие по кейс-методу для учителей основной школы. Мест пять: кто "
        "зарегистрировался позже, попадает в лист ожидания и получает место, если кто-то отменит регистрацию.",
    )
    event_services.publish_event(event, by=methodist)
    events_demo._people(event, "МБОУ СОШ № 2 г. Амурска", 6, now=now - 2 * DAY)
    if teacher is not None:
        event_services.register(
            event=event,
            user=teacher,
            full_name=teacher.full_name,
            organization_name=teacher.organization.short_name if teacher.organization else "",
            position=teacher.position,
            email=teacher.email,
            consent=True,
            now=now - DAY,
        )


RATINGS = {  # username → scores of novelty, significance, reproducibility, description quality
    "methodist": (5, 5, 4, 4),
    "expert1": (4, 5, 4, 5),
    "expert2": (4, 4, 3, 4),
    "teacher": (5, 4, 5, 4),
    "authority": (4, 5, 5, 4),
}
COMMENTS = [
    (
        "teacher",
        "Попробовал приём с картами понятий на уроках физики в 8 классе: ребята работают активнее. "
        "Спасибо за подробное описание этапов!",
    ),
    (
        "expert2",
        "Хорошо бы добавить в описание примеры заданий для диагностики результатов — тогда практику "
        "будет проще перенести в другую школу.",
    ),
]
PENDING_COMMENT = ("expert3", "Есть ли у авторов видеозапись открытого урока? Поделитесь ссылкой, пожалуйста.")


def _public_expertise(world) -> None:
    """Ratings and comments on the published practices of the district; one comment waits for the moderator."""
    practices = list(
        Practice.objects.filter(state=PracticeState.PUBLISHED, municipality=world.amursky).order_by("pk")[:3]
    )
    if not practices or Rating.objects.filter(practice__in=practices).exists():
        return
    moderator = world.people.get("moderator") or world.people["methodist"]
    for number, practice in enumerate(practices):
        for username, scores in RATINGS.items():
            user = world.people.get(username)
            if user is None or is_practice_author(user, practice):
                continue
            shifted = [max(1, score - (number + position) % 2) for position, score in enumerate(scores)]
            translator_services.rate(
                practice, by=user, **{name: value for (name, _), value in zip(CRITERIA, shifted, strict=True)}
            )
    first = practices[0]
    for username, text in COMMENTS:
        user = world.people.get(username)
        if user is None or is_practice_author(user, first):
            continue
        made = translator_services.comment(first, by=user, text=text)
        if made.state == CommentState.PENDING:  # premoderation (the default): the moderator let it through
            translator_services.publish(made, by=moderator)
    username, text = PENDING_COMMENT
    user = world.people.get(username)
    if user is not None and not is_practice_author(user, first):
        made = translator_services.comment(first, by=user, text=text)
        if made.state == CommentState.PUBLISHED:
            # without premoderation the comment is out at once; the moderator's queue then has nothing to show
            Comment.objects.filter(pk=made.pk).update(state=CommentState.PENDING)


MANAGEMENT_MEMBERS = [  # username, last, first, middle, position, position in the council
    ("council-zagumennova", "Загуменнова", "Лариса", "Владимировна", "начальник УОМПиС", BodyPosition.CHAIR),
    ("council-krivosheeva", "Кривошеева", "Лариса", "Петровна", "методист МКУ РМЦ", BodyPosition.SECRETARY),
    ("council-olegov", "Олегов", "Олег", "Игоревич", "председатель МЭС", BodyPosition.MEMBER),
    ("council-ivanova", "Иванова", "Ирина", "Сергеевна", "директор МБОУ СОШ № 1 г. Амурска", BodyPosition.MEMBER),
    ("council-belova", "Белова", "Марина", "Юрьевна", "заместитель директора МБОУ СОШ № 1", BodyPosition.MEMBER),
]


def _management_council(registry: dict, world) -> None:
    """The council that steers the district's innovation infrastructure (Порядок Амурского района): not the
    expert council; it approves the roadmap and hears the yearly results. Staff see it under «Совет»."""
    body, created = Body.objects.get_or_create(
        name=MANAGEMENT_COUNCIL,
        defaults={
            "short_name": "Совет по управлению инновациями",
            "kind": BodyKind.MANAGEMENT_COUNCIL,
            "municipality": world.amursky,
        },
    )
    if not created:
        return
    for username, last, first, middle, position, body_position in MANAGEMENT_MEMBERS:
        user, made = User.objects.get_or_create(
            username=username,
            defaults=dict(last_name=last, first_name=first, middle_name=middle, position=position),
        )
        if made:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=Role.EXPERT, body=body, body_position=body_position)
    if Meeting.objects.filter(body=body).exists():
        return
    meeting = council_services.create_meeting(
        body=body, date=world.today + 20 * DAY, by=world.people["methodist"], place="г. Амурск, УОМПиС, зал заседаний"
    )
    for title in (
        "О ходе выполнения плана мероприятий («дорожной карты») развития инновационной инфраструктуры",
        "Об итогах мониторинга инновационной деятельности образовательных организаций за учебный год",
    ):
        council_services.add_agenda_item(meeting, kind=AgendaKind.OTHER, title=title)
