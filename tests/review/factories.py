"""Calls and applications for tests, built through the services so they look like what users make."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innoinfra.review import services
from innoinfra.review.enums import StageKind
from innoinfra.review.models import Application, Call
from tests.factories import kind

LEVELS_0_2 = [
    {"value": 0, "meaning": "не проявляется"},
    {"value": 1, "meaning": "проявляется частично"},
    {"value": 2, "meaning": "проявляется в полной мере"},
]


def make_rubric(weights=(3, 5, 7), *, minimum=None, comment_below=None):
    return services.create_rubric(
        name="Критерии оценки инновационного проекта",
        criteria=[
            dict(
                title=title,
                max_level=2,
                weight=Decimal(weight),
                levels=LEVELS_0_2,
                minimum=minimum if position == 0 else None,
                comment_required_below=comment_below,
            )
            for position, (title, weight) in enumerate(
                zip(("Актуальность", "Новизна", "Результативность"), weights, strict=False)
            )
        ],
    )


def stages_around(today: dt.date, current: str) -> list[tuple[str, dt.date, dt.date]]:
    """Consecutive ten-day stages laid out so that `current` is the stage running today."""
    kinds = [StageKind.APPLICATIONS, StageKind.FORMAL_CHECK, StageKind.REVIEW, StageKind.MEETING, StageKind.RESULTS]
    start = today - dt.timedelta(days=10 * kinds.index(current) + 5)
    return [(k, start + dt.timedelta(days=10 * i), start + dt.timedelta(days=10 * i + 9)) for i, k in enumerate(kinds)]


def make_call(municipality, *, stage=StageKind.APPLICATIONS, rubric=None, panel=(), published=True, **fields) -> Call:
    call = services.create_call(
        title=fields.pop("title", "Конкурс на присвоение статуса МИП в 2025 году"),
        municipality=municipality,
        rubric=rubric or make_rubric(),
        site_kinds=fields.pop("site_kinds", [kind("МИП")]),
        panel=panel,
        **fields,
    )
    services.set_stages(call, stages_around(timezone.localdate(), stage))
    call.is_published = published
    call.save(update_fields=["is_published"])
    return call


PASSPORT = {
    "authors": "Иванова И. С., директор",
    "main_idea": "Проектная деятельность как средство формирования функциональной грамотности",
    "goal": "Создать модель проектной деятельности",
    "tasks": "1. Разработать программу. 2. Апробировать.",
    "normative_base": "Федеральный закон № 273-ФЗ",
    "significance": "Распространение опыта в районе",
    "novelty": "Сетевая модель",
    "practical_significance": "Методические рекомендации",
    "year_tasks": "Апробация программы",
    "expected_results": "Рост доли обучающихся, выполняющих проекты",
    "resources": "Кадровые, материально-технические",
    "partners": "МБОУ СОШ № 5",
    "experience": "Пять лет работы в статусе опорной школы",
}


def make_application(call, organization, *, by=None, submitted=False, theme="Функциональная грамотность в проектах"):
    application = services.create_application(
        call=call,
        lead_organization=organization,
        by=by,
        theme=theme,
        passport={code: PASSPORT[code] for code in call.form_fields},
        start_date=dt.date(2025, 9, 1),
        end_date=dt.date(2028, 8, 31),
    )
    if submitted:
        services.submit(application, by=by)
    return application


def in_review(application: Application, *, experts=(), by=None) -> Application:
    """Move a submitted application to expert review with the given experts assigned."""
    services.send_to_review(application, by=by)
    for expert in experts:
        services.assign(application, expert, by=by)
    return application


def full_scores(call: Call, levels) -> dict[int, tuple[int, str]]:
    criteria = list(call.rubric.criteria.all())
    return {c.pk: (level, "") for c, level in zip(criteria, levels, strict=True)}


def review_world(municipality, organization):
    """For the permission walk: a published call in its applications stage, a draft application of the
    organization with a file, assigned (directly, whatever its state) to an outside expert who submitted a review."""
    from django.core.files.base import ContentFile

    from innoinfra.review.enums import ReviewState
    from innoinfra.review.models import ApplicationFile, Assignment, Review
    from tests.factories import UserFactory

    outsider = UserFactory(username="walk-expert", last_name="Независимый")
    call = make_call(municipality, panel=[outsider])
    application = make_application(call, organization)
    attached = ApplicationFile(application=application, title="План работы")
    attached.file.save("plan.docx", ContentFile(b"PK"), save=True)
    assignment = Assignment.objects.create(application=application, expert=outsider)
    review = Review.objects.create(assignment=assignment, state=ReviewState.SUBMITTED, conclusion="Проект актуален")
    review.scores.create(criterion=call.rubric.criteria.first(), value=2)
    return call, application, assignment, attached
