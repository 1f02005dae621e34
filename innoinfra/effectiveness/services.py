"""Changing criteria of effectiveness. A set that has applied to a past academic year is closed: the way to change
the criteria is a new edition from the current year on, so the scores of past years stay as they were."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from innoinfra.core.dates import academic_year_of, academic_year_since
from innoinfra.core.errors import ServiceError
from innoinfra.reports.facts import FACTS
from innoinfra.reports.models import FormItem

from . import formulas
from .models import CriteriaSet, Criterion


def current_year() -> int:
    return academic_year_of(timezone.localdate())


def known_codes() -> set[str]:
    """What a formula may name: the facts the system counts and the codes of report indicators."""

    codes = set(FormItem.objects.exclude(code="").values_list("code", flat=True).distinct())
    return codes | set(FACTS)


def is_editable(criteria_set: CriteriaSet, *, year: int | None = None) -> bool:
    return criteria_set.first_year >= (year if year is not None else current_year())


def _check_editable(criteria_set: CriteriaSet) -> None:
    if not is_editable(criteria_set):
        raise ServiceError(
            f"Критерии действуют {academic_year_since(criteria_set.first_year)} и уже применялись к прошедшим "
            "годам. Чтобы изменить их, создайте новую редакцию."
        )


@transaction.atomic
def create_set(*, title: str, municipality=None, first_year: int, note: str = "", by=None) -> CriteriaSet:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Укажите наименование набора критериев.")
    if first_year < current_year():
        raise ServiceError("Новые критерии могут действовать только с текущего или будущего учебного года.")
    try:
        with transaction.atomic():
            return CriteriaSet.objects.create(
                title=title[:300], municipality=municipality, first_year=first_year, note=note.strip(), created_by=by
            )
    except IntegrityError:
        raise ServiceError(
            f"Для этой территории уже есть критерии {academic_year_since(first_year)}: измените их."
        ) from None


@transaction.atomic
def new_edition(criteria_set: CriteriaSet, *, by=None) -> CriteriaSet:
    """A copy of the set that applies from the current academic year; the old one keeps scoring the past."""
    year = current_year()
    if criteria_set.first_year >= year:
        raise ServiceError("Эти критерии ещё не применялись к прошедшим годам: их можно изменить без новой редакции.")
    edition = create_set(
        title=criteria_set.title, municipality=criteria_set.municipality, first_year=year, note=criteria_set.note, by=by
    )
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=edition,
            position=c.position,
            title=c.title,
            formula=c.formula,
            target=c.target,
            weight=c.weight,
            unit=c.unit,
        )
        for c in criteria_set.criteria.all()
    )
    return edition


def _number(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ServiceError(f"{label}: нужно число.") from None
    if not number.is_finite() or number <= 0:
        raise ServiceError(f"{label}: нужно число больше нуля.")
    return number


@transaction.atomic
def save_criterion(
    criteria_set: CriteriaSet,
    criterion: Criterion | None = None,
    *,
    title: str,
    formula: str,
    target,
    weight=1,
    unit: str = "",
    by=None,
) -> Criterion:
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _check_editable(criteria_set)
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Укажите наименование критерия.")
    if criterion is None:
        criterion = Criterion(criteria_set=criteria_set, position=criteria_set.criteria.count() + 1)
    criterion.title = title[:500]
    criterion.formula = formulas.check(formula, known_codes())
    criterion.target = _number(target, "Целевое значение")
    criterion.weight = _number(weight, "Вес")
    criterion.unit = (unit or "").strip()[:50]
    criterion._history_user = by
    criterion.save()
    return criterion


@transaction.atomic
def delete_criterion(criterion: Criterion, *, by=None) -> None:
    _check_editable(criterion.criteria_set)
    criterion._history_user = by
    criterion.delete()
