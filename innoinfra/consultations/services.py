"""Recording consultations and running consultation hours: each action in one transaction, audited in the history
(consultations) or by who booked and when (hours); the adviser hears of a booking."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.dates import russian_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.notifications import notify
from innoinfra.core.versioning import claim_version

from .enums import SlotState
from .models import Consultation, ConsultationSlot
from .rules import may_record_for

EDITABLE = (
    "held_on",
    "form",
    "adviser",
    "adviser_name",
    "organization",
    "site",
    "advised",
    "participants",
    "topic",
    "duration_minutes",
    "result",
)
MAX_MINUTES = 8 * 60


def _check(consultation: Consultation, by) -> None:
    errors = []
    if consultation.held_on and consultation.held_on > timezone.localdate():
        errors.append("Консультацию записывают после того, как она прошла: дата не может быть позже сегодняшней.")
    if not consultation.adviser_id and not consultation.adviser_name.strip():
        errors.append("Укажите, кто консультировал.")
    if not 1 <= (consultation.duration_minutes or 0) <= MAX_MINUTES:
        errors.append("Продолжительность — от 1 минуты до 8 часов.")
    if not (consultation.participants or 0) >= 1:
        errors.append("Участников должно быть не меньше одного.")
    if by is not None and not may_record_for(by, consultation.organization):
        errors.append("Записывать консультации можно только своей организации или организаций своей территории.")
    site = consultation.site
    if site is not None and not site.involves(consultation.organization_id):
        errors.append("Выбранная организация не участвует в этой инновационной площадке.")
    if errors:
        raise ServiceError(errors)


def _save(consultation: Consultation, by) -> Consultation:
    _check(consultation, by)
    consultation.municipality_id = consultation.organization.municipality_id
    consultation._history_user = by
    consultation.save()
    return consultation


@transaction.atomic
def record_consultation(*, by, **fields) -> Consultation:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return _save(Consultation(created_by=by, **fields), by)


@transaction.atomic
def update_consultation(consultation: Consultation, *, by, version: int | None = None, **fields) -> Consultation:
    claim_version(consultation, version)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"unknown field: {name}")
        setattr(consultation, name, value)
    return _save(consultation, by)


@transaction.atomic
def delete_consultation(consultation: Consultation, *, by) -> None:
    consultation._history_user = by
    if consultation.slot_id:  # the hour goes back to «booked»: it was not held as recorded
        ConsultationSlot.objects.filter(pk=consultation.slot_id).update(state=SlotState.BOOKED)
    consultation.delete()


# ---------------------------------------------------------------- consultation hours


@transaction.atomic
def offer_hour(
    *, by, starts_at: dt.datetime, duration_minutes: int = 30, form: str, place: str = "", topics: str = ""
) -> ConsultationSlot:
    """A staff member offers an hour of their territory (the first they manage)."""
    scope = scope_of(by)
    if not scope.is_staff:
        raise ServiceError("Консультационные часы назначают методисты и специалисты управления образования.")
    if starts_at <= timezone.now():
        raise ServiceError("Консультационный час назначают на будущее время.")
    if not 5 <= duration_minutes <= MAX_MINUTES:
        raise ServiceError("Продолжительность — от 5 минут до 8 часов.")
    municipality_id = _home_municipality(by)
    end = starts_at + dt.timedelta(minutes=duration_minutes)
    overlapping = ConsultationSlot.objects.filter(adviser=by, starts_at__lt=end).exclude(state=SlotState.CANCELLED)
    for other in overlapping.filter(starts_at__gte=starts_at - dt.timedelta(minutes=MAX_MINUTES)):
        if other.starts_at + dt.timedelta(minutes=other.duration_minutes) > starts_at:
            raise ServiceError("В это время у вас уже назначен консультационный час.")
    return ConsultationSlot.objects.create(
        adviser=by,
        municipality_id=municipality_id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        form=form,
        place=place,
        topics=topics,
    )


def _home_municipality(user) -> int:
    scope = scope_of(user)
    if scope.managed_municipalities:
        return min(scope.managed_municipalities)
    if user.organization_id:
        return user.organization.municipality_id
    raise ServiceError("У вашей учётной записи нет территории: консультационные часы назначить нельзя.")


@transaction.atomic
def book_hour(slot: ConsultationSlot, *, by, organization, question: str = "") -> ConsultationSlot:
    """Book a free hour for the organization; two people booking the same hour at once: one gets it, the other a
    message (the row is locked while it is checked)."""
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if organization is None:
        raise ServiceError("Укажите организацию, от которой вы записываетесь.")
    own = organization.pk == by.organization_id or organization.pk in scope_of(by).organizations
    if not own:
        raise ServiceError("Записаться можно только от своей организации.")
    if organization.municipality_id != slot.municipality_id:
        raise ServiceError("Этот консультационный час — для организаций другой территории.")
    if slot.state != SlotState.FREE:
        raise ServiceError("Это время уже занято или отменено: выберите другое.")
    if slot.starts_at <= timezone.now():
        raise ServiceError("Это время уже прошло: выберите другое.")
    slot.state = SlotState.BOOKED
    slot.booked_by = by
    slot.booked_organization = organization
    slot.question = question.strip()
    slot.booked_at = timezone.now()
    slot.save()
    when = timezone.localtime(slot.starts_at)
    notify(
        slot.adviser,
        title="Запись на консультацию",
        text=f"{organization.short_name} записалась на консультацию {russian_date(when.date())} в {when:%H:%M}. "
        f"Вопрос: {slot.question or 'не указан'}.",
        url=slot.get_absolute_url(),
        key=f"consultation-booked-{slot.pk}-{slot.booked_at:%Y%m%d%H%M%S}",
    )
    return slot


@transaction.atomic
def cancel_booking(slot: ConsultationSlot, *, by) -> ConsultationSlot:
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.state != SlotState.BOOKED:
        raise ServiceError("Записи на это время нет.")
    slot.state = SlotState.FREE
    slot.booked_by = None
    slot.booked_organization = None
    slot.question = ""
    slot.booked_at = None
    slot.save()
    return slot


@transaction.atomic
def cancel_hour(slot: ConsultationSlot, *, by) -> ConsultationSlot:
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.state == SlotState.HELD:
        raise ServiceError("Консультация уже проведена и записана в журнал: отменить её нельзя.")
    was_booked = slot.state == SlotState.BOOKED and slot.booked_by_id
    slot.state = SlotState.CANCELLED
    slot.save(update_fields=["state"])
    if was_booked:
        when = timezone.localtime(slot.starts_at)
        notify(
            slot.booked_by,
            title="Консультация отменена",
            text=f"Консультация {russian_date(when.date())} в {when:%H:%M} отменена консультантом. "
            "Выберите другое время.",
            url=slot.get_absolute_url(),
            key=f"consultation-cancelled-{slot.pk}",
        )
    return slot


@transaction.atomic
def record_held_hour(slot: ConsultationSlot, *, by, topic: str, result: str = "", advised: str = "") -> Consultation:
    """The booked hour took place: it goes into the log with the organization, form, date and length of the hour."""
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.state != SlotState.BOOKED:
        raise ServiceError("В журнал записывают только час, на который была запись.")
    if slot.starts_at > timezone.now():
        raise ServiceError("Консультация ещё не началась: отметить её проведённой можно после начала.")
    consultation = _save(
        Consultation(
            created_by=by,
            held_on=timezone.localtime(slot.starts_at).date(),
            form=slot.form,
            adviser=slot.adviser,
            organization=slot.booked_organization,
            advised=advised,
            topic=topic.strip() or slot.question[:500] or "Консультация",
            duration_minutes=slot.duration_minutes,
            result=result,
            slot=slot,
        ),
        by,
    )
    slot.state = SlotState.HELD
    slot.save(update_fields=["state"])
    return consultation
