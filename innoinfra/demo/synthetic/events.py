"""Events of the synthetic region, for benchmarks (`generate_synthetic`).

At region scale: 5 000 events over the last and the current academic year — every format and audience, organized
by the region's schools, kindergartens, centres and education authorities, a third of them on the base of a site —
and 100 000 registrations of teachers with Russian names: a few conferences with several hundred participants,
most seminars with a few dozen. Past events are mostly held (their participants attended or did not come), coming
ones published with confirmed participants and, where the seats ran out, a waiting list. Bulk inserts throughout.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager

from django.utils import timezone

from innoinfra.demo.synthetic.registry import CONDITIONS, FATHERS, GOALS, LEARNERS, MEANS, MEN, RESULTS, SURNAMES, WOMEN
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.events.enums import COURSE_FORMATS, AssessmentForm, Audience, EventFormat, EventState, RegistrationState
from innoinfra.events.models import Certificate, CertificateBatch, Event, Feedback, Material, Registration, Session
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site

SCALES = {
    "small": {"events": 300, "registrations": 6000},
    "region": {"events": 5000, "registrations": 100000},
}
BATCH = 2000
# No event draws more people than a big regional conference hall holds.
MOST_PARTICIPANTS = 900
EF = EventFormat
# format → (weight among events, typical number of registrations, hours it lasts)
FORMATS = {
    EF.SEMINAR: (25, 25, 2),
    EF.WEBINAR: (18, 45, 1.5),
    EF.MASTER_CLASS: (15, 15, 1.5),
    EF.ROUND_TABLE: (8, 18, 2),
    EF.CONFERENCE: (3, 220, 6),
    EF.CONFERENCE_SECTION: (6, 30, 2),
    EF.CONTEST: (4, 20, 24 * 20),
    EF.MEETING: (12, 20, 1.5),
    EF.COURSE: (9, 28, 24 * 4 + 6),
    EF.INTERNSHIP: (2, 12, 24 * 2 + 6),
}
# September … August: autumn and spring are busy, summer is almost empty.
MONTH_WEIGHTS = {9: 8, 10: 12, 11: 12, 12: 9, 1: 5, 2: 10, 3: 12, 4: 12, 5: 8, 6: 3, 7: 1, 8: 5}
STARTS = [dt.time(10), dt.time(10), dt.time(11), dt.time(14), dt.time(14, 30), dt.time(15), dt.time(15, 30)]
AUDIENCES = [(a, w) for a, w in zip(Audience, (30, 12, 12, 8, 10, 4, 3), strict=True)] + [("", 8)]
AUDIENCE_TEXT = {
    Audience.TEACHERS: "Педагоги общеобразовательных организаций",
    Audience.YOUNG_TEACHERS: "Молодые педагоги со стажем до трёх лет",
    Audience.HEADS: "Руководители и заместители руководителей образовательных организаций",
    Audience.METHODISTS: "Методисты, руководители методических объединений",
    Audience.PRESCHOOL: "Воспитатели и специалисты дошкольных образовательных организаций",
    Audience.STUDENTS: "Обучающиеся 7–11 классов и их наставники",
    Audience.PARENTS: "Родители (законные представители) обучающихся",
}
POSITIONS = ["учитель начальных классов", "учитель математики", "учитель русского языка и литературы",
             "учитель английского языка", "учитель физики", "учитель истории и обществознания", "воспитатель",
             "старший воспитатель", "педагог дополнительного образования", "педагог-психолог", "учитель-логопед",
             "заместитель директора по УВР", "методист", "директор", "советник директора по воспитанию"]  # fmt: skip
MAIL_DOMAINS = ["mail.example.ru", "yandex.example.ru", "edu.example.ru", "inbox.example.ru"]
LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l",
             "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
             strict=True))  # fmt: skip
MEETINGS = ["Совещание руководителей инновационных площадок", "Совещание заместителей директоров по УВР",
            "Установочное совещание координаторов инновационной деятельности",
            "Совещание по итогам мониторинга инновационной деятельности"]  # fmt: skip


def generate_events(region_name: str, scale: str = "small", seed: int = 1) -> dict[str, int]:
    sizes = scaled(SCALES, scale)
    rng = random.Random(seed)
    now = timezone.now()
    organizations = list(
        Organization.objects.filter(municipality__region__name=region_name)
        .only("short_name", "address", "type", "municipality_id")
        .order_by("pk")
    )
    sites = list(
        Site.objects.filter(lead_organization__municipality__region__name=region_name)
        .select_related("lead_organization", "kind")
        .only("kind__abbreviation", "lead_organization__short_name", "lead_organization__address",
              "lead_organization__type", "lead_organization__municipality_id")
        .order_by("pk")
    )  # fmt: skip
    events = Event.objects.bulk_create(_events(rng, sizes["events"], organizations, sites, now), batch_size=BATCH)
    registrations = _registrations(rng, sizes["registrations"], events, organizations, now)
    with _own_created_at(Registration):
        for start in range(0, len(registrations), BATCH):
            Registration.objects.bulk_create(registrations[start : start + BATCH])
    return {"мероприятий": len(events), "регистраций": len(registrations)}


def delete_events(region_name: str) -> None:
    ids = list(Event.objects.filter(municipality__region__name=region_name).values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        Feedback.objects.filter(registration__event_id__in=chunk).delete()
        Certificate.objects.filter(event_id__in=chunk).delete()
        for model in (CertificateBatch, Session, Material, Event.plan_items.through):
            model.objects.filter(event_id__in=chunk).delete()
        # Django's delete() loads every row to send the signals the history app listens to: minutes for 100 000
        # registrations. What refers to these rows is deleted above; anything new would fail the commit loudly.
        Registration.objects.filter(event_id__in=chunk)._raw_delete(Registration.objects.db)
        Event.objects.filter(pk__in=chunk)._raw_delete(Event.objects.db)


@contextmanager
def _own_created_at(model):
    """bulk_create stamps auto_now_add fields with the present moment; synthetic rows bring their own past dates."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _academic_months(today: dt.date) -> list[tuple[dt.date, int]]:
    """The 24 months of last academic year and this one, with their weights."""
    first_year = today.year - 1 if today.month >= 9 else today.year - 2
    months = []
    for index in range(24):
        month = (8 + index) % 12 + 1
        year = first_year + (8 + index) // 12
        months.append((dt.date(year, month, 1), MONTH_WEIGHTS[month]))
    return months


