"""The lifecycle of a practice.

draft → submitted → under expertise (an application of the territory's data-bank call in the review engine) →
published / returned for revision / rejected; published → withdrawn. A published practice is changed through a new
edition: a separate row (revision_of → the practice) that goes the same way; publishing it copies its content onto
the practice, whose page, number and registry number stay, and records the next PracticeVersion.

Each step runs in one transaction and checks the state it starts from: an illegal step changes nothing. Who may take
a step is decided by the rules (rules.py) in the views; the services keep the states honest."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Municipality
from innoinfra.review import services as review_services
from innoinfra.review.aggregation import mean
from innoinfra.review.documents import number as points
from innoinfra.review.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    APPLICATION_TRANSITIONS,
    ApplicationState,
    CallPurpose,
    ReviewState,
    StageKind,
)
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.models import Application, Call, Review, Rubric

from .enums import EDITABLE_STATES, OPEN_REVISION_STATES, PracticeState
from .models import CONTENT_FIELDS, Practice, PracticeVersion

S = PracticeState
REQUIRED_TO_SUBMIT = ("title", "authors", "annotation", "description")


def _require(practice: Practice, *states: str, doing: str) -> None:
    if practice.state not in states:
        raise ServiceError(f"Практику в состоянии «{practice.get_state_display()}» нельзя {doing}.")


def _save(practice: Practice, by, directions: Iterable | None = None) -> Practice:
    practice.municipality_id = practice.organization.municipality_id
    practice._history_user = by
    practice.save()
    if directions is not None:
        practice.directions.set(directions)
    return practice


@transaction.atomic
def create_practice(*, by=None, directions: Iterable | None = None, **fields) -> Practice:
    practice = Practice(created_by=by if by and by.is_authenticated else None, state=S.DRAFT, **fields)
    return _save(practice, by, directions)


@transaction.atomic
def update_practice(practice: Practice, *, by=None, directions: Iterable | None = None, **fields) -> Practice:
    _require(practice, *EDITABLE_STATES, doing="изменять: сначала её должен вернуть на доработку модератор")
    for name, value in fields.items():
        setattr(practice, name, value)
    return _save(practice, by, directions)


@transaction.atomic
def submit(practice: Practice, *, by=None) -> Practice:
    _require(practice, *EDITABLE_STATES, doing="отправить на модерацию")
    if practice.revision_of_id and practice.revision_of.state != S.PUBLISHED:
        raise ServiceError("Исходная практика снята с публикации: новую редакцию отправить нельзя.")
    missing = [
        Practice._meta.get_field(name).verbose_name for name in REQUIRED_TO_SUBMIT if not getattr(practice, name)
    ]
    if missing:
        raise ServiceError(f"Перед отправкой заполните: {', '.join(missing)}.")
    practice.state = S.SUBMITTED
    return _save(practice, by)


# ---------------------------------------------------------------- the data-bank call of the review engine

DATABANK_RUBRIC = "Экспертиза материалов для банка данных"
# What experts read in the application; the practice's own page is open to them as well.
DATABANK_FORM = ["authors", "main_idea", "expected_results", "resources"]


def _levels(*meanings: str) -> list[dict]:
    return [{"value": value, "meaning": meaning} for value, meaning in enumerate(meanings)]


DATABANK_CRITERIA = [
    dict(
        title="Актуальность",
        description="Соответствие практики задачам развития образования, запросам обучающихся, педагогов, территории.",
        levels=_levels(
            "Актуальность не обоснована",
            "Актуальность обоснована в общих чертах",
            "Актуальность убедительно обоснована задачами развития образования и запросами территории",
        ),
    ),
    dict(
        title="Новизна",
        description="Что нового по сравнению с массовой практикой: содержание, формы, технологии, способы организации.",
        levels=_levels(
            "Повторяет известный опыт",
            "Есть элементы новизны (новое применение известного)",
            "Предложено новое решение, отличие от массовой практики показано",
        ),
    ),
    dict(
        title="Результативность",
        description="Подтверждённые результаты и эффекты для обучающихся, педагогов, организации.",
        levels=_levels(
            "Результаты не описаны",
            "Результаты описаны, но не подтверждены данными",
            "Результаты подтверждены данными диагностики, мониторинга, внешней оценки",
        ),
    ),
    dict(
        title="Возможность тиражирования",
        description="Можно ли перенести опыт в другие организации: условия, ресурсы, описание шагов.",
        levels=_levels(
            "Опыт привязан к условиям одной организации",
            "Перенос возможен при дополнительной доработке",
            "Описаны условия и шаги: опыт готов к переносу в другие организации",
        ),
    ),
    dict(
        title="Качество оформления",
        description="Полнота и логичность описания, грамотность, наличие приложений и материалов.",
        levels=_levels(
            "Описание неполное, материалы не приложены",
            "Описание в целом полное, есть недочёты",
            "Описание полное и логичное, материалы готовы к использованию",
        ),
    ),
]


def databank_rubric():
    rubric = Rubric.objects.filter(purpose=CallPurpose.DATABANK, name=DATABANK_RUBRIC, is_active=True).first()
    return rubric or review_services.create_rubric(
        name=DATABANK_RUBRIC,
        purpose=CallPurpose.DATABANK,
        description="Оценочный лист экспертизы практик, предлагаемых в муниципальный банк данных инновационного опыта: "
        "5 критериев, от 0 до 2 баллов каждый.",
        criteria=DATABANK_CRITERIA,
    )


def territory_experts(municipality):
    """Experts of the territory: members of its bodies (e.g. the municipal expert council) and experts named for it."""

    experts = (
        Membership.objects.active()
        .filter(role=Role.EXPERT)
        .filter(
            Q(municipality=municipality)
            | Q(body__municipality=municipality)
            | Q(body__organization__municipality=municipality)
        )
    )
    return User.objects.filter(pk__in=experts.values("user_id"), is_active=True)


def databank_call(municipality, *, by=None, day: dt.date | None = None):
    """The territory's published data-bank call whose review stage includes the day; created on first need.

    The data bank is a continuous procedure, not a dated competition: a call per territory and year, whose one
    stage — the expertise — lasts the whole year. Its panel is the territory's experts."""

    day = day or timezone.localdate()
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()  # one call even if two send at once
    call = (
        Call.objects.filter(
            purpose=CallPurpose.DATABANK,
            municipality=municipality,
            is_published=True,
            stages__kind=StageKind.REVIEW,
            stages__starts_on__lte=day,
            stages__ends_on__gte=day,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if call is None:
        name = municipality.short_name or municipality.name
        call = review_services.create_call(
            title=f"Банк данных инновационного опыта ({name}): экспертиза материалов, {day.year} год",
            municipality=municipality,
            rubric=databank_rubric(),
            by=by,
            purpose=CallPurpose.DATABANK,
            description="Постоянно действующая экспертиза практик, которые модератор банка данных направляет после "
            "проверки: каждую практику оценивают назначенные эксперты по оценочному листу, после чего модератор "
            "публикует её, возвращает авторам на доработку или отклоняет.",
            form_fields=DATABANK_FORM,
            pass_threshold=Decimal("0.5"),
            experts_per_application=2,
        )
        review_services.set_stages(call, [(StageKind.REVIEW, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))])
        review_services.set_published(call, True)
    call.panel.add(*territory_experts(municipality))
    return call


def _passport(practice: Practice) -> dict:
    idea = practice.annotation
    if practice.description:
        idea += "\n\n" + practice.description
    return {
        "authors": practice.authors,
        "main_idea": idea,
        "expected_results": practice.results,
        "resources": practice.conditions,
    }


@transaction.atomic
def send_to_expertise(practice: Practice, *, by=None) -> Practice:
    """The formal check is passed: an application of the data-bank call goes straight to the experts."""

    _require(practice, S.SUBMITTED, doing="отправить на экспертизу")
    call = databank_call(practice.municipality, by=by)
    application = review_services.create_application(
        call=call,
        lead_organization=practice.organization,
        by=practice.created_by,
        theme=practice.title,
        passport=_passport(practice),
    )
    review_services.transition(
        application, ApplicationState.SUBMITTED, by=by, comment="Практика передана модератором банка данных"
    )
    review_services.send_to_review(application, by=by)
    practice.expertise = application
    practice.state = S.UNDER_EXPERTISE
    practice.moderator_comment = ""
    return _save(practice, by)


@dataclass(frozen=True)
class Progress:
    submitted: int
    assigned: int

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned


def expertise_progress(practice: Practice) -> Progress | None:
    """Reviews sent / experts at work on the practice's expertise."""
    if not practice.expertise_id:
        return None
    from .queries import with_expertise_progress

    counts = with_expertise_progress(Practice.objects.filter(pk=practice.pk)).values("experts", "reviews").get()
    return Progress(submitted=counts["reviews"], assigned=counts["experts"])


@dataclass(frozen=True)
class Conclusion:
    score: Decimal | None = None
    maximum: Decimal | None = None
    recommendation: str = ""
    text: str = ""


def conclusion_of(application) -> Conclusion:
    """The anonymised expert conclusion: the mean total, the recommendations counted, each expert's text as
    «Эксперт 1» …, in the order the experts were assigned."""

    reviews = list(
        Review.objects.filter(
            assignment__application=application,
            state=ReviewState.SUBMITTED,
            assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
        ).order_by("assignment__assigned_at", "pk")
    )
    maximum = application.call.rubric.max_total
    totals = [r.total for r in reviews if r.total is not None]
    counts = Counter(r.get_recommendation_display() for r in reviews if r.recommendation)
    parts = []
    for position, review in enumerate(reviews, start=1):
        head = f"Эксперт {position} — {points(review.total)} из {points(maximum)} баллов"
        if review.recommendation:
            head += f", «{review.get_recommendation_display()}»"
        parts.append(f"{head}.\n{review.conclusion}".strip())
    return Conclusion(
        score=mean(totals),
        maximum=maximum,
        recommendation="; ".join(f"«{label}» — {count}" for label, count in counts.most_common()),
        text="\n\n".join(parts),
    )


def _set_conclusion(target, conclusion: Conclusion) -> None:
    target.expert_score = conclusion.score
    target.expert_max = conclusion.maximum
    target.expert_recommendation = conclusion.recommendation[:300]
    target.expert_conclusion = conclusion.text


# ---------------------------------------------------------------- publication, editions, decisions


def next_registry_number(year: int) -> str:
    """«БД-2026-0001»: numbers run through the year; the zero padding keeps their order that of the strings."""
    prefix = f"БД-{year}-"
    last = (
        Practice.objects.filter(registry_number__startswith=prefix)
        .order_by("-registry_number")
        .values_list("registry_number", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def snapshot(practice: Practice) -> dict:
    """The public content of the practice as it is now: what an edition keeps."""
    return {
        "title": practice.title,
        "kind": practice.kind,
        "kind_label": practice.get_kind_display(),
        "authors": practice.authors,
        "organization": practice.organization.short_name,
        "organization_id": practice.organization_id,
        "levels": practice.level_codes,
        "level_labels": practice.level_labels,
        "subjects": practice.subjects,
        "keywords": practice.keywords,
        "annotation": practice.annotation,
        "description": practice.description,
        "results": practice.results,
        "conditions": practice.conditions,
        "licence": practice.get_licence_display(),
        "directions": list(practice.directions.order_by("name").values_list("name", flat=True)),
        "files": [
            {"id": f.pk, "title": f.title} for f in practice.files.filter(is_current=True).order_by("id").only("title")
        ],
        "registry_number": practice.registry_number,
    }


def _record_version(practice: Practice, by, at) -> PracticeVersion:
    from django.db.models import Max

    number = (practice.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PracticeVersion.objects.create(
        practice=practice,
        number=number,
        snapshot=snapshot(practice),
        expert_score=practice.expert_score,
        expert_max=practice.expert_max,
        expert_recommendation=practice.expert_recommendation,
        expert_conclusion=practice.expert_conclusion,
        published_at=at,
        published_by=by if by is not None and by.is_authenticated else None,
    )


def _publish(practice: Practice, conclusion: Conclusion, by) -> Practice:
    now = timezone.now()
    practice.state = S.PUBLISHED
    practice.published_at = now
    practice.moderator_comment = ""
    if not practice.registry_number:
        practice.registry_number = next_registry_number(timezone.localdate(now).year)
    _set_conclusion(practice, conclusion)
    _save(practice, by)
    _record_version(practice, by, now)
    return practice


def _merge(revision: Practice, original: Practice, conclusion: Conclusion, by) -> Practice:
    """The new edition becomes the practice: same page, same registry number; the edition row is kept as merged."""
    from .models import PracticeFile

    for name in CONTENT_FIELDS:
        setattr(original, name, getattr(revision, name))
    original.expertise_id = revision.expertise_id
    original.moderator_comment = ""
    _set_conclusion(original, conclusion)
    _save(original, by, directions=list(revision.directions.all()))
    # materials uploaded to the edition replace the current ones, which stay as earlier versions; none — kept
    if PracticeFile.objects.filter(practice=revision).exists():
        PracticeFile.objects.filter(practice=original, is_current=True).update(is_current=False)
        PracticeFile.objects.filter(practice=revision).update(practice=original)
    revision.state = S.MERGED
    revision.moderator_comment = ""
    _set_conclusion(revision, conclusion)
    _save(revision, by)
    _record_version(original, by, timezone.now())
    return original


def _expertise_of(practice: Practice):
    if not practice.expertise_id:
        return None
    return Application.objects.select_for_update().select_related("call__rubric").get(pk=practice.expertise_id)


@transaction.atomic
def publish(practice: Practice, *, by=None) -> Practice:
    """Only after the expertise: every assigned expert has sent a review. Returns the practice now public (for a new
    edition, the original practice)."""

    _require(practice, S.UNDER_EXPERTISE, doing="опубликовать: сначала её оценивают эксперты")
    application = _expertise_of(practice)
    if application is None or application.state != AS.REVIEWED:
        progress = expertise_progress(practice)
        if progress is None or not progress.assigned:
            raise ServiceError("Опубликовать практику можно только после экспертизы, а эксперты ещё не назначены.")
        raise ServiceError(
            "Опубликовать практику можно только после экспертизы: "
            f"оценки отправили {progress.submitted} из {progress.assigned} экспертов."
        )
    original = None
    if practice.revision_of_id:
        original = Practice.objects.select_for_update().get(pk=practice.revision_of_id)
        if original.state != S.PUBLISHED:
            raise ServiceError("Исходная практика снята с публикации: новую редакцию опубликовать нельзя.")
    conclusion = conclusion_of(application)
    review_services.transition(application, AS.RECOMMENDED, by=by, comment="Практика включена в банк данных")
    if original is not None:
        return _merge(practice, original, conclusion, by)
    return _publish(practice, conclusion, by)


@transaction.atomic
def register_examined(practice: Practice, *, by=None) -> Practice:
    """Enter a submitted practice whose expertise took place before the system (the paper archive of the bank, the
    demonstration data): a registry number and edition 1, without an expert conclusion. Not offered on any page."""
    _require(practice, S.SUBMITTED, doing="включить в банк данных")
    if practice.revision_of_id:
        raise ServiceError("Новая редакция публикуется только после экспертизы.")
    return _publish(practice, Conclusion(), by)


def _stop_expertise(practice: Practice, *, rejected: bool, comment: str, by) -> None:
    """Close the application as the practice's fate says; a step the engine does not allow is simply not taken."""

    application = _expertise_of(practice)
    if application is None:
        return
    if application.state == AS.UNDER_REVIEW:
        review_services.transition(application, AS.WITHDRAWN, by=by, comment=f"Экспертиза прекращена: {comment}")
        return
    if AS.NOT_RECOMMENDED in APPLICATION_TRANSITIONS[application.state]:
        review_services.transition(application, AS.NOT_RECOMMENDED, by=by, comment=comment)
    if rejected and AS.REJECTED in APPLICATION_TRANSITIONS[application.state]:
        review_services.transition(application, AS.REJECTED, by=by, comment=comment)


def _close(practice: Practice, state: str, comment: str, by, doing: str) -> Practice:
    _require(practice, S.SUBMITTED, S.UNDER_EXPERTISE, doing=doing)
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError("Напишите авторам комментарий: что исправить или почему практика отклонена.")
    if practice.state == S.UNDER_EXPERTISE:
        _stop_expertise(practice, rejected=state == S.REJECTED, comment=comment, by=by)
    practice.state = state
    practice.moderator_comment = comment
    return _save(practice, by)


@transaction.atomic
def return_for_revision(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.RETURNED, comment, by, "вернуть на доработку")


@transaction.atomic
def reject(practice: Practice, *, comment: str, by=None) -> Practice:
    return _close(practice, S.REJECTED, comment, by, "отклонить")


@transaction.atomic
def withdraw(practice: Practice, *, by=None) -> Practice:
    """The practice is kept with its registry number and editions, only hidden from the public."""
    _require(practice, S.PUBLISHED, doing="снять с публикации")
    practice.state = S.WITHDRAWN
    return _save(practice, by)


def open_revision(practice: Practice) -> Practice | None:
    return practice.revisions.filter(state__in=OPEN_REVISION_STATES).order_by("-id").first()


@transaction.atomic
def start_revision(practice: Practice, *, by=None) -> Practice:
    """A new edition of a published practice: a draft copy the authors change and submit; the published text stays
    public until the new edition passes the expertise and is published. One open edition at a time."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.revision_of_id:
        raise ServiceError("Это уже новая редакция практики.")
    _require(practice, S.PUBLISHED, doing="редактировать: новую редакцию начинают у опубликованной практики")
    if open_revision(practice) is not None:
        raise ServiceError("Новая редакция этой практики уже готовится: продолжите работу над ней.")
    revision = Practice(
        revision_of=practice,
        state=S.DRAFT,
        created_by_id=practice.created_by_id or (by.pk if by is not None and by.is_authenticated else None),
        **{name: getattr(practice, name) for name in CONTENT_FIELDS},
    )
    return _save(revision, by, directions=list(practice.directions.all()))


# One UPDATE is atomic by itself: no transaction (and no savepoint queries on every page view).
def count_view(practice: Practice) -> None:
    """A reader opened a published practice's page; a draft's views are not counted. A plain UPDATE: no history
    record, no re-indexing and no new updated_at for a page view."""
    if practice.is_published:
        Practice.objects.filter(pk=practice.pk).update(views=F("views") + 1)
