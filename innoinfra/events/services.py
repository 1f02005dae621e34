"""Business actions on events and registrations. Each runs in a transaction and refuses what the rules forbid
with a Russian ServiceError, changing nothing; callers check permissions first (views ask the `rules` perms).

Seats are never overbooked: every action that takes or frees a seat locks the event's row (SELECT … FOR UPDATE)
and counts the seats inside the same transaction, so two people racing for the last seat are served one after
the other (on PostgreSQL; SQLite serialises writers anyway)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.notifications import absolute_url
from innoinfra.core.uploads import DOCUMENT_TYPES, checked_material, original_name, store_under_random_name
from innoinfra.plans import services as plan_services
from innoinfra.plans.enums import OPEN_STATUSES, OccurrenceStatus, PlanState
from innoinfra.plans.models import Occurrence

from . import notices
from .enums import (
    ACTIVE_STATES,
    EVENT_TRANSITIONS,
    OPTIONAL_REGISTRATION_FIELDS,
    SEATED_STATES,
    EventState,
    FieldMode,
    RegistrationState,
)
from .models import Event, Feedback, Material, Registration, Session

# participants arrive before the start: the door opens for check-in an hour early
CHECK_IN_EARLY = dt.timedelta(hours=1)

EVENT_FIELDS = (
    "title",
    "format",
    "organizer",
    "site",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "audience_group",
    "audience",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "description",
)


# ---------------------------------------------------------------- events


def _check_fields(fields: dict) -> None:
    if fields["ends_at"] < fields["starts_at"]:
        raise ServiceError("Окончание мероприятия не может быть раньше его начала.")
    deadline = fields.get("registration_deadline")
    if deadline and deadline > fields["starts_at"]:
        raise ServiceError("Регистрация должна закончиться не позже начала мероприятия.")
    if not fields.get("place") and not fields.get("online_url"):
        raise ServiceError("Укажите место проведения или ссылку для подключения.")
    site = fields.get("site")
    organizer = fields["organizer"]
    if site is not None and site.lead_organization_id != organizer.pk and not _participates(site, organizer):
        raise ServiceError("Площадка должна принадлежать организации-организатору.")


def _participates(site, organization) -> bool:
    return site.participants.filter(organization=organization).exists()


@transaction.atomic
def create_event(
    *,
    by=None,
    plan_items: Iterable = (),
    co_organizers: Iterable = (),
    registration_fields: dict | None = None,
    questions: list | None = None,
    **fields,
) -> Event:
    """A draft event; its municipality is the organizer's. registration_fields and questions shape the
    registration form (see clean_registration_fields and clean_questions)."""
    fields = {name: fields.get(name) for name in EVENT_FIELDS}
    fields["capacity"] = fields["capacity"] or None
    fields["requires_approval"] = bool(fields["requires_approval"])
    for name in ("place", "online_url", "audience_group", "audience", "description"):
        fields[name] = (fields[name] or "").strip()
    _check_fields(fields)
    event = Event(**fields, municipality_id=fields["organizer"].municipality_id, created_by=by)
    event.registration_fields = clean_registration_fields(registration_fields or {})
    event.questions = clean_questions(questions or [])
    event._history_user = by
    event.save()
    event.plan_items.set(plan_items)
    _set_co_organizers(event, co_organizers)
    return event


@transaction.atomic
def update_event(
    event: Event,
    *,
    by=None,
    plan_items: Iterable | None = None,
    co_organizers: Iterable | None = None,
    registration_fields: dict | None = None,
    questions: list | None = None,
    **fields,
) -> Event:
    """None for registration_fields or questions keeps them as they are."""
    event = _locked(event)
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Проведённое или отменённое мероприятие не редактируется.")
    values = {name: fields.get(name, getattr(event, name)) for name in EVENT_FIELDS}
    values["capacity"] = values["capacity"] or None
    _check_fields(values)
    for name, value in values.items():
        setattr(event, name, value)
    if registration_fields is not None:
        event.registration_fields = clean_registration_fields(registration_fields)
    if questions is not None:
        event.questions = clean_questions(questions)
    event.municipality_id = event.organizer.municipality_id
    event._history_user = by
    event.save()
    if plan_items is not None:
        event.plan_items.set(plan_items)
    if co_organizers is not None:
        _set_co_organizers(event, co_organizers)
    _fill_free_seats(event)
    return event


def _set_co_organizers(event: Event, organizations: Iterable) -> None:
    event.co_organizers.set([org for org in organizations if org.pk != event.organizer_id])


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends; the caller's object gets the fresh values."""
    fresh = Event.objects.select_for_update().get(pk=event.pk)
    for field in Event._meta.concrete_fields:
        setattr(event, field.attname, getattr(fresh, field.attname))
    return event


