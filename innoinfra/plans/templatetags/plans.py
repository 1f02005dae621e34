import calendar
import functools

from django import template
from django.urls import get_script_prefix, reverse

from innoinfra.core.dates import MONTHS_NOMINATIVE
from innoinfra.plans.enums import Column, OccurrenceStatus

register = template.Library()

_ITEM_FIELD = {Column.RESULT: "expected_result"}


@register.filter
def item_column(item, column: str) -> str:
    return getattr(item, _ITEM_FIELD.get(column, column), "")


@register.filter
def item_display(item, column: str) -> str:
    """A column as the page shows it: «Ответственный» with the people and organizations picked from the
    directory (the caller prefetches them), the other columns as stored."""
    if column == Column.RESPONSIBLE:
        return item.responsible_label
    return item_column(item, column)


@register.filter
def occurrence_label(occurrence) -> str:
    """«октябрь 2024» for a whole month, «15.10.2024» for a day, «до 31.05.2025» otherwise."""
    start, due = occurrence.start_date, occurrence.due_date
    if start == due:
        return f"{due:%d.%m.%Y}"
    whole_month = start.day == 1 and due.day == calendar.monthrange(due.year, due.month)[1]
    if whole_month and (start.year, start.month) == (due.year, due.month):
        return f"{MONTHS_NOMINATIVE[due.month - 1]} {due.year}"
    if whole_month and start.year == due.year:
        return f"{MONTHS_NOMINATIVE[start.month - 1]}–{MONTHS_NOMINATIVE[due.month - 1]} {due.year}"
    if whole_month and due.year - start.year == 1:
        return f"{MONTHS_NOMINATIVE[start.month - 1]} {start.year} – {MONTHS_NOMINATIVE[due.month - 1]} {due.year}"
    return f"до {due:%d.%m.%Y}"


@register.simple_tag
def occurrence_class(occurrence, today, show_execution=True) -> str:
    if not show_execution:
        return "text-bg-light border"
    if occurrence.status == OccurrenceStatus.DONE:
        return "text-bg-success"
    if occurrence.status == OccurrenceStatus.CANCELLED:
        return "text-bg-secondary"
    if occurrence.status == OccurrenceStatus.NOT_DONE:
        return "text-bg-dark"
    if occurrence.due_date < today:
        return "text-bg-danger"
    if occurrence.status == OccurrenceStatus.IN_PROGRESS:
        return "text-bg-info"
    return "text-bg-light border"


@register.filter
def is_overdue(occurrence, today) -> bool:
    return occurrence.status in (OccurrenceStatus.PLANNED, OccurrenceStatus.IN_PROGRESS) and occurrence.due_date < today


_PK_MARK = 2147483646  # no row has this id: the URL is reversed once with it, and each row's id put in its place


@functools.lru_cache(maxsize=64)
def _url_with_mark(name: str, script_prefix: str) -> tuple[str, str]:
    # script_prefix is part of the key because reverse() puts the request's prefix in front of the path
    before, _, after = reverse(name, args=[_PK_MARK]).partition(str(_PK_MARK))
    return before, after


@register.simple_tag
def pk_url(name: str, pk) -> str:
    """{% url name pk %} for the rows of a long table: reverse() once per URL name, not once per row (on a plan of
    a hundred items the page asked for some six hundred URLs)."""
    before, after = _url_with_mark(name, get_script_prefix())
    return f"{before}{pk}{after}"
