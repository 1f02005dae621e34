"""Applications: creating and editing one, its files and depersonalised copy, the deadline extension, and its
life cycle up to the review (`transition` records every change of state and tells the applicant)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from innoinfra.core.dates import russian_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version

from .. import notices
from ..enums import APPLICATION_TRANSITIONS, EDITABLE_STATES, ApplicationState
from ..models import Application, ApplicationEvent, ApplicationFile, Call
from ..passport import BY_CODE
from .stages import may_submit_now, submission_deadline

AS = ApplicationState


def _check_applicant(call: Call, lead_organization, partners) -> None:
    if lead_organization.municipality_id != call.municipality_id:
        raise ServiceError("Конкурс проводится для организаций другой территории.")
    if lead_organization in partners:
        raise ServiceError("Ведущая организация не может быть одновременно партнёром сети.")


@transaction.atomic
def create_application(
    *, call: Call, lead_organization, by=None, theme: str, partners: Iterable = (), **fields
) -> Application:
    partners = list(partners)
    _check_applicant(call, lead_organization, partners)
    if not theme.strip():
        raise ServiceError("Укажите тему проекта.")
    kinds = list(call.site_kinds.all())
    site_kind = fields.get("site_kind")
    if kinds and site_kind is not None and site_kind not in kinds:
        raise ServiceError("Этот конкурс не присваивает такой статус.")
    if kinds and site_kind is None and len(kinds) == 1:
        fields["site_kind"] = kinds[0]
    _check_passport(call, fields.get("passport") or {})
    # Lock the call row so that two applicants never get the same number.
    Call.objects.select_for_update().filter(pk=call.pk).first()
    number = (call.applications.aggregate(n=Max("number"))["n"] or 0) + 1
    application = Application.objects.create(
        call=call, number=number, lead_organization=lead_organization, theme=theme.strip(), created_by=by, **fields
    )
    application.partners.set(partners)
    ApplicationEvent.objects.create(application=application, to_state=AS.DRAFT, by=by, comment="Заявка создана")
    return application


def _check_passport(call: Call, passport: Mapping) -> None:
    unknown = set(passport) - set(call.form_fields)
    if unknown:
        raise ServiceError("В заявке есть поля, которых нет в форме конкурса.")


@transaction.atomic
def update_application(
    application: Application, *, by=None, partners: Iterable | None = None, version: int | None = None, **fields
) -> Application:
    """Change a draft (or a returned) application over the version its editor read (VersionConflict if stale)."""
    application = _locked(application)
    if application.state not in EDITABLE_STATES:
        raise ServiceError("Заявку можно изменять только в черновике или после возврата на доработку.")
    if "passport" in fields:
        _check_passport(application.call, fields["passport"])
    if partners is not None:
        _check_applicant(
            application.call, fields.get("lead_organization", application.lead_organization), list(partners)
        )
        application.partners.set(list(partners))
    claim_version(application, version)
    for name, value in fields.items():
        setattr(application, name, value)
    application.updated_by = by
    application.save()
    return application


def missing_fields(application: Application) -> list[str]:
    """Labels of the required things the applicant has not filled in."""
    missing = [] if application.theme.strip() else ["Тема проекта"]
    for code in application.call.form_fields:
        if not str(application.passport.get(code, "")).strip():
            missing.append(BY_CODE[code].label)
    return missing


def _locked(application: Application) -> Application:
    locked = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    application.state = locked.state
    return application


class IllegalTransition(ServiceError):
    """The application's state does not allow the step asked for; the API answers it with 409, a page with its
    message like any refusal."""


def transition(application: Application, to_state: str, *, by=None, comment: str = "") -> Application:
    """Move the application along its life cycle; every change is recorded and the applicant is told."""
    with transaction.atomic():
        application = _locked(application)
        from_state = application.state
        if to_state not in APPLICATION_TRANSITIONS[from_state]:
            raise IllegalTransition(
                f"Нельзя перевести заявку из состояния «{AS(from_state).label}» в «{AS(to_state).label}»."
            )
        application.state = to_state
        now = timezone.now()
        update = ["state", "updated_at"]
        if to_state == AS.SUBMITTED:
            application.submitted_at = now
            update.append("submitted_at")
        if to_state in (AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.APPROVED, AS.REJECTED):
            application.decided_at = now
            update.append("decided_at")
        application.save(update_fields=update)
        ApplicationEvent.objects.create(
            application=application, from_state=from_state, to_state=to_state, at=now, by=by, comment=comment
        )
        notices.state_changed(application, to_state, comment)
    return application


def submit(application: Application, *, by=None, day: dt.date | None = None) -> Application:
    if not may_submit_now(application, day):
        deadline = submission_deadline(application)
        when = f" (срок истёк {russian_date(deadline)})" if deadline else ""
        raise ServiceError(f"Приём заявок закрыт{when}. Продлить срок может методист.")
    missing = missing_fields(application)
    if missing:
        raise ServiceError("Заполните разделы заявки: " + "; ".join(missing) + ".")
    return transition(application, AS.SUBMITTED, by=by)


def start_check(application: Application, *, by=None) -> Application:
    return transition(application, AS.CHECKING, by=by, comment="Начата проверка комплектности")


def return_for_revision(application: Application, *, by=None, remarks: str) -> Application:
    if not remarks.strip():
        raise ServiceError("Напишите замечания: заявитель должен знать, что исправить.")
    return transition(application, AS.RETURNED, by=by, comment=remarks.strip())


def send_to_review(application: Application, *, by=None) -> Application:
    return transition(application, AS.UNDER_REVIEW, by=by, comment="Заявка передана на экспертизу")


def withdraw(application: Application, *, by=None, reason: str = "") -> Application:
    return transition(application, AS.WITHDRAWN, by=by, comment=reason or "Заявка отозвана заявителем")


@transaction.atomic
def grant_extension(application: Application, *, until: dt.date, by=None, reason: str = "") -> Application:
    """One applicant may submit after the close; the extension is recorded in the application's history."""
    application = _locked(application)
    if application.state not in EDITABLE_STATES:
        raise ServiceError("Продлить срок можно только для черновика или заявки на доработке.")
    if until < timezone.localdate():
        raise ServiceError("Новый срок не может быть в прошлом.")
    application.extension_until = until
    application.save(update_fields=["extension_until", "updated_at"])
    ApplicationEvent.objects.create(
        application=application,
        by=by,
        comment=f"Срок подачи продлён до {russian_date(until)}" + (f": {reason}" if reason else ""),
    )
    return application