def _set_state(event: Event, new_state: str, *, by) -> Event:
    if new_state not in EVENT_TRANSITIONS[EventState(event.state)]:
        raise ServiceError(
            f"Мероприятие в состоянии «{EventState(event.state).label}» нельзя перевести "
            f"в состояние «{EventState(new_state).label}»."
        )
    event.state = new_state
    event._history_user = by
    update = ["state", "updated_at"]
    if new_state == EventState.PUBLISHED:
        event.published_at = timezone.now()
        update.append("published_at")
    event.save(update_fields=update)
    return event


@transaction.atomic
def publish_event(event: Event, *, by=None) -> Event:
    """Announce the event: it appears in the public list, the calendar and the ICS feed; registration opens."""
    _locked(event)
    return _set_state(event, EventState.PUBLISHED, by=by)


@transaction.atomic
def cancel_event(event: Event, *, by=None, reason: str = "") -> Event:
    """Cancel the event; everyone registered and not cancelled hears of it (after commit)."""
    _locked(event)
    _set_state(event, EventState.CANCELLED, by=by)
    registrations = list(event.registrations.filter(state__in=ACTIVE_STATES))
    notices.event_cancelled(event, registrations, reason=reason.strip())
    return event


@transaction.atomic
def mark_held(event: Event, *, by=None, now: dt.datetime | None = None) -> Event:
    """Record that the event took place. Items of approved plans linked to the event get their execution
    marked on the occurrence that covers the event's date, with a link to the event as evidence."""
    _locked(event)
    now = now or timezone.now()
    if event.state == EventState.PUBLISHED and event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: отметить его проведённым можно после начала.")
    _set_state(event, EventState.HELD, by=by)
    _record_plan_execution(event, by=by)
    return event


def _record_plan_execution(event: Event, *, by) -> int:
    day = timezone.localtime(event.starts_at).date()
    attended = event.registrations.filter(state=RegistrationState.ATTENDED).count()
    comment = f"Проведено мероприятие «{event.title}» {day:%d.%m.%Y}"
    comment += f", присутствовали: {attended}." if attended else "."
    link = ("Мероприятие в системе", absolute_url(reverse("events:detail", args=[event.pk])))
    recorded = 0
    occurrences = Occurrence.objects.filter(
        item__in=event.plan_items.all(), plan__state=PlanState.APPROVED, status__in=OPEN_STATUSES
    ).select_related("plan", "item")
    chosen: dict[int, Occurrence] = {}
    for occurrence in occurrences.order_by("due_date"):
        covers = occurrence.start_date <= day <= occurrence.due_date
        same_month = (occurrence.due_date.year, occurrence.due_date.month) == (day.year, day.month)
        if (covers or same_month) and occurrence.item_id not in chosen:
            chosen[occurrence.item_id] = occurrence
    for occurrence in chosen.values():
        plan_services.record_execution(
            occurrence,
            by=by,
            status=OccurrenceStatus.DONE,
            completed_on=day,
            comment=comment,
            links=[link],
            today=max(day, timezone.localdate()),
        )
        recorded += 1
    return recorded


def allowed_transitions(event: Event) -> list[EventState]:
    return [EventState(state) for state in EVENT_TRANSITIONS[EventState(event.state)]]


# ---------------------------------------------------------------- registrations


def seats_taken(event: Event) -> int:
    return event.registrations.filter(state__in=SEATED_STATES).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


