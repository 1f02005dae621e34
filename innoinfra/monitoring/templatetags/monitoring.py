from django import template
from django.utils.safestring import SafeString, mark_safe

from innoinfra.monitoring import text
from innoinfra.monitoring.tables import rows_html

register = template.Library()


@register.filter
def cell(value):
    """A figure as Russian documents print it: «48 655», «30.11.2025»; text as it is."""
    return text.cell(value)


@register.simple_tag
def table_body(table) -> SafeString:
    """The rows of a monitoring table: drawn once when the table was computed and kept with it in the summaries
    (see tables.rows_html); drawn now for a table stored before that."""
    return mark_safe(rows_html(table) if table.body is None else table.body)  # escaped by rows_html
