"""Business actions on approbations: one function per action, each atomic; a refusal is a ServiceError with a
Russian message and nothing changed.

Life cycle: планируется → идёт апробация → завершена. Finishing needs the conclusion (вывод, text, date); a product
«рекомендован к внедрению» moves its site and its practice in the data bank to the stage «Внедрение»."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import DOCUMENTS, service_checked_upload
from innoinfra.reference.enums import CycleStage

from .enums import ApprobationState as S
from .enums import Verdict
from .models import Approbation, ApprobationStage, MonitoringResult

EDITABLE = (S.PLANNED, S.IN_PROGRESS)
PROGRAMME_FIELDS = ("product_title", "product_authors", "product_kind", "practice", "aims", "indicators")


def _require_state(approbation: Approbation, *states: str, doing: str) -> None:
    if approbation.state not in states:
        raise ServiceError(f"Нельзя {doing}: апробация в состоянии «{S(approbation.state).label}».")


def _check_product(fields: dict) -> None:
    if "product_title" in fields and not (fields["product_title"] or "").strip():
        raise ServiceError("Укажите название продукта.")
    practice = fields.get("practice")
    if practice is not None and not practice.is_published:
        raise ServiceError("Связать апробацию можно только с практикой, опубликованной в банке данных.")


def _save(approbation: Approbation, by) -> Approbation:
    approbation._history_user = by if by is not None and by.is_authenticated else None
    approbation.save()
    return approbation


@transaction.atomic
def create_approbation(*, site, by=None, programme_file=None, **fields) -> Approbation:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    _check_product(fields)
    fields["product_title"] = fields["product_title"].strip()
    approbation = Approbation(site=site, created_by=by if by is not None and by.is_authenticated else None, **fields)
    if programme_file:
        approbation.programme_file = service_checked_upload(programme_file, purpose=DOCUMENTS)
    return _save(approbation, by)


@transaction.atomic
def update_approbation(approbation: Approbation, *, by=None, programme_file=None, **fields) -> Approbation:
    """The product and the programme; a finished approbation is a record of what was tried and is not edited."""
    _require_state(approbation, *EDITABLE, doing="изменить программу")
    _check_product(fields)
    for name, value in fields.items():
        if name not in PROGRAMME_FIELDS:
            raise TypeError(f"unexpected field: {name}")
        setattr(approbation, name, value.strip() if name == "product_title" else value)
    if programme_file:
        approbation.programme_file = service_checked_upload(programme_file, purpose=DOCUMENTS)
    return _save(approbation, by)


@transaction.atomic
def add_stage(approbation: Approbation, *, title: str, starts_on: dt.date, ends_on: dt.date, by=None):
    _require_state(approbation, *EDITABLE, doing="добавить этап программы")
    if not title.strip():
        raise ServiceError("Укажите название этапа.")
    if ends_on < starts_on:
        raise ServiceError("Этап не может окончиться раньше, чем начался.")
    return ApprobationStage.objects.create(
        approbation=approbation, title=title.strip(), starts_on=starts_on, ends_on=ends_on
    )


@transaction.atomic
def start(approbation: Approbation, *, by=None) -> Approbation:
    _require_state(approbation, S.PLANNED, doing="начать апробацию")
    approbation.state = S.IN_PROGRESS
    return _save(approbation, by)


@transaction.atomic
def add_result(
    approbation: Approbation, *, date: dt.date, indicator: str, value: str, comment: str = "", by=None
) -> MonitoringResult:
    """Results are recorded while the approbation goes on: before it there is nothing to measure, after it the
    conclusion has been drawn from what was recorded."""
    _require_state(approbation, S.IN_PROGRESS, doing="внести результат мониторинга")
    if not indicator.strip() or not str(value).strip():
        raise ServiceError("Укажите показатель и его значение.")
    return MonitoringResult.objects.create(
        approbation=approbation,
        date=date,
        indicator=indicator.strip(),
        value=str(value).strip(),
        comment=comment,
        created_by=by if by is not None and by.is_authenticated else None,
    )


@transaction.atomic
def conclude(approbation: Approbation, *, verdict: str, conclusion: str, date: dt.date, by=None) -> Approbation:
    """Finish with the conclusion. «Рекомендован к внедрению» moves the site and the linked practice to the stage
    «Внедрение» unless they are already at replication (a later stage is not undone)."""
    _require_state(approbation, S.IN_PROGRESS, doing="завершить апробацию")
    if verdict not in Verdict.values:
        raise ServiceError("Выберите вывод: рекомендован к внедрению, требует доработки или не рекомендован.")
    if not conclusion.strip():
        raise ServiceError("Чтобы завершить апробацию, напишите заключение.")
    if date is None:
        raise ServiceError("Укажите дату заключения.")
    approbation.state = S.FINISHED
    approbation.verdict = verdict
    approbation.conclusion = conclusion.strip()
    approbation.concluded_on = date
    approbation.concluded_by = by if by is not None and by.is_authenticated else None
    _save(approbation, by)
    if verdict == Verdict.RECOMMENDED:
        _move_to_implementation(approbation, by)
    return approbation


def _move_to_implementation(approbation: Approbation, by) -> None:
    site = approbation.site
    if site.cycle_stage != CycleStage.REPLICATION:
        site.cycle_stage = CycleStage.IMPLEMENTATION
        site._history_user = by if by is not None and by.is_authenticated else None
        site.save(update_fields=["cycle_stage"])
    practice = approbation.practice
    if practice is not None and practice.cycle_stage != CycleStage.REPLICATION:
        # a stage is not an edit of the practice's content: no new edition and no version bump, but its history
        # still says who moved the stage and when, as the site's does
        practice.cycle_stage = CycleStage.IMPLEMENTATION
        practice._history_user = by if by is not None and by.is_authenticated else None
        practice.save(update_fields=["cycle_stage"])
