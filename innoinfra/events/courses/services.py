"""Business actions of courses: the programme's modules, the programme document, the final assessment of each
participant and the issue of удостоверения о повышении квалификации with numbers in sequence per year.

Each action runs in a transaction and refuses what the rules forbid with a Russian ServiceError, changing
nothing; callers check permissions first (views and the API ask the `rules` perms)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.numerals import numeral
from innoinfra.core.uploads import TEXT_DOCUMENTS, service_checked_upload

from ..enums import AssessmentResult, EventState, RegistrationState
from ..models import Event, Registration
from ..services._common import locked
from .models import CourseModule, TrainingCertificate, TrainingCertificateCounter

MAX_HOURS = 2000  # a ДПП of повышение квалификации is 16–250 hours; anything past this is a typo
MODULE_FIELDS = ("number", "title", "lecture_hours", "practice_hours", "self_study_hours", "starts_on", "ends_on")


def check_course(event: Event) -> None:
    if not event.is_course:
        raise ServiceError("Это не курс повышения квалификации и не стажировка.")


# ---------------------------------------------------------------- the programme


@dataclass(frozen=True)
class ProgrammeHours:
    """The hours of the modules summed by kind, and whether they match the volume the course states."""

    lecture: int
    practice: int
    self_study: int
    stated: int | None

    @property
    def total(self) -> int:
        return self.lecture + self.practice + self.self_study

    @property
    def differs(self) -> bool:
        return self.stated is not None and self.total != self.stated

    @classmethod
    def of(cls, event: Event, modules: Iterable[CourseModule]) -> ProgrammeHours:
        modules = list(modules)
        return cls(
            lecture=sum(m.lecture_hours for m in modules),
            practice=sum(m.practice_hours for m in modules),
            self_study=sum(m.self_study_hours for m in modules),
            stated=event.hours,
        )


def _checked_module(event: Event, values: dict) -> dict:
    values["title"] = " ".join((values.get("title") or "").split())[:500]
    if not values["title"]:
        raise ServiceError("Укажите название модуля.")
    for name in ("lecture_hours", "practice_hours", "self_study_hours"):
        values[name] = values.get(name) or 0
        if values[name] < 0 or values[name] > MAX_HOURS:
            raise ServiceError("Часы модуля — целое число от 0 до 2000.")
    if not (values["lecture_hours"] + values["practice_hours"] + values["self_study_hours"]):
        raise ServiceError("В модуле должен быть хотя бы один час занятий.")
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError("Модуль не может закончиться раньше, чем начнётся.")
    first, last = timezone.localtime(event.starts_at).date(), timezone.localtime(event.ends_at).date()
    for day in (starts_on, ends_on):
        if day and not first <= day <= last:
            raise ServiceError("Даты модуля должны быть в пределах дат курса.")
    return values


def _editable(event: Event) -> Event:
    event = locked(event)
    check_course(event)
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Программу проведённого или отменённого курса изменить нельзя.")
    return event


@transaction.atomic
def add_module(event: Event, *, by=None, **fields) -> CourseModule:
    """A module at the given number, or after the last one."""
    event = _editable(event)
    values = _checked_module(event, {name: fields.get(name) for name in MODULE_FIELDS})
    if not values["number"]:
        last = event.course_modules.order_by("-number").values_list("number", flat=True).first()
        values["number"] = (last or 0) + 1
    if event.course_modules.filter(number=values["number"]).exists():
        raise ServiceError(f"Модуль № {values['number']} в программе уже есть.")
    return CourseModule.objects.create(event=event, **values)


@transaction.atomic
def update_module(module: CourseModule, *, by=None, **fields) -> CourseModule:
    event = _editable(module.event)
    values = _checked_module(event, {name: fields.get(name, getattr(module, name)) for name in MODULE_FIELDS})
    values["number"] = values["number"] or module.number
    if event.course_modules.filter(number=values["number"]).exclude(pk=module.pk).exists():
        raise ServiceError(f"Модуль № {values['number']} в программе уже есть.")
    for name, value in values.items():
        setattr(module, name, value)
    module.save()
    return module


@transaction.atomic
def delete_module(module: CourseModule, *, by=None) -> None:
    _editable(module.event)
    module.delete()


@transaction.atomic
def set_programme_file(event: Event, *, file, by=None) -> Event:
    """The ДПП itself (PDF, Word, OpenDocument), through the upload gate; the replaced file leaves the storage
    once the change is committed."""
    event = locked(event)
    check_course(event)
    if not file:
        raise ServiceError("Приложите файл программы.")
    service_checked_upload(file, purpose=TEXT_DOCUMENTS)
    old = event.programme_file.name if event.programme_file else ""
    storage = event.programme_file.storage
    event.programme_file = file
    event._history_user = by
    event.save(update_fields=["programme_file", "programme_file_name", "updated_at"])
    if old:
        transaction.on_commit(lambda: storage.delete(old))
    return event


# ---------------------------------------------------------------- the final assessment


@transaction.atomic
def record_assessments(event: Event, *, results: Mapping[int, str], by=None) -> int:
    """Results of the final assessment by registration id («passed», «failed» or "" to clear); all or nothing.
    Only those present are assessed, and a result behind an issued удостоверение does not change. Returns how
    many results changed."""
    event = locked(event)
    check_course(event)
    if event.state not in (EventState.PUBLISHED, EventState.HELD) or event.starts_at > timezone.now():
        raise ServiceError("Итоговую аттестацию отмечают после начала курса.")
    allowed = {"", *AssessmentResult.values}
    registrations = {r.pk: r for r in event.registrations.filter(pk__in=list(results)).select_for_update()}
    issued = set(
        TrainingCertificate.objects.filter(registration_id__in=list(registrations)).values_list(
            "registration_id", flat=True
        )
    )
    now = timezone.now()
    changed = 0
    for pk, result in results.items():
        registration = registrations.get(pk)
        if registration is None:
            raise ServiceError("Участник не найден: обновите страницу.")
        if result not in allowed:
            raise ServiceError("Неизвестный результат аттестации.")
        if result == registration.assessment_result:
            continue
        if result and registration.state != RegistrationState.ATTENDED:
            raise ServiceError(
                f"{registration.full_name}: аттестуют только тех, кто отмечен присутствовавшим на курсе."
            )
        if pk in issued:
            raise ServiceError(f"{registration.full_name}: удостоверение уже выдано, результат аттестации не меняется.")
        registration.assessment_result = result
        registration.assessed_at = now if result else None
        registration._history_user = by
        registration.save(update_fields=["assessment_result", "assessed_at", "updated_at"])
        changed += 1
    return changed


# ---------------------------------------------------------------- удостоверения


def format_number(year: int, number: int) -> str:
    return settings.TRAINING_CERTIFICATE_NUMBER.format(year=year, number=number)


def _next_sequence(year: int) -> int:
    """The next number of the year. The increment is one UPDATE … SET last = last + 1 that locks the counter's
    row (PostgreSQL) or the database (SQLite) until the caller's transaction ends: a concurrent issue waits, and
    an issue rolled back gives its number back — the register has neither repeats nor gaps."""
    TrainingCertificateCounter.objects.get_or_create(year=year)
    TrainingCertificateCounter.objects.filter(year=year).update(last=F("last") + 1)
    return TrainingCertificateCounter.objects.select_for_update().get(year=year).last


def eligible(event: Event) -> QuerySet[Registration]:
    """Who may receive an удостоверение: present, passed the assessment, none issued yet."""
    return event.registrations.filter(
        state=RegistrationState.ATTENDED,
        assessment_result=AssessmentResult.PASSED,
        training_certificate__isnull=True,
    ).order_by("full_name", "id")


@transaction.atomic
def issue_training_certificates(
    event: Event, *, registrations: Iterable[Registration] | None = None, issued_on: dt.date | None = None, by=None
) -> list[TrainingCertificate]:
    """Удостоверения for everyone eligible (or the given registrations, each of which must be), numbered in
    the order of names within the year of `issued_on` (today by default). All or none."""
    event = locked(event)
    check_course(event)
    if event.state != EventState.HELD:
        raise ServiceError("Удостоверения выдаются после того, как курс отмечен проведённым.")
    if not event.hours:
        raise ServiceError("Укажите объём программы в академических часах: он вписывается в удостоверение.")
    issued_on = issued_on or timezone.localdate()
    if issued_on < timezone.localtime(event.ends_at).date():
        raise ServiceError("Удостоверение не выдаётся раньше окончания курса.")
    if issued_on > timezone.localdate() + dt.timedelta(days=1):  # a day of slack for the time zones of a region
        raise ServiceError("Дата выдачи не может быть позже сегодняшней.")
    pending = list(eligible(event))
    if registrations is not None:
        wanted = {r.pk for r in registrations}
        refused = event.registrations.filter(pk__in=wanted).exclude(pk__in=[r.pk for r in pending])
        refused_names = [r.full_name for r in refused]
        if refused_names:
            raise ServiceError(
                "Удостоверение выдаётся только присутствовавшим, прошедшим итоговую аттестацию и ещё не "
                f"получившим его: {', '.join(refused_names)}."
            )
        pending = [r for r in pending if r.pk in wanted]
    if not pending:
        raise ServiceError("Некому выдавать удостоверения: отметьте результаты итоговой аттестации.")
    certificates = []
    for registration in pending:
        sequence = _next_sequence(issued_on.year)
        certificates.append(
            TrainingCertificate.objects.create(
                number=format_number(issued_on.year, sequence),
                year=issued_on.year,
                sequence=sequence,
                event=event,
                registration=registration,
                full_name=registration.full_name,
                organization_name=registration.organization_name,
                position=registration.position,
                email=registration.email,
                programme_title=event.title[:500],
                hours=event.hours,
                issued_on=issued_on,
                issued_by=by,
            )
        )
    return certificates


def issued_phrase(count: int) -> str:
    return f"Выдано {numeral(count, ('удостоверение', 'удостоверения', 'удостоверений'))}."
