"""How an application's state looks: one colour per state, for every page that shows one."""

from django import template

register = template.Library()

STATE_BADGE_CLASSES = {
    "approved": "text-bg-success",
    "recommended": "text-bg-success",
    "rejected": "text-bg-danger",
    "not_recommended": "text-bg-danger",
    "returned": "text-bg-warning",
    "withdrawn": "text-bg-secondary",
    "draft": "text-bg-light border",
}
DEFAULT_STATE_BADGE = "text-bg-primary"  # the states in progress: submitted, under review, reviewed


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGE_CLASSES.get(state, DEFAULT_STATE_BADGE)
