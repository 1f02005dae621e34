"""Business actions of the review engine: calls, applications and their life cycle, experts, reviews, decisions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from innoinfra.core.dates import russian_date, shift_year, shift_years_in_text
from innoinfra.core.errors import ServiceError

from . import notices
from .aggregation import weighted_total
from .enums import (
    ACTIVE_ASSIGNMENT_STATES,
    APPLICATION_TRANSITIONS,
    EDITABLE_STATES,
    ApplicationState,
    AssignmentState,
    ReviewState,
    StageKind,
)
from .models import (
    STAGE_DEFAULTS,
    Application,
    ApplicationEvent,
    ApplicationFile,
    Assignment,
    Call,
    CallDocument,
    CallStage,
    ConflictDeclaration,
    Criterion,
    Review,
    Rubric,
    Score,
)
from .passport import BY_CODE, default_form

AS = ApplicationState

# ---------------------------------------------------------------- rubrics and calls


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


def default_stages(start: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """A realistic timetable: a month for applications, then a week of checking, three weeks of review, the meeting."""
    applications_end = start + dt.timedelta(days=30)
    check_end = applications_end + dt.timedelta(days=7)
    review_end = check_end + dt.timedelta(days=21)
    meeting_end = review_end + dt.timedelta(days=10)
    return [
        (StageKind.APPLICATIONS, start, applications_end),
        (StageKind.FORMAL_CHECK, applications_end + dt.timedelta(days=1), check_end),
        (StageKind.REVIEW, check_end + dt.timedelta(days=1), review_end),
        (StageKind.MEETING, review_end + dt.timedelta(days=1), meeting_end),
        (StageKind.RESULTS, meeting_end + dt.timedelta(days=1), meeting_end + dt.timedelta(days=20)),
    ]


@transaction.atomic
def set_stages(call: Call, stages: Iterable[tuple[str, dt.date, dt.date] | Mapping]) -> list[CallStage]:
    """Replace the call's timetable, all or nothing. A stage is (kind, starts_on, ends_on) with the permissions its
    kind carries by default, or a dict of CallStage fields whose permission flags override those defaults (the
    timetable page sets them one by one)."""
    rows = []
    for stage in stages:
        if isinstance(stage, Mapping):
            fields = dict(stage)
        else:
            kind, starts_on, ends_on = stage
            fields = {"kind": kind, "starts_on": starts_on, "ends_on": ends_on}
        fields = {**STAGE_DEFAULTS[fields["kind"]], **fields}
        if fields["ends_on"] < fields["starts_on"]:
            raise ServiceError(f"Этап «{StageKind(fields['kind']).label}»: окончание раньше начала.")
        rows.append(CallStage(call=call, **fields))
    call.stages.all().delete()
    return CallStage.objects.bulk_create(rows)


@transaction.atomic
def create_call(*, title: str, municipality, rubric: Rubric, by=None, start: dt.date | None = None, **fields) -> Call:
    site_kinds = fields.pop("site_kinds", ())
    panel = fields.pop("panel", ())
    call = Call(title=title.strip(), municipality=municipality, rubric=rubric, created_by=by, **fields)
    if not call.form_fields:
        call.form_fields = default_form(call.purpose)
    unknown = [code for code in call.form_fields if code not in BY_CODE]
    if unknown:
        raise ServiceError(f"Неизвестные поля заявки: {', '.join(unknown)}.")
    call.save()
    call.site_kinds.set(site_kinds)
    call.panel.set(panel)
    set_stages(call, default_stages(start or timezone.localdate()))
    return call


@transaction.atomic
def copy_call(call: Call, *, by=None, years: int = 1) -> Call:
    """Next year's call: same rubric, panel, form and settings; stages moved by a year; unpublished."""
    copy = Call.objects.get(pk=call.pk)
    copy.pk = None
    copy.title = shift_years_in_text(call.title, years)
    copy.is_published = False
    copy.decisions_released_at = None
    copy.copied_from = call
    copy.created_by = by
    copy.save()
    copy.site_kinds.set(call.site_kinds.all())
    copy.panel.set(call.panel.all())
    CallStage.objects.bulk_create(
        CallStage(
            call=copy,
            kind=s.kind,
            starts_on=shift_year(s.starts_on, years),
            ends_on=shift_year(s.ends_on, years),
            allows_submission=s.allows_submission,
            allows_scoring=s.allows_scoring,
            reveal_names=s.reveal_names,
            experts_see_other_reviews=s.experts_see_other_reviews,
            allows_decisions=s.allows_decisions,
        )
        for s in call.stages.all()
    )
    for document in call.documents.all():
        document.pk = None
        document.call = copy
        document.save()
    return copy