@transaction.atomic
def register(
    *,
    event: Event,
    full_name: str,
    email: str,
    consent: bool,
    organization_name: str = "",
    position: str = "",
    phone: str = "",
    answers: dict | None = None,
    user=None,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person (with or without an account). Confirmed while seats last, then the waiting list;
    an event whose organizer approves participants puts everyone on «pending». The person gets an e-mail
    with the link to their own page. The standard fields and the answers to the organizer's questions are
    checked against the event's form: a required one left empty, or an answer to no question, is refused."""
    now = now or timezone.now()
    _locked(event)
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Регистрация закрыта: мероприятие {_state_phrase(event)}.")
    if now >= event.registration_closes_at:
        raise ServiceError("Регистрация на это мероприятие закончилась.")
    if not consent:
        raise ServiceError("Для регистрации нужно согласие на обработку персональных данных.")
    email = email.strip().lower()
    full_name = " ".join(full_name.split())
    if not full_name or not email:
        raise ServiceError("Укажите фамилию, имя, отчество и адрес электронной почты.")
    if event.registrations.filter(email=email, state__in=ACTIVE_STATES).exists():
        raise ServiceError("Участник с этим адресом электронной почты уже зарегистрирован на мероприятие.")
    standard = _checked_standard_fields(
        event, {"organization_name": organization_name, "position": position, "phone": phone}
    )
    answers = _checked_answers(event, answers or {})
    if event.requires_approval:
        state = RegistrationState.PENDING
    elif _has_free_seat(event):
        state = RegistrationState.CONFIRMED
    else:
        state = RegistrationState.WAITING
    registration = Registration(
        event=event,
        user=user if user is not None and user.is_authenticated else None,
        full_name=full_name[:300],
        organization_name=standard["organization_name"][:500],
        position=standard["position"][:300],
        email=email,
        phone=standard["phone"][:50],
        answers=answers,
        consent_at=now,
        state=state,
    )
    registration.save()
    notices.registered(registration)
    return registration


def _state_phrase(event: Event) -> str:
    return {
        EventState.DRAFT: "ещё не опубликовано",
        EventState.HELD: "уже проведено",
        EventState.CANCELLED: "отменено",
    }.get(event.state, "недоступно")


def _fill_free_seats(event: Event) -> list[Registration]:
    """Move people from the waiting list up, first come first served, while seats are free (the event is locked
    by the caller). Each one promoted is told."""
    if event.state != EventState.PUBLISHED:
        return []
    waiting = event.registrations.filter(state=RegistrationState.WAITING).order_by("created_at", "id")
    if event.capacity is not None:
        free = event.capacity - seats_taken(event)
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.state = RegistrationState.CONFIRMED
        registration.save(update_fields=["state", "updated_at"])
        notices.promoted(registration)
    return promoted


@transaction.atomic
def cancel_registration(registration: Registration, *, by=None) -> Registration:
    """The participant (by the link or from their account) or the organizer cancels a registration; a freed
    seat goes to the first person on the waiting list."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.state == RegistrationState.CANCELLED:
        raise ServiceError("Регистрация уже отменена.")
    if registration.state == RegistrationState.ATTENDED or event.state == EventState.HELD:
        raise ServiceError("Мероприятие уже проведено: регистрацию отменить нельзя.")
    registration.state = RegistrationState.CANCELLED
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    _fill_free_seats(event)
    return registration


def registration_of_user(event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user, state__in=ACTIVE_STATES).order_by("-created_at").first()


@transaction.atomic
def cancel_registration_of_user(event: Event, user) -> Registration:
    registration = registration_of_user(event, user)
    if registration is None:
        raise ServiceError("Вы не зарегистрированы на это мероприятие.")
    return cancel_registration(registration, by=user)


@transaction.atomic
def approve_registration(registration: Registration, *, by=None) -> Registration:
    """The organizer admits a pending participant: confirmed if a seat is free, else the waiting list."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.state != RegistrationState.PENDING:
        raise ServiceError("Подтвердить можно только регистрацию, ожидающую подтверждения.")
    if event.state != EventState.PUBLISHED:
        raise ServiceError(f"Подтверждать участников нельзя: мероприятие {_state_phrase(event)}.")
    registration.state = RegistrationState.CONFIRMED if _has_free_seat(event) else RegistrationState.WAITING
    registration._history_user = by
    registration.save(update_fields=["state", "updated_at"])
    notices.approved(registration)
    return registration


@transaction.atomic
def mark_attendance(event: Event, *, attended: Iterable[int], by=None, now: dt.datetime | None = None) -> int:
    """Set attendance by the list of registration ids present: those listed become «attended», confirmed
    participants not listed stay (or become again) «confirmed». Returns how many attended."""
    _locked(event)
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {_state_phrase(event)}.")
    if event.starts_at > now:
        raise ServiceError("Мероприятие ещё не началось: присутствие отмечается после его начала.")
    present = {int(pk) for pk in attended}
    seated = event.registrations.filter(state__in=SEATED_STATES)
    unknown = present - set(seated.values_list("pk", flat=True))
    if unknown:
        raise ServiceError("Присутствие отмечается только у участников с подтверждённой регистрацией.")
    seated.filter(pk__in=present, attended_at__isnull=True).update(attended_at=now)
    seated.filter(pk__in=present).update(state=RegistrationState.ATTENDED, updated_at=now)
    seated.exclude(pk__in=present).update(state=RegistrationState.CONFIRMED, attended_at=None, updated_at=now)
    return len(present)


@transaction.atomic
def check_in(registration: Registration, *, by=None, now: dt.datetime | None = None) -> Registration:
    """Mark one participant present: the organizer scans the QR code of the participant's page, or the API's
    «attend». Checking in twice is harmless (the first time stays recorded)."""
    event = _locked(registration.event)
    registration.refresh_from_db()
    now = now or timezone.now()
    if event.state not in (EventState.PUBLISHED, EventState.HELD):
        raise ServiceError(f"Отмечать присутствие нельзя: мероприятие {_state_phrase(event)}.")
    if event.starts_at - CHECK_IN_EARLY > now:
        raise ServiceError("Отметка присутствия открывается за час до начала мероприятия.")
    if registration.state == RegistrationState.ATTENDED:
        return registration
    if registration.state != RegistrationState.CONFIRMED:
        raise ServiceError(
            f"Отметить нельзя: регистрация в состоянии «{RegistrationState(registration.state).label}»."
        )
    registration.state = RegistrationState.ATTENDED
    registration.attended_at = now
    registration._history_user = by
    registration.save(update_fields=["state", "attended_at", "updated_at"])
    return registration


# ---------------------------------------------------------------- the registration form the organizer chooses

MAX_QUESTIONS = 5
QUESTION_LENGTH = 300
ANSWER_LENGTH = 2000
STANDARD_LABELS = {"organization_name": "Организация", "position": "Должность", "phone": "Телефон"}


def field_modes(event: Event) -> dict[str, str]:
    """Each optional standard field with its mode on this event's form; a key the event lacks takes the default."""
    chosen = event.registration_fields or {}
    return {name: chosen.get(name, default) for name, default in OPTIONAL_REGISTRATION_FIELDS.items()}


def clean_registration_fields(modes: dict) -> dict[str, str]:
    unknown = sorted(set(modes) - set(OPTIONAL_REGISTRATION_FIELDS))
    if unknown:
        raise ServiceError(f"Такого поля в форме регистрации нет: {', '.join(unknown)}.")
    cleaned = {}
    for name, default in OPTIONAL_REGISTRATION_FIELDS.items():
        mode = modes.get(name) or default
        if mode not in FieldMode.values:
            raise ServiceError(f"Поле «{STANDARD_LABELS[name]}»: непонятно, спрашивать ли его ({mode}).")
        cleaned[name] = str(mode)
    return cleaned


def clean_questions(questions) -> list[dict]:
    """[{"label": …, "required": bool}], labels unique: the answers are kept under them."""
    if not isinstance(questions, list | tuple):
        raise ServiceError("Дополнительные вопросы не распознаны.")
    cleaned: list[dict] = []
    seen: set[str] = set()
    for question in questions:
        if not isinstance(question, dict):
            raise ServiceError("Дополнительные вопросы не распознаны.")
        label = " ".join(str(question.get("label") or "").split())
        if not label:
            raise ServiceError("У дополнительного вопроса нет текста.")
        if len(label) > QUESTION_LENGTH:
            raise ServiceError(f"Вопрос «{label[:50]}…» длиннее {QUESTION_LENGTH} знаков.")
        if label.casefold() in seen:
            raise ServiceError(f"Вопрос «{label}» задан дважды.")
        seen.add(label.casefold())
        cleaned.append({"label": label, "required": bool(question.get("required"))})
    if len(cleaned) > MAX_QUESTIONS:
        raise ServiceError(f"Дополнительных вопросов может быть не больше {MAX_QUESTIONS}.")
    return cleaned


def _checked_standard_fields(event: Event, values: dict[str, str]) -> dict[str, str]:
    modes = field_modes(event)
    checked = {}
    for name, value in values.items():
        value = (value or "").strip()
        if modes[name] == FieldMode.OFF:
            value = ""  # the organizer does not collect it: whatever a client sent is not kept
        elif modes[name] == FieldMode.REQUIRED and not value:
            raise ServiceError(f"Заполните поле «{STANDARD_LABELS[name]}».")
        checked[name] = value
    return checked


def _checked_answers(event: Event, answers: dict) -> dict[str, str]:
    questions = event.questions or []
    labels = {question["label"] for question in questions}
    unknown = [label for label in answers if label not in labels]
    if unknown:
        raise ServiceError(f"Организатор не задавал вопроса «{unknown[0]}».")
    checked = {}
    for question in questions:
        label = question["label"]
        answer = str(answers.get(label) or "").strip()
        if len(answer) > ANSWER_LENGTH:
            raise ServiceError(f"Ответ на вопрос «{label}» длиннее {ANSWER_LENGTH} знаков.")
        if question.get("required") and not answer:
            raise ServiceError(f"Ответьте на вопрос «{label}».")
        if answer:
            checked[label] = answer
    return checked


def answer_labels(event: Event, registrations: Iterable[Registration]) -> list[str]:
    """The columns of the answers: the event's questions, then labels only older answers have (a question
    renamed or removed after people answered it keeps its answers visible)."""
    labels = [question["label"] for question in event.questions or []]
    for registration in registrations:
        labels.extend(label for label in registration.answers or {} if label not in labels)
    return labels


# ---------------------------------------------------------------- programme

SESSION_FIELDS = ("starts_at", "ends_at", "title", "speakers", "place")


def _changeable(event: Event) -> None:
    if event.state in (EventState.HELD, EventState.CANCELLED):
        raise ServiceError("Программа проведённого или отменённого мероприятия не меняется.")


def _session_values(event: Event, fields: dict) -> dict:
    values = {name: fields.get(name) for name in SESSION_FIELDS}
    values["title"] = " ".join((values["title"] or "").split())
    values["place"] = (values["place"] or "").strip()
    speakers = (values["speakers"] or "").splitlines()
    values["speakers"] = "\n".join(line.strip() for line in speakers if line.strip())
    start, end = values["starts_at"], values["ends_at"]
    if not values["title"]:
        raise ServiceError("Укажите тему.")
    if start is None:
        raise ServiceError("Укажите время начала.")
    if end is not None and end < start:
        raise ServiceError("Окончание не может быть раньше начала.")
    if start < event.starts_at or (end or start) > event.ends_at:
        from .templatetags.events import event_when

        raise ServiceError(f"Часть программы должна пройти в сроки мероприятия: {event_when(event)}.")
    return values


@transaction.atomic
def add_session(event: Event, *, by=None, **fields) -> Session:
    """A part of the programme (or a meeting of a series) within the event's dates."""
    _locked(event)
    _changeable(event)
    return Session.objects.create(event=event, **_session_values(event, fields))


@transaction.atomic
def update_session(session: Session, *, by=None, **fields) -> Session:
    event = _locked(session.event)
    _changeable(event)
    for name, value in _session_values(event, fields).items():
        setattr(session, name, value)
    session.save()
    return session


@transaction.atomic
def delete_session(session: Session, *, by=None) -> None:
    _changeable(_locked(session.event))
    session.delete()


def by_day(sessions: Iterable[Session]) -> list[tuple[dt.date, list[Session]]]:
    """The programme as the page shows it: days in order, each with its sessions (already in time order)."""
    days: dict[dt.date, list[Session]] = {}
    for session in sessions:
        days.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return list(days.items())


# ---------------------------------------------------------------- materials

MATERIAL_TYPES = DOCUMENT_TYPES


@transaction.atomic
def add_material(
    event: Event, *, title: str, file=None, url: str = "", participants_only: bool = True, by=None
) -> Material:
    """A file or a link; a file's stored name gets a random part, so nobody finds it by guessing its name."""
    _locked(event)
    if event.state == EventState.CANCELLED:
        raise ServiceError("Мероприятие отменено: материалы к нему не добавляются.")
    title, url = checked_material(title=title or "", file=file, url=url, allowed=MATERIAL_TYPES)
    if file:
        store_under_random_name(file)
    return Material.objects.create(
        event=event, title=title[:500], file=file or "", url=url, participants_only=bool(participants_only)
    )


@transaction.atomic
def delete_material(material: Material, *, by=None) -> None:
    """The row goes now; the file goes from the storage once the deletion is committed."""
    _locked(material.event)
    file = material.file
    material.delete()
    if file:
        name, storage = file.name, file.storage
        transaction.on_commit(lambda: storage.delete(name))


def material_download_name(material: Material) -> str:
    return original_name(material.file.name)


def sees_private_materials(event: Event, *, user=None, registration: Registration | None = None) -> bool:
    """Materials «только для участников» are for those holding a seat (by their link or their account) and
    for the organizers."""
    if registration is not None:
        return registration.event_id == event.pk and registration.state in SEATED_STATES
    if user is None or not user.is_authenticated:
        return False
    if user.has_perm("events.change_event", event):
        return True
    return event.registrations.filter(user=user, state__in=SEATED_STATES).exists()


# ---------------------------------------------------------------- check-in by QR code

def can_check_in_now(registration: Registration, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    event = registration.event
    return (
        event.state in (EventState.PUBLISHED, EventState.HELD)
        and event.starts_at - CHECK_IN_EARLY <= now
        and registration.state == RegistrationState.CONFIRMED
    )


# ---------------------------------------------------------------- feedback

FEEDBACK_LENGTH = 4000
MARKS = (5, 4, 3, 2, 1)


def _feedback_refusal(registration: Registration, now: dt.datetime) -> str | None:
    event = registration.event
    if event.state == EventState.CANCELLED:
        return "Мероприятие отменено: отзывы не собираются."
    if not (event.state == EventState.HELD or (event.state == EventState.PUBLISHED and event.ends_at <= now)):
        return "Отзыв можно оставить после окончания мероприятия."
    if not event.feedback_open:
        return "Организатор закрыл анкету обратной связи."
    if registration.state not in SEATED_STATES:
        return "Отзыв оставляют участники мероприятия."
    if Feedback.objects.filter(registration=registration).exists():
        return "Вы уже оставили отзыв. Спасибо!"
    return None


def feedback_allowed(registration: Registration, now: dt.datetime | None = None) -> bool:
    return _feedback_refusal(registration, now or timezone.now()) is None


@transaction.atomic
def leave_feedback(
    registration: Registration,
    *,
    rating,
    useful: str = "",
    suggestions: str = "",
    now: dt.datetime | None = None,
) -> Feedback:
    """The participant's answer to the short form after the event: once per registration."""
    _locked(registration.event)
    registration.refresh_from_db()
    refusal = _feedback_refusal(registration, now or timezone.now())
    if refusal:
        raise ServiceError(refusal)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ServiceError("Оценка — от 1 до 5.")
    useful, suggestions = (useful or "").strip(), (suggestions or "").strip()
    if len(useful) > FEEDBACK_LENGTH or len(suggestions) > FEEDBACK_LENGTH:
        raise ServiceError(f"Ответ длиннее {FEEDBACK_LENGTH} знаков: сократите его.")
    return Feedback.objects.create(registration=registration, rating=rating, useful=useful, suggestions=suggestions)


@transaction.atomic
def set_feedback_open(event: Event, *, is_open: bool, by=None) -> Event:
    _locked(event)
    if event.state == EventState.CANCELLED:
        raise ServiceError("Мероприятие отменено: отзывы не собираются.")
    event.feedback_open = bool(is_open)
    event._history_user = by
    event.save(update_fields=["feedback_open", "updated_at"])
    return event


def feedback_summary(event: Event) -> dict:
    """Count, mean rating and how many gave each mark — one query; the comments are the caller's to list."""
    feedback = Feedback.objects.filter(registration__event=event)
    marks = dict(feedback.values_list("rating").annotate(n=Count("id")).order_by())
    total = sum(marks.values())
    return {
        "count": total,
        "mean": sum(mark * n for mark, n in marks.items()) / total if total else None,
        # (mark, how many, share in per cent), best first, for the bars of the summary
        "marks": [(mark, marks.get(mark, 0), round(100 * marks.get(mark, 0) / (total or 1))) for mark in MARKS],
    }


# ---------------------------------------------------------------- reminders

REMIND_AHEAD = dt.timedelta(hours=24)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind confirmed participants of events starting within a day; each is reminded once (reminded_at),
    so running the command again, even at the same time, mails nobody twice. Returns how many were reminded."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            state=RegistrationState.CONFIRMED,
            reminded_at__isnull=True,
            event__state=EventState.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMIND_AHEAD,
        )
        .select_related("event__organizer", "user")
        .order_by("event__starts_at", "id")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # each row is claimed by a conditional update: a run racing this one finds it taken
            if Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
                notices.reminder(registration)
                sent += 1
    return sent
