import functools
import html

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from innoinfra.core.dates import russian_date
from innoinfra.core.timezones import zone_caption

from ..enums import EventFormat, EventState, RegistrationState

register = template.Library()

STATE_CLASSES = {
    EventState.DRAFT: "text-bg-secondary",
    EventState.PUBLISHED: "text-bg-primary",
    EventState.HELD: "text-bg-success",
    EventState.CANCELLED: "text-bg-danger",
}
FORMAT_LABELS = dict(EventFormat.choices)
STATE_LABELS = dict(EventState.choices)
# a day cell shows the start and this much of the title; the tooltip holds the whole of it
CALENDAR_TITLE = 50
REGISTRATION_CLASSES = {
    RegistrationState.CONFIRMED: "text-bg-primary",
    RegistrationState.WAITING: "text-bg-warning",
    RegistrationState.PENDING: "text-bg-info",
    RegistrationState.CANCELLED: "text-bg-secondary",
    RegistrationState.ATTENDED: "text-bg-success",
}


@register.filter
def ru_datetime(value):
    """«11 апреля 2025 г., 10:00» in the zone active for the page (core.timezones)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{russian_date(local)}, {local:%H:%M}"


@register.simple_tag
def event_when(event):
    """«11 апреля 2025 г., 10:00–12:00», or «11 апреля 2025 г., 10:00 — 12 апреля 2025 г., 16:00»."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{russian_date(start)}, {start:%H:%M}–{end:%H:%M}"
    return f"{russian_date(start)}, {start:%H:%M} — {russian_date(end)}, {end:%H:%M}"


@register.simple_tag
def event_zone(event):
    """«владивостокское (хабаровское) время, UTC+10»: the zone of the event's municipality, which the pages about
    one event show its times in (core.timezones)."""
    return zone_caption(event.municipality.time_zone, event.starts_at)


@register.filter
def event_state_class(state):
    return STATE_CLASSES.get(state, "text-bg-light")


@register.filter
def registration_state_class(state):
    return REGISTRATION_CLASSES.get(state, "text-bg-light")


@register.simple_tag
def calendar_entry(event):
    """One event of a day cell on the month page: its start and title, linked, with the format and state in the
    tooltip. Built in one call rather than through the template's variables and filters: a month shows up to 42 × 6
    of them, and that markup was most of the page's time, growing with how full the month is. For the same reason
    the standard library escapes the texts (Django's escape is a lazy-aware wrapper of it, several times slower) and
    the address comes from a pattern reversed once."""
    title = event.title if len(event.title) <= CALENDAR_TITLE else f"{event.title[: CALENDAR_TITLE - 1]}…"
    tooltip = f"{FORMAT_LABELS.get(event.format, event.format)}: {event.title} "
    tooltip += f"({STATE_LABELS.get(event.state, event.state).lower()})"
    css = event_state_class(event.state)
    url = _event_url(get_script_prefix()).format(event.pk)
    start = f"{timezone.localtime(event.starts_at):%H:%M}"
    # the class and the address pattern are ours; every text is escaped here
    return mark_safe(
        f'<a class="badge {css} d-block text-start text-wrap fw-normal text-decoration-none mb-1" '
        f'href="{html.escape(url)}" title="{html.escape(tooltip)}">{start} {html.escape(title)}</a>'
    )


@functools.lru_cache(maxsize=8)
def _event_url(prefix: str) -> str:
    """The address of an event's page with `{}` for its id, per script prefix (which reverse() puts in front)."""
    marker = 9_876_543_210
    return reverse("events:detail", args=[marker]).replace(str(marker), "{}")
