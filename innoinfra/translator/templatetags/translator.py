"""The translator's block drawn into another app's page: `{% load translator %}{% translator_block practice %}`.

A template tag instead of a view helper, so the data bank's page shows ratings and comments without
the practices app importing the translator, which sits above it.
"""

from django import template

from innoinfra.translator.context import practice_block

register = template.Library()


@register.inclusion_tag("translator/_practice_block.html", takes_context=True)
def translator_block(context, practice):
    return {**context.flatten(), **practice_block(context["request"], practice)}
