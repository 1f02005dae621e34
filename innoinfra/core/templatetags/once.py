"""`{% submission_token %}`: the hidden one-time token of a form whose action creates records (see core.once)."""

from django import template
from django.utils.html import format_html

from innoinfra.core.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
