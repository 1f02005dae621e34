"""Local time of a territory: the zones of Russia, the zone a request is shown in, and how a zone is named.

Where times are shown in which zone (decided once, here):
- a logged-in user sees every page in the zone of their own municipality (their organization's, else the territory of
  their first membership) — `TimeZoneMiddleware` activates it; a visitor sees the installation's zone (TIME_ZONE);
- a page about one event (its public page, the organizer's pages, the participant's page) shows the event in the zone
  of the event's municipality, with the zone named («10:00 (владивостокское время, UTC+10)»): a teacher of Moscow
  who registers for a webinar in Amursk sees when it starts where it is held. Such views call `activate_zone`;
- forms take the times in the zone active for the page, so the organizer of an Amursk event enters Amursk times;
- ICS feeds carry each event's zone (TZID with its VTIMEZONE), calendar programs convert to the subscriber's own.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

# (IANA name, label) of the zones of Russia, west to east; the label is what a person calls the local time.
RUSSIAN_TIME_ZONES = [
    ("Europe/Kaliningrad", "калининградское время (UTC+2)"),
    ("Europe/Moscow", "московское время (UTC+3)"),
    ("Europe/Samara", "самарское время (UTC+4)"),
    ("Asia/Yekaterinburg", "екатеринбургское время (UTC+5)"),
    ("Asia/Omsk", "омское время (UTC+6)"),
    ("Asia/Krasnoyarsk", "красноярское время (UTC+7)"),
    ("Asia/Irkutsk", "иркутское время (UTC+8)"),
    ("Asia/Yakutsk", "якутское время (UTC+9)"),
    ("Asia/Vladivostok", "владивостокское (хабаровское) время (UTC+10)"),
    ("Asia/Magadan", "магаданское время (UTC+11)"),
    ("Asia/Kamchatka", "камчатское время (UTC+12)"),
]
ZONE_NAMES = {name: label.split(" (UTC")[0] for name, label in RUSSIAN_TIME_ZONES}
SESSION_KEY = "innoinfra_time_zone"


def default_time_zone() -> str:
    return settings.TIME_ZONE


def zone(name: str | None) -> zoneinfo.ZoneInfo:
    """The zone of that name; an unknown or empty one is the installation's (a row is never a reason for a 500)."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def utc_offset(name: str | None, at: dt.datetime | None = None) -> str:
    """«UTC+10» (or «UTC+5:30» for the odd zone), at a moment since zones change their rules."""
    offset = (at or timezone.now()).astimezone(zone(name)).utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_caption(name: str | None, at: dt.datetime | None = None) -> str:
    """«владивостокское (хабаровское) время, UTC+10» — what follows a time shown in a territory's zone."""
    name = zone(name).key
    label = ZONE_NAMES.get(name, f"время {name}")
    return f"{label}, {utc_offset(name, at)}"


def user_zone_name(user) -> str | None:
    """The zone of the user's municipality: their organization's, else the territory of a membership."""
    if user is None or not user.is_authenticated:
        return None
    # through the user's relations only: core sits below the apps that own municipalities and memberships
    mine = get_user_model().objects.filter(pk=user.pk)
    found = mine.values_list("organization__municipality__time_zone", flat=True).first()
    if found:
        return found
    territory = mine.filter(memberships__municipality__isnull=False).order_by("memberships__pk")
    return territory.values_list("memberships__municipality__time_zone", flat=True).first()


def activate_zone(name: str | None) -> None:
    """Show the rest of this request in the zone (a page about one event: the zone of its municipality)."""
    timezone.activate(zone(name))


def remember_zone(sender, request, user, **kwargs):
    """At sign-in (the user_logged_in signal, connected in core.apps): the zone goes into the session, so pages
    spend no query on it; a change of the municipality's zone reaches the user at the next sign-in."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = (user.pk, user_zone_name(user) or settings.TIME_ZONE)


class TimeZoneMiddleware:
    """Activates the zone of the logged-in user's municipality, kept in the session since sign-in (a session of
    before this middleware gets it on its first request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = None
        if user is not None and user.is_authenticated:
            stored = request.session.get(SESSION_KEY)
            if stored and stored[0] == user.pk:
                name = stored[1]
            else:
                name = user_zone_name(user) or settings.TIME_ZONE
                request.session[SESSION_KEY] = (user.pk, name)
        if name and name != settings.TIME_ZONE:
            timezone.activate(zone(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
