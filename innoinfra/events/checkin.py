"""The check-in link of a registration: its number and a signature, never the private token."""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from innoinfra.core.forms import parse_id

from .models import Registration

CHECKIN_SALT = "innoinfra.events.checkin"


def checkin_code(registration: Registration) -> str:
    """The key of the check-in link: the registration's number and a signature of its token. It is not the
    token itself, so whoever photographs the QR code cannot open or cancel the participant's registration."""
    return f"{registration.pk}-{salted_hmac(CHECKIN_SALT, registration.token).hexdigest()[:24]}"


def registration_by_checkin_code(code: str) -> Registration | None:
    number, _, _signature = code.partition("-")
    if parse_id(number) is None:
        return None
    registration = Registration.objects.select_related("event__organizer").filter(pk=parse_id(number)).first()
    if registration is None or not constant_time_compare(checkin_code(registration), code):
        return None
    return registration
