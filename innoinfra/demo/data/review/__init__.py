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

from .applicants import CONTEST_APPLICATIONS, CURRENT, FINISHED, NEW_ORGANIZATIONS, Spec

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
