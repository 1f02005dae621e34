"""The two pages of single sign-on: the start (off to the provider) and the callback (back with a code).

Both answer 404 while single sign-on is off. Whatever goes wrong on the way — the person cancels at the provider,
the provider reports an error, cannot be reached or sends what does not verify, the account is refused — ends on the
login page with a Russian message saying what happened, never on an error page.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from innoinfra.core.client_ip import client_ip

from . import oidc

logger = logging.getLogger("innoinfra.security")

UNAVAILABLE = (
    "Не удалось связаться с поставщиком региональных учётных записей. "
    "Попробуйте войти позже или войдите по логину и паролю."
)
CANCELLED = "Вход через региональную учётную запись отменён: вы не дали согласия на передачу данных в систему."
PROVIDER_ERROR = (
    "Поставщик учётных записей сообщил об ошибке, вход не выполнен. Попробуйте ещё раз или войдите по логину и паролю."
)
NOT_COMPLETED = "Вход через региональную учётную запись не завершён. Начните вход заново."


def _back_to_login(request, message: str) -> HttpResponseRedirect:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("login"))


class StartSignOn(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's sign-in page."""

    get_settings = staticmethod(oidc.provider_setting)

    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads the endpoints here; this reads them in get(), where a failure can be answered.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not oidc.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except oidc.ProviderUnavailable as error:
            logger.error("oidc provider unavailable: %s", error)
            return _back_to_login(request, UNAVAILABLE)
        self.OIDC_RP_CLIENT_ID = oidc.provider_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


class SignOnCallback(OIDCAuthenticationCallbackView):
    """Takes the provider's answer: a code to exchange for the person's identity, or an error."""

    get_settings = staticmethod(oidc.provider_setting)

    def get(self, request):
        if not oidc.enabled():
            raise Http404
        error = request.GET.get("error")
        if error:
            logger.warning("oidc provider answered error=%s ip=%s", error[:100], client_ip(request))
        try:
            response = super().get(request)
        except (oidc.ProviderUnavailable, requests.RequestException, jwt.PyJWTError) as failure:
            logger.error("oidc sign-in failed: %s", failure)
            return _back_to_login(request, UNAVAILABLE)
        except SuspiciousOperation as failure:
            # a stale or replayed state, a token that does not verify: start again rather than trust it
            logger.warning("oidc sign-in not completed: %s ip=%s", failure, client_ip(request))
            return _back_to_login(request, NOT_COMPLETED)
        if request.user.is_authenticated:
            return response
        if error:
            return _back_to_login(request, CANCELLED if error == "access_denied" else PROVIDER_ERROR)
        return _back_to_login(request, getattr(request, "oidc_refusal", None) or NOT_COMPLETED)
