"""Calls, applications and expert reviews of the synthetic region, for benchmarks (`generate_synthetic`).

At region scale: 2 000 applications over 41 calls — one contest of best practices with 300 of them (a municipal
contest where every school sends several practices), the others status competitions, half finished last year and
half in review now — each application scored by three experts of the region's council: 6 000 submitted reviews
with their scores. Bulk inserts throughout; the totals go through the same arithmetic as the services.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.demo.synthetic.registry import CONDITIONS, FATHERS, GOALS, LEARNERS, MEANS, MEN, RESULTS, SURNAMES, WOMEN
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Body, BodyKind, Municipality, Organization
from innoinfra.registry.models import SiteKind
from innoinfra.review.aggregation import weighted_total
from innoinfra.review.catalogue import PRACTICE_RUBRIC, STATUS_RUBRIC, install_rubrics
from innoinfra.review.enums import (
    ApplicationState,
    AssignmentState,
    CallPurpose,
    Recommendation,
    ReviewState,
    StageKind,
)
from innoinfra.review.models import (
    STAGE_DEFAULTS,
    Application,
    ApplicationEvent,
    Assignment,
    Call,
    CallStage,
    Criterion,
    Review,
    Rubric,
    Score,
)
from innoinfra.review.passport import default_form

AS = ApplicationState
SCALES = {
    "small": {"calls": 5, "applications": 120, "big_call": 40, "experts": 8, "panel": 5, "reviewers": 3},
    "region": {"calls": 41, "applications": 2000, "big_call": 300, "experts": 40, "panel": 10, "reviewers": 3},
}
EXPERT_PREFIX = "synthetic-expert-"
BODY_NAME = "Экспертный совет Синтетического региона"
BATCH = 1000
DAY = dt.timedelta(days=1)
STATUS_KINDS = ("МИП", "МАП", "МОП", "ЦТТ", "ЦК", "ИК")
PRACTICES = ["Образовательное событие", "Мастерская", "Клуб", "Лаборатория", "Школьная газета", "Квест",
             "Театральная студия", "Медиацентр", "Экологическая тропа", "Проектная сессия"]  # fmt: skip
CONCLUSIONS = {
    Recommendation.SUPPORT: "Проект актуален, цель, задачи и этапы согласованы, результаты измеримы. Рекомендую.",
    Recommendation.REVISE: "Проект значим для муниципалитета, однако результаты и ресурсы требуют доработки.",
    Recommendation.REJECT: "Новизна и результаты проекта раскрыты недостаточно. Не рекомендую в представленном виде.",
}


def generate_reviews(region_name: str, scale: str = "small", seed: int = 1) -> dict[str, int]:
    sizes = scaled(SCALES, scale, fixed=("big_call", "panel", "reviewers"))
    rng = random.Random(seed)
    install_rubrics()
    today = timezone.localdate()
    municipalities = list(Municipality.objects.filter(region__name=region_name).order_by("pk"))
    by_municipality: dict[int, list[Organization]] = {}
    organizations = Organization.objects.filter(municipality__in=municipalities).exclude(
        type=OrganizationType.AUTHORITY
    )
    for org in organizations.order_by("pk"):
        by_municipality.setdefault(org.municipality_id, []).append(org)
    body, experts = _experts(rng, sizes["experts"], [o for orgs in by_municipality.values() for o in orgs])
    calls = _calls(rng, sizes, municipalities, by_municipality, body, today)
    plan = _applications(rng, sizes, calls, by_municipality)
    reviews = _reviews(rng, sizes, plan, experts)
    return {"конкурсов": len(calls), "заявок": len(plan), "экспертиз": reviews}


def delete_reviews(region_name: str) -> None:
    calls = Call.objects.filter(municipality__region__name=region_name)
    Score.objects.filter(review__assignment__application__call__in=calls).delete()
    Review.objects.filter(assignment__application__call__in=calls).delete()
    Assignment.objects.filter(application__call__in=calls).delete()
    ApplicationEvent.objects.filter(application__call__in=calls).delete()
    Application.objects.filter(call__in=calls).delete()
    calls.delete()
    User.objects.filter(username__startswith=EXPERT_PREFIX).delete()
    Body.objects.filter(name=BODY_NAME).delete()


def _experts(rng: random.Random, count: int, organizations: list[Organization]) -> tuple[Body, list[User]]:
    body = Body.objects.create(name=BODY_NAME, short_name="ЭС Синтетического региона", kind=BodyKind.EXPERT_COUNCIL)
    users = []
    for index in range(count):
        woman = rng.random() < 0.75
        users.append(
            User(
                username=f"{EXPERT_PREFIX}{index + 1}",
                password="!",  # unusable: nobody logs in as a synthetic expert except through the benchmark
                last_name=rng.choice(SURNAMES) + ("а" if woman else ""),
                first_name=rng.choice(WOMEN if woman else MEN),
                middle_name=rng.choice(FATHERS) + ("на" if woman else "ич"),
                position=rng.choice(["Методист", "Заместитель директора", "Учитель высшей категории", "Директор"]),
                organization=rng.choice(organizations),
            )
        )
    users = User.objects.bulk_create(users)
    Membership.objects.bulk_create(Membership(user=u, role=Role.EXPERT, body=body) for u in users)
    return body, users


def _stages(call: Call, today: dt.date, *, running: str | None = None) -> list[CallStage]:
    """A 88-day timetable: last year's autumn for a finished call (running=None), or laid out so that the `running`
    stage is near its end today (the reviews of a call in review are all in, none of them dated in the future)."""
    kinds = [StageKind.APPLICATIONS, StageKind.FORMAL_CHECK, StageKind.REVIEW, StageKind.MEETING, StageKind.RESULTS]
    lengths = [30, 7, 21, 10, 20]
    if running is None:
        start = dt.date(today.year - 1, 9, 1)
    else:
        index = kinds.index(running)
        start = today - (sum(lengths[:index]) + lengths[index] - 2) * DAY
    rows = []
    for kind, length in zip(kinds, lengths, strict=True):
        rows.append(CallStage(call=call, kind=kind, starts_on=start, ends_on=start + (length - 1) * DAY,
                              **STAGE_DEFAULTS[kind]))  # fmt: skip
        start += length * DAY
    return rows


def _calls(rng, sizes, municipalities, by_municipality, body, today) -> list[Call]:
    status = Rubric.objects.get(name=STATUS_RUBRIC)
    practice = Rubric.objects.get(name=PRACTICE_RUBRIC)
    largest = max(municipalities, key=lambda m: len(by_municipality.get(m.pk, [])))
    calls = [
        Call(
            title=f"Муниципальный конкурс лучших практик «Инновационный поиск — {today.year}» ({largest.name})",
            purpose=CallPurpose.CONTEST,
            municipality=largest,
            rubric=practice,
            form_fields=default_form(CallPurpose.CONTEST),
            body=body,
            experts_per_application=sizes["reviewers"],
            is_published=True,
        )
    ]
    others = [m for m in municipalities if m.pk != largest.pk and by_municipality.get(m.pk)]
    for index in range(sizes["calls"] - 1):
        municipality = others[index % len(others)]
        finished = index % 2 == 1
        year = today.year - 1 if finished else today.year
        calls.append(
            Call(
                title=f"Конкурс на присвоение статуса муниципальной инновационной площадки в {year} году "
                f"({municipality.name})",
                purpose=CallPurpose.STATUS,
                municipality=municipality,
                rubric=status,
                form_fields=default_form(CallPurpose.STATUS),
                body=body,
                experts_per_application=sizes["reviewers"],
                is_published=True,
                decisions_released_at=timezone.now() if finished else None,
            )
        )
    calls = Call.objects.bulk_create(calls)
    kinds = list(SiteKind.objects.filter(abbreviation__in=STATUS_KINDS))
    criteria = {
        rubric.pk: list(Criterion.objects.filter(rubric=rubric).order_by("position")) for rubric in (status, practice)
    }
    for index, call in enumerate(calls):
        call.finished = call.decisions_released_at is not None
        running = StageKind.MEETING if index == 0 else None if call.finished else StageKind.REVIEW
        # Plain attributes for the steps below: the timetable, the statuses on offer, the rubric's criteria.
        call.stage_list = _stages(call, today, running=running)
        call.kinds = kinds if call.purpose == CallPurpose.STATUS else [None]
        call.criteria = criteria[call.rubric_id]
    CallStage.objects.bulk_create([s for call in calls for s in call.stage_list], batch_size=BATCH)
    Call.site_kinds.through.objects.bulk_create(
        Call.site_kinds.through(call=call, sitekind=kind) for call in calls[1:] for kind in kinds
    )
    return calls


def _theme(rng: random.Random, purpose: str) -> str:
    if purpose == CallPurpose.CONTEST:
        return f"{rng.choice(PRACTICES)} как средство развития {rng.choice(GOALS)} {rng.choice(LEARNERS)}"
    if rng.random() < 0.6:
        return f"Формирование {rng.choice(GOALS)} {rng.choice(LEARNERS)} через {rng.choice(MEANS)}"
    return f"Развитие {rng.choice(GOALS)} {rng.choice(LEARNERS)} в условиях {rng.choice(CONDITIONS)}"


def _passport(rng: random.Random, call: Call, theme: str) -> dict:
    result = rng.choice(RESULTS)
    texts = {
        "authors": f"{rng.choice(SURNAMES)}а {rng.choice(WOMEN)} {rng.choice(FATHERS)}на, директор",
        "main_idea": f"{theme}: создание условий для {result}.",
        "goal": f"Создать и апробировать модель: {theme[0].lower()}{theme[1:]}.",
        "tasks": "· провести диагностику;\n· разработать программу;\n· апробировать программу;\n· обобщить опыт.",
        "novelty": f"Сочетание подходов, впервые применённое в муниципалитете для {result}.",
        "expected_results": f"Рост доли обучающихся с базовым уровнем {rng.choice(GOALS)} на 15 %.",
        "resources": "Педагоги организации, оборудование центра «Точка роста», муниципальное задание.",
    }
    return {code: texts.get(code, f"Раздел «{code}» заполнен по форме конкурса.") for code in call.form_fields}


def _applications(rng, sizes, calls, by_municipality) -> list[tuple[Application, Call, float]]:
    """(application, its call, its quality) in creation order; states follow the call's stage."""
    counts = [sizes["big_call"]]
    rest, others = sizes["applications"] - sizes["big_call"], len(calls) - 1
    counts += [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    rows = []
    for call, count in zip(calls, counts, strict=True):
        organizations = by_municipality[call.municipality_id]
        if call.purpose == CallPurpose.CONTEST:
            leads = [organizations[i % len(organizations)] for i in range(count)]  # several practices per school
        else:
            leads = rng.sample(organizations, min(count, len(organizations)))
            leads += rng.choices(organizations, k=count - len(leads))
        submitted = timezone.make_aware(dt.datetime.combine(call.stage_list[0].ends_on, dt.time(12)))
        for number, lead in enumerate(leads, start=1):
            theme = _theme(rng, call.purpose)
            quality = min(max(rng.gauss(0.65, 0.15), 0.1), 0.98)
            start = dt.date(call.stage_list[-1].ends_on.year + 1, 1, 1)
            application = Application(
                call=call,
                number=number,
                lead_organization=lead,
                site_kind=rng.choice(call.kinds),
                theme=theme,
                passport=_passport(rng, call, theme),
                start_date=start if call.purpose == CallPurpose.STATUS else None,
                end_date=start.replace(year=start.year + 3) - DAY if call.purpose == CallPurpose.STATUS else None,
                state=AS.REVIEWED,
                submitted_at=submitted - number * dt.timedelta(minutes=17),
            )
            rows.append((application, call, quality))
    Application.objects.bulk_create([a for a, _c, _q in rows], batch_size=BATCH)
    return rows


def _levels(rng, criteria, quality: float, harshness: float) -> dict[int, int]:
    levels = {}
    for criterion in criteria:
        span = criterion.max_level - criterion.min_level
        value = criterion.min_level + span * (quality + harshness) + rng.gauss(0, 0.12 * span)
        levels[criterion.pk] = min(max(round(value), criterion.min_level), criterion.max_level)
    return levels


def _reviews(rng, sizes, plan, experts) -> int:
    """Three experts per application from its call's panel, never one of the applicant's own school."""
    harshness = {e.pk: rng.gauss(0, 0.08) for e in experts}
    panels = {call.pk: rng.sample(experts, sizes["panel"]) for _a, call, _q in plan}
    Panel = Call.panel.through
    Panel.objects.bulk_create(Panel(call_id=pk, user=u) for pk, users in panels.items() for u in users)
    assignments, reviews, levels, events, decided = [], [], [], [], []
    for application, call, quality in plan:
        stages = {s.kind: s for s in call.stage_list}
        review_start = _moment(stages[StageKind.REVIEW].starts_on, 10)
        weights = {c.pk: c.weight for c in call.criteria}
        maximum = sum(c.max_points for c in call.criteria)
        eligible = [e for e in panels[call.pk] if e.organization_id != application.lead_organization_id]
        shares = []
        for position, expert in enumerate(rng.sample(eligible, sizes["reviewers"])):
            when = review_start + (1 + rng.randrange(18)) * DAY + position * dt.timedelta(hours=1)
            assignment = Assignment(application=application, expert=expert, state=AssignmentState.ACCEPTED,
                                    assigned_at=review_start, responded_at=when)  # fmt: skip
            scored = _levels(rng, call.criteria, quality, harshness[expert.pk])
            total = weighted_total(scored, weights)
            shares.append(total / maximum)
            recommendation = (
                Recommendation.SUPPORT
                if shares[-1] >= Decimal("0.7")
                else Recommendation.REVISE
                if shares[-1] >= Decimal("0.55")
                else Recommendation.REJECT
            )
            assignments.append(assignment)
            reviews.append(
                Review(assignment=assignment, state=ReviewState.SUBMITTED, conclusion=CONCLUSIONS[recommendation],
                       recommendation=recommendation, total=total, submitted_at=when)
            )  # fmt: skip
            levels.append((scored, call.criteria))
        last = max(r.submitted_at for r in reviews[-sizes["reviewers"] :])
        events += _history(application, review_start, last)
        if call.finished:
            passed = sum(shares) / len(shares) >= call.pass_threshold
            decided.append((application, passed, _moment(stages[StageKind.MEETING].starts_on + 2 * DAY, 16)))
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    Review.objects.bulk_create(reviews, batch_size=BATCH)
    scores = []
    for review, (scored, criteria) in zip(reviews, levels, strict=True):
        for criterion in criteria:
            value = scored[criterion.pk]
            low = criterion.comment_required_below is not None and value < criterion.comment_required_below
            scores.append(
                Score(
                    review=review, criterion=criterion, value=value, comment=criterion.meaning_of(value) if low else ""
                )
            )
    Score.objects.bulk_create(scores, batch_size=5 * BATCH)
    events += _decisions(decided)
    ApplicationEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(reviews)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _history(application: Application, review_start, reviewed) -> list[ApplicationEvent]:
    submitted = application.submitted_at
    return [
        ApplicationEvent(application=application, to_state=AS.DRAFT, at=submitted - 10 * DAY, comment="Заявка создана"),
        ApplicationEvent(application=application, from_state=AS.DRAFT, to_state=AS.SUBMITTED, at=submitted),
        ApplicationEvent(application=application, from_state=AS.SUBMITTED, to_state=AS.UNDER_REVIEW, at=review_start,
                         comment="Заявка передана на экспертизу"),
        ApplicationEvent(application=application, from_state=AS.UNDER_REVIEW, to_state=AS.REVIEWED,
                         at=reviewed + dt.timedelta(hours=1), comment="Все эксперты отправили оценки"),
    ]  # fmt: skip


def _decisions(decided) -> list[ApplicationEvent]:
    """Finished calls: the council recommends those above the threshold, the order approves them, the rest fail."""
    events, approved, rejected = [], [], []
    for application, passed, meeting in decided:
        council = AS.RECOMMENDED if passed else AS.NOT_RECOMMENDED
        final = AS.APPROVED if passed else AS.REJECTED
        events.append(ApplicationEvent(application=application, from_state=AS.REVIEWED, to_state=council, at=meeting,
                                       comment="Решение экспертного совета"))  # fmt: skip
        events.append(ApplicationEvent(application=application, from_state=council, to_state=final,
                                       at=meeting + 7 * DAY))  # fmt: skip
        (approved if passed else rejected).append(application.pk)
        application.decided_at = meeting + 7 * DAY
    for state, ids in ((AS.APPROVED, approved), (AS.REJECTED, rejected)):
        for start in range(0, len(ids), BATCH):
            Application.objects.filter(pk__in=ids[start : start + BATCH]).update(state=state)
    decided_at = {}
    for application, _passed, _meeting in decided:
        decided_at.setdefault(application.decided_at, []).append(application.pk)
    for moment, ids in decided_at.items():
        Application.objects.filter(pk__in=ids).update(decided_at=moment)
    return events
