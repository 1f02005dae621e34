import datetime as dt

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from innoinfra.core.dates import numeric_date
from innoinfra.monitoring.text import number

register = template.Library()


@register.filter
def cell(value):
    """A figure as Russian documents print it: «48 655», «30.11.2025»; text as it is."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, int):
        return number(value)
    if isinstance(value, dt.date):
        return numeric_date(value)
    return value


def _row(link: str, row: list) -> SafeString:
    first, *rest = row
    head = format_html('<a href="{}">{}</a>', link, cell(first)) if link else conditional_escape(cell(first))
    cells = format_html_join("", "<td>{}</td>", ((cell(value),) for value in rest))
    return format_html('<tr><th scope="row" class="fw-normal">{}</th>{}</tr>', head, cells)


@register.simple_tag
def table_body(table) -> SafeString:
    """The rows of a monitoring table. A territory of hundreds of municipalities gives as many rows of six figures:
    drawn through the template language they cost a few microseconds per cell and were the larger part of the page
    (its time grew with the municipalities, though the figures come ready from the summaries); drawn here, the
    same markup costs a tenth."""
    if not table.rows:
        return format_html(
            '<tr><td colspan="{}" class="text-secondary">Данных за этот год нет.</td></tr>', len(table.headers)
        )
    return mark_safe("".join(_row(link, row) for link, row in table.linked_rows))  # each row escaped by _row


@register.simple_tag
def territory_options(territories, selected) -> SafeString:
    """The options of the territory filter: (id, name) pairs, hundreds for a region — drawn without a template per
    option for the same reason as the table rows."""
    chosen = selected.pk if selected is not None else None
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((pk, mark_safe(" selected") if pk == chosen else "", name) for pk, name in territories),
    )
