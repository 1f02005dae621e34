from django import template
from django.conf import settings

from innoinfra.accounts import oidc

register = template.Library()


@register.inclusion_tag("accounts/sign_on_button.html")
def sign_on_button(next_url=""):
    """The button of single sign-on on the login page; nothing while single sign-on is off."""
    return {"enabled": oidc.enabled(), "label": settings.OIDC_BUTTON_LABEL, "next": next_url}