@transaction.atomic
def update_call(call: Call, *, site_kinds: Iterable | None = None, panel: Iterable | None = None, **fields) -> Call:
    """Change a call's settings; its timetable changes through set_stages, its publication through set_published."""
    unknown = set(fields) & {"is_published", "decisions_released_at", "copied_from", "created_by"}
    if unknown:
        raise ServiceError(f"Эти поля конкурса так не меняются: {', '.join(sorted(unknown))}.")
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise ServiceError("Укажите название конкурса.")
    for name, value in fields.items():
        setattr(call, name, value)
    call.save()
    if site_kinds is not None:
        call.site_kinds.set(list(site_kinds))
    if panel is not None:
        call.panel.set(list(panel))
    return call


@transaction.atomic
def add_document(call: Call, *, title: str, file=None, url: str = "") -> CallDocument:
    """A document of the call (its regulation, a form to fill in): an uploaded file or a link, listed last."""
    title = (title or "").strip()
    if not title:
        raise ServiceError("Укажите наименование документа.")
    if not file and not url:
        raise ServiceError("Приложите файл или укажите ссылку.")
    return CallDocument.objects.create(
        call=call, title=title, file=file or "", url=url or "", position=call.documents.count() + 1
    )


@transaction.atomic
def remove_document(document: CallDocument) -> None:
    document.delete()


@transaction.atomic
def message_applicants(call: Call, *, recipients: Iterable[tuple], subject: str, text: str) -> int:
    """Send one message to the chosen applicants — (person, application) pairs — in their notifications and mail;
    returns how many people it went to. Nothing is sent without a subject, a text and at least one recipient."""
    subject, text, recipients = (subject or "").strip(), (text or "").strip(), list(recipients)
    if not subject or not text:
        raise ServiceError("Укажите тему и текст сообщения.")
    if not recipients:
        raise ServiceError("Нет получателей: измените условия отбора.")
    notices.message_to_applicants(call, recipients, subject=subject, text=text)
    return len(recipients)


def set_published(call: Call, published: bool) -> Call:
    if published and not call.stages.exists():
        raise ServiceError("Перед публикацией задайте этапы конкурса.")
    call.is_published = published
    call.save(update_fields=["is_published"])
    return call


# ---------------------------------------------------------------- stage permissions


def current_stage(call: Call, day: dt.date | None = None) -> CallStage | None:
    return call.stage_on(day)


def submission_open(call: Call, day: dt.date | None = None) -> bool:
    stage = current_stage(call, day)
    return bool(stage and stage.allows_submission)


def submission_deadline(application: Application) -> dt.date | None:
    ends = [s.ends_on for s in application.call.stages.all() if s.allows_submission]
    deadline = max(ends) if ends else None
    if application.extension_until and (deadline is None or application.extension_until > deadline):
        return application.extension_until
    return deadline


def may_submit_now(application: Application, day: dt.date | None = None) -> bool:
    day = day or timezone.localdate()
    if submission_open(application.call, day):
        return True
    return bool(application.extension_until and day <= application.extension_until)


def scoring_open(call: Call, day: dt.date | None = None) -> bool:
    """Scoring runs in a scoring stage and stays possible afterwards (late reviews are flagged, not refused)."""
    day = day or timezone.localdate()
    scoring = [s for s in call.stages.all() if s.allows_scoring]
    return any(s.starts_on <= day for s in scoring)


def review_deadline(call: Call) -> dt.date | None:
    ends = [s.ends_on for s in call.stages.all() if s.allows_scoring]
    return max(ends) if ends else None


def decisions_open(call: Call, day: dt.date | None = None) -> bool:
    stage = current_stage(call, day)
    return bool(stage and stage.allows_decisions)


# ---------------------------------------------------------------- applications


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
def update_application(application: Application, *, by=None, partners: Iterable | None = None, **fields) -> Application:
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
    for name, value in fields.items():
        setattr(application, name, value)
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


