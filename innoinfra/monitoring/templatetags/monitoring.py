import datetime as dt

from django import template

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