def _day(rng: random.Random, first: dt.date) -> dt.date:
    following = (first + dt.timedelta(days=32)).replace(day=1)
    day = first + dt.timedelta(days=rng.randrange((following - first).days))
    if day.weekday() >= 5 and rng.random() < 0.9:  # events are held on weekdays, a few on Saturday
        day -= dt.timedelta(days=day.weekday() - 4)
    return max(day, first)


def _topic(rng: random.Random) -> str:
    template = rng.random()
    if template < 0.35:
        return f"Формирование {rng.choice(GOALS)} {rng.choice(LEARNERS)}"
    if template < 0.6:
        means = rng.choice(MEANS)
        return f"{means[0].upper()}{means[1:]} как ресурс {rng.choice(RESULTS)}"
    if template < 0.85:
        return f"Развитие {rng.choice(GOALS)} в условиях {rng.choice(CONDITIONS)}"
    return f"Инновационные практики {rng.choice(RESULTS)}"


def _title(rng: random.Random, format_: str, n: int) -> str:
    topic = _topic(rng)
    return {
        EF.SEMINAR: f"Семинар «{topic}»",
        EF.WEBINAR: f"Вебинар «{topic}»",
        EF.MASTER_CLASS: f"Мастер-класс «{topic}»",
        EF.ROUND_TABLE: f"Круглый стол «{topic}»",
        EF.CONFERENCE: f"Научно-практическая конференция «{topic}»",
        EF.CONFERENCE_SECTION: f"Секция {n % 7 + 1} конференции: {topic[0].lower()}{topic[1:]}",
        EF.CONTEST: f"Конкурс методических разработок «{topic}»",
        EF.MEETING: rng.choice(MEETINGS),
        EF.COURSE: f"Курсы повышения квалификации «{topic}» (36 ч)",
        EF.INTERNSHIP: f"Стажировка «{topic}» (24 ч)",
    }[format_]