def transition(application: Application, to_state: str, *, by=None, comment: str = "") -> Application:
    """Move the application along its life cycle; every change is recorded and the applicant is told."""
    with transaction.atomic():
        application = _locked(application)
        from_state = application.state
        if to_state not in APPLICATION_TRANSITIONS[from_state]:
            raise ServiceError(
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


def reject(application: Application, *, by=None, comment: str = "") -> Application:
    return transition(application, AS.REJECTED, by=by, comment=comment)


def record_council_decision(application: Application, *, recommended: bool, by=None, comment: str = "") -> Application:
    to_state = AS.RECOMMENDED if recommended else AS.NOT_RECOMMENDED
    return transition(application, to_state, by=by, comment=comment or "Решение экспертного совета")


def approve_by_order(application: Application, *, order, site=None, by=None) -> Application:
    with transaction.atomic():
        application = transition(
            application, AS.APPROVED, by=by, comment=f"Приказ от {order.date:%d.%m.%Y} № {order.number}"
        )
        application.order = order
        application.site = site
        application.save(update_fields=["order", "site", "updated_at"])
    return application


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


@transaction.atomic
def release_decisions(call: Call, *, by=None) -> int:
    """Tell every applicant the council's decision at once; returns how many applications were announced."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.decisions_released_at:
        raise ServiceError("Решения по этому конкурсу уже объявлены.")
    call.decisions_released_at = timezone.now()
    call.save(update_fields=["decisions_released_at"])
    decided = list(call.applications.filter(state__in=[AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.APPROVED, AS.REJECTED]))
    for application in decided:
        application.call = call
        notices.state_changed(application, application.state)
    return len(decided)


# ---------------------------------------------------------------- conflicts of interest and assignments


def conflict_reason(expert, application: Application, declared: Mapping[int, str] | None = None) -> str:
    """Why the expert may not examine the application ('' when they may)."""
    organizations = application.organization_ids()
    if expert.organization_id and expert.organization_id in organizations:
        return "эксперт работает в организации-заявителе"
    if declared is None:
        declared = dict(
            ConflictDeclaration.objects.filter(expert=expert, organization_id__in=organizations).values_list(
                "organization_id", "reason"
            )
        )
    for organization_id in organizations:
        if organization_id in declared:
            return f"заявленный конфликт интересов: {declared[organization_id]}"
    return ""


def _check_assignable(application: Application, expert) -> None:
    if application.state not in (AS.SUBMITTED, AS.CHECKING, AS.UNDER_REVIEW, AS.REVIEWED):
        raise ServiceError("Назначать экспертов можно только поданным заявкам.")
    if not application.call.panel.filter(pk=expert.pk).exists():
        raise ServiceError("Эксперт не входит в экспертную группу конкурса.")
    reason = conflict_reason(expert, application)
    if reason:
        raise ServiceError(f"Назначение невозможно: {reason}.")


@transaction.atomic
def assign(application: Application, expert, *, by=None) -> Assignment:
    _check_assignable(application, expert)
    existing = Assignment.objects.filter(application=application, expert=expert).first()
    if existing and existing.state in ACTIVE_ASSIGNMENT_STATES:
        raise ServiceError("Этот эксперт уже назначен на заявку.")
    if existing:
        raise ServiceError("Эксперт ранее отказался от этой заявки; назначьте другого.")
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(application=application, expert=expert, assigned_by=by)
    except IntegrityError:
        raise ServiceError("Этот эксперт уже назначен на заявку.") from None
    notices.expert_assigned(assignment)
    return assignment


@transaction.atomic
def unassign(assignment: Assignment, *, by=None) -> None:
    review = getattr(assignment, "review", None)
    if review is not None and review.state == ReviewState.SUBMITTED:
        raise ServiceError("Эксперт уже отправил оценку: снять назначение нельзя.")
    assignment.delete()


@transaction.atomic
def auto_assign(call: Call, *, by=None, per_application: int | None = None) -> list[Assignment]:
    """Give each application of the call up to N experts of the panel, least-loaded first, never with a conflict.

    Existing assignments count towards N and towards the load; the result stays editable by hand.
    """
    per_application = per_application or call.experts_per_application
    panel = list(call.panel.filter(is_active=True).order_by("pk"))
    if not panel:
        raise ServiceError("В экспертной группе конкурса нет экспертов.")
    applications = list(
        call.applications.filter(state__in=[AS.SUBMITTED, AS.CHECKING, AS.UNDER_REVIEW]).prefetch_related("partners")
    )
    existing = list(
        Assignment.objects.filter(application__call=call).values_list("application_id", "expert_id", "state")
    )
    load = Counter(expert for _, expert, state in existing if state in ACTIVE_ASSIGNMENT_STATES)
    taken: dict[int, set[int]] = {}
    for application_id, expert_id, _state in existing:
        taken.setdefault(application_id, set()).add(expert_id)
    declared: dict[int, dict[int, str]] = {}
    for expert_id, organization_id, reason in ConflictDeclaration.objects.filter(expert__in=panel).values_list(
        "expert_id", "organization_id", "reason"
    ):
        declared.setdefault(expert_id, {})[organization_id] = reason
    active = Counter(a for a, _, state in existing if state in ACTIVE_ASSIGNMENT_STATES)
    eligible = {
        application.pk: [
            e
            for e in panel
            if e.pk not in taken.get(application.pk, set())
            and not conflict_reason(e, application, declared.get(e.pk, {}))
        ]
        for application in applications
    }
    created = []
    # The most constrained applications choose first, so that conflicts do not pile load on the others.
    for application in sorted(applications, key=lambda a: (len(eligible[a.pk]), a.number)):
        need = per_application - active[application.pk]
        candidates = sorted(eligible[application.pk], key=lambda e: (load[e.pk], e.pk))
        for expert in candidates[: max(need, 0)]:
            created.append(Assignment(application=application, expert=expert, assigned_by=by))
            load[expert.pk] += 1
    Assignment.objects.bulk_create(created)
    for assignment in Assignment.objects.filter(
        application__call=call, pk__in=[a.pk for a in created if a.pk]
    ).select_related("application__call", "expert"):
        notices.expert_assigned(assignment)
    return created


def _respond(assignment: Assignment, state: str, *, by, reason: str = "") -> Assignment:
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if by is not None and by.pk != assignment.expert_id:
            raise ServiceError("Отвечать на назначение может только сам эксперт.")
        review = Review.objects.filter(assignment=assignment).first()
        if review is not None and review.state == ReviewState.SUBMITTED:
            raise ServiceError("Оценка уже отправлена.")
        if state == AssignmentState.ACCEPTED and assignment.state != AssignmentState.PENDING:
            raise ServiceError("Назначение уже рассмотрено.")
        if state in (AssignmentState.DECLINED, AssignmentState.RECUSED) and not reason.strip():
            raise ServiceError("Укажите причину.")
        if assignment.state in (AssignmentState.DECLINED, AssignmentState.RECUSED):
            raise ServiceError("Вы уже отказались от этой заявки.")
        assignment.state = state
        assignment.reason = reason.strip()
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "reason", "responded_at"])
    return assignment


def accept(assignment: Assignment, *, by) -> Assignment:
    return _respond(assignment, AssignmentState.ACCEPTED, by=by)


def decline(assignment: Assignment, *, by, reason: str) -> Assignment:
    return _respond(assignment, AssignmentState.DECLINED, by=by, reason=reason)


def recuse(assignment: Assignment, *, by, reason: str) -> Assignment:
    """A self-recusal for a conflict of interest; recorded with its reason."""
    return _respond(assignment, AssignmentState.RECUSED, by=by, reason=reason)


@transaction.atomic
def declare_conflict(expert, organization, *, reason: str) -> ConflictDeclaration:
    """Declare a relation; any open assignment to that organization's applications becomes a recusal."""
    if not reason.strip():
        raise ServiceError("Опишите характер связи с организацией.")
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        expert=expert, organization=organization, defaults={"reason": reason.strip()}
    )
    ids = list(
        Assignment.objects.filter(expert=expert, state__in=ACTIVE_ASSIGNMENT_STATES)
        .filter(Q(application__lead_organization=organization) | Q(application__partners=organization))
        .values_list("pk", flat=True)
        .distinct()
    )
    Assignment.objects.filter(pk__in=ids).exclude(review__state=ReviewState.SUBMITTED).update(
        state=AssignmentState.RECUSED,
        reason=f"Заявленный конфликт интересов: {reason.strip()}",
        responded_at=timezone.now(),
    )
    return declaration


