"""Rubrics (оценочные листы): creating, copying and changing a rubric and its criteria."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction

from innoinfra.core.errors import ServiceError

from ..models import Criterion, Rubric, Score


@transaction.atomic
def create_rubric(*, name: str, criteria: Iterable[Mapping], description: str = "", purpose: str = "") -> Rubric:
    """criteria: dicts of Criterion fields (title, levels, weight, minimum, comment_required_below …)."""
    rubric = Rubric.objects.create(name=name, description=description, purpose=purpose)
    rows = []
    for position, data in enumerate(criteria, start=1):
        criterion = Criterion(rubric=rubric, position=position, **data)
        _check_criterion(criterion)
        rows.append(criterion)
    Criterion.objects.bulk_create(rows)
    return rubric


def _check_criterion(criterion: Criterion) -> None:
    if criterion.max_level <= criterion.min_level:
        raise ServiceError(f"Критерий «{criterion.title}»: наибольший балл должен быть больше наименьшего.")
    if criterion.weight <= 0:
        raise ServiceError(f"Критерий «{criterion.title}»: вес должен быть положительным.")
    if criterion.minimum is not None and not criterion.min_level <= criterion.minimum <= criterion.max_level:
        raise ServiceError(f"Критерий «{criterion.title}»: минимальный балл вне шкалы.")


def rubric_in_use(rubric: Rubric) -> bool:
    """Scores already given against the rubric: changing it would rewrite the results of a call."""
    return Score.objects.filter(criterion__rubric=rubric).exists()


@transaction.atomic
def copy_rubric(rubric: Rubric) -> Rubric:
    copy = Rubric.objects.create(name=f"{rubric.name} (копия)", description=rubric.description, purpose=rubric.purpose)
    Criterion.objects.bulk_create(
        Criterion(
            rubric=copy,
            position=c.position,
            title=c.title,
            description=c.description,
            min_level=c.min_level,
            max_level=c.max_level,
            levels=c.levels,
            weight=c.weight,
            minimum=c.minimum,
            comment_required_below=c.comment_required_below,
        )
        for c in rubric.criteria.all()
    )
    return copy


@transaction.atomic
def update_rubric(rubric: Rubric, *, criteria: Iterable[Mapping], **fields) -> Rubric:
    """Change a rubric and replace its criteria with `criteria` (dicts of Criterion fields, in order; a criterion
    without a position takes its place in the list). A rubric with scores given against it is refused whole:
    changing it would rewrite the results of a call, so it is copied instead."""
    if rubric_in_use(rubric):
        raise ServiceError("По этому листу уже выставлены баллы: изменить его нельзя. Сделайте копию.")
    unknown = set(fields) - {"name", "purpose", "description", "is_active"}
    if unknown:
        raise ServiceError(f"Эти поля оценочного листа так не меняются: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(rubric, name, value)
    rubric.save()
    rows = []
    for position, data in enumerate(criteria, start=1):
        criterion = Criterion(rubric=rubric, **data)
        criterion.position = criterion.position or position
        _check_criterion(criterion)
        rows.append(criterion)
    rubric.criteria.all().delete()
    Criterion.objects.bulk_create(rows)
    return rubric