def _events(rng, count, organizations, sites, now) -> list[Event]:
    tz = timezone.get_current_timezone()
    months, month_weights = zip(*_academic_months(timezone.localdate(now)), strict=True)
    formats, format_weights = list(FORMATS), [w for w, _size, _hours in FORMATS.values()]
    audiences, audience_weights = zip(*AUDIENCES, strict=True)
    authorities = [o for o in organizations if o.type == OrganizationType.AUTHORITY]
    # Some organizations run events all the time, most now and then, many never.
    active = rng.sample(organizations, len(organizations) // 3)
    rows = []
    for n in range(count):
        format_ = rng.choices(formats, format_weights)[0]
        site = None
        roll = rng.random()
        if format_ == EF.MEETING or (format_ == EF.CONFERENCE and roll < 0.7) or roll < 0.1:
            organizer = rng.choice(authorities)
        elif roll < 0.45 and sites:
            site = rng.choice(sites)
            organizer = site.lead_organization
        else:
            organizer = rng.choice(active)
        day = _day(rng, rng.choices(months, month_weights)[0])
        starts = dt.datetime.combine(day, rng.choice(STARTS), tzinfo=tz)
        hours = FORMATS[format_][2]
        ends = starts + dt.timedelta(hours=hours)
        online = format_ == EF.WEBINAR or rng.random() < 0.12
        past = ends < now
        if past:
            state = rng.choices([EventState.HELD, EventState.PUBLISHED, EventState.CANCELLED], [85, 10, 5])[0]
        else:
            state = rng.choices([EventState.PUBLISHED, EventState.DRAFT, EventState.CANCELLED], [82, 12, 6])[0]
        published_at = None
        if state != EventState.DRAFT:
            published_at = min(starts - dt.timedelta(days=rng.randint(7, 45), hours=rng.randint(0, 8)), now)
        typical = FORMATS[format_][1]
        capacity = None
        if rng.random() < 0.35 and format_ != EF.CONTEST:
            capacity = max(8, round(typical * rng.uniform(0.7, 1.6) / 5) * 5)
        audience = rng.choices(audiences, audience_weights)[0]
        rows.append(
            Event(
                title=_title(rng, format_, n),
                format=format_,
                organizer=organizer,
                site=site,
                municipality_id=organizer.municipality_id,
                starts_at=starts,
                ends_at=ends,
                place="" if online else organizer.address,
                online_url=f"https://webinar.example.ru/room/{n + 1}" if online else "",
                audience_group=audience,
                audience=AUDIENCE_TEXT.get(audience, "Все заинтересованные педагоги"),
                capacity=capacity,
                registration_deadline=starts - dt.timedelta(days=1) if rng.random() < 0.2 else None,
                requires_approval=rng.random() < 0.05,
                description=f"Участники познакомятся с опытом {organizer.short_name} и обсудят условия "
                f"{rng.choice(RESULTS)}.",
                state=state,
                published_at=published_at,
                # a course is a ДПП of 36 hours ending in a зачёт, as its title says
                hours={EF.COURSE: 36, EF.INTERNSHIP: 24}.get(format_),
                assessment_form=AssessmentForm.CREDIT if format_ in COURSE_FORMATS else "",
            )
        )
    return rows


def _spread(rng: random.Random, events: list[Event], total: int) -> list[int]:
    """How many registrations each event gets: around its format's typical size, adding up to `total`."""
    weights = [
        0.0 if e.state == EventState.DRAFT else FORMATS[e.format][1] * rng.lognormvariate(0, 0.6) for e in events
    ]
    scale = total / sum(weights)
    counts = [min(MOST_PARTICIPANTS, int(w * scale)) for w in weights]
    open_ = [i for i, w in enumerate(weights) if w]
    while (missing := total - sum(counts)) > 0:
        for i in rng.sample(open_, min(missing, len(open_))):
            if counts[i] < MOST_PARTICIPANTS:
                counts[i] += 1
    return counts


def _registrations(rng, total, events, organizations, now) -> list[Registration]:
    by_municipality: dict[int, list[str]] = {}
    for org in organizations:
        if org.type != OrganizationType.AUTHORITY:
            by_municipality.setdefault(org.municipality_id, []).append(org.short_name)
    everywhere = [name for names in by_municipality.values() for name in names]
    rows = []
    for event, count in zip(events, _spread(rng, events, total), strict=True):
        if not count:
            continue
        opened = event.published_at or event.starts_at - dt.timedelta(days=14)
        closes = min(event.starts_at, now)
        span = max((closes - opened).total_seconds(), 60.0)
        moments = sorted(opened + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
        seated = 0
        local = by_municipality.get(event.municipality_id, everywhere)
        for k, created in enumerate(moments, start=1):
            full_name, latin = _person(rng)
            state = _state(rng, event, seated, now)
            seated += state in (RegistrationState.CONFIRMED, RegistrationState.ATTENDED)
            rows.append(
                Registration(
                    event=event,
                    full_name=full_name,
                    organization_name=rng.choice(local if rng.random() < 0.8 else everywhere)
                    if rng.random() < 0.9
                    else "",
                    position=rng.choice(POSITIONS) if rng.random() < 0.85 else "",
                    # k keeps the address unique within the event, as the registration constraint requires
                    email=f"{latin}{k}@{rng.choice(MAIL_DOMAINS)}",
                    phone=f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-"
                    f"{rng.randint(10, 99)}"
                    if rng.random() < 0.5
                    else "",
                    consent_at=created,
                    created_at=created,
                    state=state,
                    attended_at=event.starts_at if state == RegistrationState.ATTENDED else None,
                )
            )
    return rows


def _state(rng: random.Random, event: Event, seated: int, now) -> str:
    """A registration's state as the services would have left it, given the seats taken before it."""
    RS = RegistrationState
    if rng.random() < 0.08:
        return RS.CANCELLED
    full = event.capacity is not None and seated >= event.capacity
    if full:
        return RS.WAITING
    if event.requires_approval and event.starts_at > now and rng.random() < 0.6:
        return RS.PENDING
    if event.state == EventState.HELD and rng.random() < 0.85:
        return RS.ATTENDED
    return RS.CONFIRMED


def _person(rng: random.Random) -> tuple[str, str]:
    """«Фамилия Имя Отчество» and its Latin spelling for the e-mail address (ivanova.m)."""
    surname, woman = rng.choice(SURNAMES), rng.random() < 0.8
    first = rng.choice(WOMEN if woman else MEN)
    if woman:
        surname, father = surname + "а", rng.choice(FATHERS) + "на"
    else:
        father = rng.choice(FATHERS) + "ич"
    latin = "".join(LATIN.get(c, c) for c in surname.lower())
    return f"{surname} {first} {father}", f"{latin}.{LATIN[first[0].lower()]}"