@transaction.atomic
def add_file(application: Application, *, title: str, file, by=None) -> ApplicationFile:
    """A file attached to the application by its applicant or the call's staff; the uploader is kept on it."""
    title = (title or "").strip()
    if not title or not file:
        raise ServiceError("Укажите наименование и выберите файл.")
    return ApplicationFile.objects.create(application=application, title=title, file=file, uploaded_by=by)


@transaction.atomic
def save_blind_copy(
    application: Application, *, theme: str, passport: Mapping, depersonalised_files: Iterable = (), by=None
) -> Application:
    """The depersonalised copy experts read in a blind call instead of the application: its theme, its passport,
    and which files may be shown. Recorded in the application's history."""
    theme = (theme or "").strip()
    if not theme:
        raise ServiceError("Укажите обезличенную тему.")
    _check_passport(application.call, passport)
    application.blind_theme = theme
    application.blind_passport = dict(passport)
    application.save(update_fields=["blind_theme", "blind_passport", "updated_at"])
    chosen = [attached.pk for attached in depersonalised_files]
    application.files.filter(pk__in=chosen).update(depersonalised=True)
    application.files.exclude(pk__in=chosen).update(depersonalised=False)
    ApplicationEvent.objects.create(
        application=application, by=by, comment="Сохранена обезличенная копия заявки для экспертов"
    )
    return application