# ---------------------------------------------------------------- reviews


def _check_scores(criteria: list[Criterion], scores: Mapping[int, tuple[int | None, str]], *, complete: bool) -> None:
    by_id = {c.pk: c for c in criteria}
    unknown = set(scores) - set(by_id)
    if unknown:
        raise ServiceError("Оценка содержит критерии не из оценочного листа конкурса.")
    problems = []
    for criterion in criteria:
        value, comment = scores.get(criterion.pk, (None, ""))
        if value is None:
            if complete:
                problems.append(f"«{criterion.title}»: не выставлен балл")
            continue
        if not criterion.min_level <= value <= criterion.max_level:
            problems.append(f"«{criterion.title}»: балл должен быть от {criterion.min_level} до {criterion.max_level}")
        elif (
            complete
            and criterion.comment_required_below is not None
            and value < criterion.comment_required_below
            and not comment.strip()
        ):
            problems.append(f"«{criterion.title}»: при таком низком балле нужен комментарий")
    if problems:
        raise ServiceError("; ".join(problems) + ".")


def save_review(
    assignment: Assignment,
    *,
    by,
    scores: Mapping[int, tuple[int | None, str]],
    conclusion: str = "",
    recommendation: str = "",
    submit: bool = False,
    day: dt.date | None = None,
) -> Review:
    """Save the expert's draft, or submit it: then every criterion, the conclusion and the recommendation are due."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("application__call__rubric").get(pk=assignment.pk)
        )
        if by.pk != assignment.expert_id:
            raise ServiceError("Оценку заполняет только назначенный эксперт.")
        if assignment.state not in ACTIVE_ASSIGNMENT_STATES:
            raise ServiceError("Вы отказались от этой заявки.")
        application = assignment.application
        call = application.call
        if application.state != AS.UNDER_REVIEW:
            raise ServiceError("Заявка сейчас не на экспертизе.")
        if not scoring_open(call, day):
            raise ServiceError("Экспертиза по этому конкурсу ещё не началась.")
        review, _ = Review.objects.get_or_create(assignment=assignment)
        if review.state == ReviewState.SUBMITTED:
            raise ServiceError("Оценка уже отправлена; изменить её может только методист, вернув её эксперту.")
        criteria = list(call.rubric.criteria.all())
        _check_scores(criteria, scores, complete=submit)
        if submit and not conclusion.strip():
            raise ServiceError("Напишите экспертное заключение.")
        if submit and not recommendation:
            raise ServiceError("Выберите рекомендацию.")
        if assignment.state == AssignmentState.PENDING:
            assignment.state = AssignmentState.ACCEPTED
            assignment.responded_at = timezone.now()
            assignment.save(update_fields=["state", "responded_at"])
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(review=review, criterion_id=cid, value=value, comment=(comment or "").strip())
            for cid, (value, comment) in scores.items()
            if value is not None
        )
        weights = {c.pk: c.weight for c in criteria}
        levels = {cid: value for cid, (value, _c) in scores.items() if value is not None}
        review.total = weighted_total(levels, weights)
        review.conclusion = conclusion.strip()
        review.recommendation = recommendation
        if submit:
            review.state = ReviewState.SUBMITTED
            review.submitted_at = timezone.now()
        review.save()
        if submit:
            _close_review_if_complete(application, by=by)
    return review


def is_late(review: Review, call: Call) -> bool:
    deadline = review_deadline(call)
    if deadline is None:
        return False
    if review.submitted_at:
        return timezone.localtime(review.submitted_at).date() > deadline
    return timezone.localdate() > deadline


def _close_review_if_complete(application: Application, *, by=None) -> None:
    active = Assignment.objects.filter(application=application, state__in=ACTIVE_ASSIGNMENT_STATES)
    if not active.exists():
        return
    if active.exclude(review__state=ReviewState.SUBMITTED).exists():
        return
    transition(application, AS.REVIEWED, by=by, comment="Все эксперты отправили оценки")
    notices.all_reviews_in(application)


@transaction.atomic
def reopen_review(review: Review, *, by=None, reason: str) -> Review:
    """The methodist returns a submitted review to its expert (e.g. a wrong score); the application goes back."""
    if not reason.strip():
        raise ServiceError("Укажите, почему оценка возвращается эксперту.")
    review = Review.objects.select_for_update().select_related("assignment__application").get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise ServiceError("Оценка ещё не отправлена.")
    application = review.assignment.application
    if application.state not in (AS.UNDER_REVIEW, AS.REVIEWED):
        raise ServiceError("По заявке уже принято решение.")
    review.state = ReviewState.DRAFT
    review.submitted_at = None
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    if application.state == AS.REVIEWED:
        transition(application, AS.UNDER_REVIEW, by=by, comment=f"Оценка возвращена эксперту: {reason.strip()}")
    return review


def passes(total: Decimal | None, maximum: Decimal, threshold: Decimal) -> bool:
    return total is not None and maximum > 0 and total >= maximum * threshold
