"""Letters to participants. A participant may have no account, so letters go to the address given at
registration (through the mail queue: sent after commit, so a rolled-back change mails nobody and a mail outage
never fails a registration); one with an account also gets the in-app notification (without a second e-mail)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.enums import MailKind
from innoinfra.core.mail import Letter, queue_letters
from innoinfra.core.notifications import installation_name, notify
from innoinfra.core.site_url import absolute_url
from innoinfra.core.timezones import zone, zone_caption

from .checkin import checkin_code
from .enums import RegistrationState
from .models import Event, Registration


def _checkin_url(registration: Registration) -> str:
    """The letter is plain text, so it carries the check-in link the participant's QR code encodes; the page
    of the registration shows the code itself. Only for a held seat: nobody else is checked in."""
    if registration.state != RegistrationState.CONFIRMED:
        return ""
    return absolute_url(reverse("events:checkin", args=[checkin_code(registration)]))


def _local_start(event: Event):
    """The start in the zone of the event's municipality (letters name the zone: the reader may live elsewhere)."""
    return timezone.localtime(event.starts_at, zone(event.municipality.time_zone))


def _letter(registration: Registration, *, subject: str, text: str) -> Letter:
    event = registration.event
    # the template's filters convert times to the active zone: make it the event's for the letter
    with timezone.override(zone(event.municipality.time_zone)):
        body = render_to_string(
            "events/email/letter.txt",
            {
                "registration": registration,
                "event": event,
                "text": text,
                "participant_url": absolute_url(registration.get_absolute_url()),
                "checkin_url": _checkin_url(registration),
                "event_url": absolute_url(event.get_absolute_url()),
                "starts_at": _local_start(event),
                "zone": zone_caption(event.municipality.time_zone, event.starts_at),
                "signature": installation_name(),
            },
        ).strip()
    return Letter(to=registration.email, subject=subject, body=body, kind=MailKind.EVENT)


def _send(registrations: list[Registration], *, subject: str, text: str, key: str) -> None:
    messages = [_letter(registration, subject=subject, text=text) for registration in registrations]
    for registration in registrations:
        if registration.user_id:
            notify(
                registration.user,
                title=subject,
                text=text,
                url=registration.get_absolute_url(),
                key=f"events:registration:{registration.pk}:{key}",
                email=False,
            )
    deliver(messages)


def deliver(messages: list[Letter]) -> None:
    """The demo loader replaces this: its addresses are fictitious."""
    queue_letters(messages)


def registered(registration: Registration) -> None:
    event = registration.event
    texts = {
        RegistrationState.CONFIRMED: "Вы зарегистрированы, ваше участие подтверждено.",
        RegistrationState.WAITING: "Все места заняты, вы записаны в лист ожидания. Если место освободится, "
        "мы сообщим вам письмом.",
        RegistrationState.PENDING: "Заявка на участие принята. Организатор подтвердит участие, и мы сообщим "
        "вам письмом.",
    }
    _send(
        [registration],
        subject=f"Регистрация на мероприятие «{event.title}»",
        text=texts[RegistrationState(registration.state)],
        key=f"registered:{registration.state}",
    )


def promoted(registration: Registration) -> None:
    _send(
        [registration],
        subject=f"Освободилось место: «{registration.event.title}»",
        text="Освободилось место, и вы переведены из листа ожидания в участники. Ваше участие подтверждено. "
        "Если вы не сможете прийти, отмените регистрацию по ссылке ниже.",
        key="promoted",
    )


def approved(registration: Registration) -> None:
    if registration.state == RegistrationState.CONFIRMED:
        text = "Организатор подтвердил ваше участие."
    else:
        text = "Организатор одобрил вашу заявку, но все места заняты: вы записаны в лист ожидания."
    _send(
        [registration],
        subject=f"Участие в мероприятии «{registration.event.title}»",
        text=text,
        key=f"approved:{registration.state}",
    )


def event_cancelled(event: Event, registrations: list[Registration], *, reason: str = "") -> None:
    text = "Организатор отменил мероприятие."
    if reason:
        text += f" Причина: {reason}"
    _send(registrations, subject=f"Мероприятие отменено: «{event.title}»", text=text, key="event-cancelled")


def reminder(registration: Registration) -> None:
    """The day before: the event is near (send_event_reminders)."""
    event = registration.event
    start = _local_start(event)
    _send(
        [registration],
        subject=f"Напоминание: «{event.title}» {start:%d.%m.%Y} в {start:%H:%M}",
        text=f"Напоминаем: вы зарегистрированы на мероприятие, оно начнётся {start:%d.%m.%Y} в {start:%H:%M}. "
        "Если вы не сможете прийти, отмените регистрацию по ссылке ниже: ваше место достанется другому.",
        key="reminder",
    )
