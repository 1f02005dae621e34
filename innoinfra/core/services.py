"""Writes of core's own data (the installation's settings, outgoing letters) and the helper services share to save
what a model form or a serializer cleaned."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from .enums import MailStatus
from .errors import ServiceError
from .mail import send_mail_task
from .models import InstallationSettings, OutgoingMail

logger = logging.getLogger("innoinfra.mail")


def assign_fields(obj, fields: dict) -> list:
    """Set fields as a ModelForm does — a file field given None keeps its file, False clears it — and return the
    (field, value) pairs of many-to-many fields, which can only be set once the object is saved."""
    later = []
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            later.append((field, value))
        else:
            field.save_form_data(obj, value)
    return later


@transaction.atomic
def change_settings(**fields) -> InstallationSettings:
    """Change the installation's settings (its one row): the name, the rules a district chooses, the letterhead."""
    settings = InstallationSettings.current()
    assign_fields(settings, fields)
    settings.save()
    return settings


@transaction.atomic
def resend_mail(*, letter: OutgoingMail, by) -> OutgoingMail:
    """Send a letter that failed once more: a fresh round of attempts after commit. Who asked and when stay on the
    letter (and in the log), so a resent letter is never anonymous."""
    changed = OutgoingMail.objects.filter(pk=letter.pk, status=MailStatus.FAILED).update(
        status=MailStatus.QUEUED, attempts=0, next_attempt_at=None, resent_by=by, resent_at=timezone.now()
    )
    if not changed:
        raise ServiceError("Отправить ещё раз можно только неотправленное письмо.")
    logger.info("mail %s to %s queued again by user %s", letter.pk, letter.to, by.pk)
    transaction.on_commit(lambda: send_mail_task.enqueue([letter.pk]), robust=True)
    letter.refresh_from_db()
    return letter
