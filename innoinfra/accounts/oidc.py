"""Single sign-on through the region's identity provider (OpenID Connect, mozilla-django-oidc).

Switched on by OIDC_RP_CLIENT_ID plus either OIDC_OP_ISSUER (the endpoints come from its discovery document) or
the explicit OIDC_OP_*_ENDPOINT settings; with neither, the button is not shown and the /oidc/ URLs answer 404.
A person signs in as the local account whose e-mail equals the provider's *verified* e-mail (any case), or as a new
account with no role at all; a switched-off account is refused. Local passwords keep working beside it.

Every sign-in through the provider, and every refusal, is logged to `innoinfra.security` (as the lockouts are);
the requests themselves are in the access log (core/access_log.py) like any other signed-in request.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from innoinfra.core.client_ip import client_ip

from . import services

logger = logging.getLogger("innoinfra.security")

# mozilla-django-oidc's endpoint settings and the discovery document's names for them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
DISCOVERY_SECONDS = 3600  # a provider's keys and endpoints change rarely; an hour keeps a rotation visible soon

BACKEND_PATH = "innoinfra.accounts.oidc.IdentityProviderBackend"


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not belong to the configured issuer."""


# What the person is told when a sign-in through the provider does not end in a session.
REFUSED_UNVERIFIED = (
    "Адрес электронной почты в региональной учётной записи не подтверждён, поэтому войти по ней нельзя. "
    "Подтвердите адрес у поставщика учётных записей или войдите по логину и паролю."
)
REFUSED_INACTIVE = "Ваша учётная запись в системе отключена. Обратитесь к администратору системы."
REFUSED_AMBIGUOUS = (
    "Этот адрес электронной почты указан у нескольких пользователей системы, поэтому войти по нему нельзя. "
    "Обратитесь к администратору системы."
)
REFUSED_UNKNOWN = "Учётная запись с этим адресом электронной почты в системе не зарегистрирована."


def enabled() -> bool:
    return bool(
        getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and (getattr(settings, "OIDC_OP_ISSUER", "") or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", ""))
    )


def discovery() -> dict:
    """The issuer's /.well-known/openid-configuration, kept in the shared cache.

    Read when a sign-in first needs it, not at start-up: a provider that is down must not stop the system (or its
    management commands) from starting, only the button from working."""
    issuer = getattr(settings, "OIDC_OP_ISSUER", "").rstrip("/")
    if not issuer:
        return {}
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                f"{issuer}/.well-known/openid-configuration",
                timeout=import_from_settings("OIDC_TIMEOUT", 10),
                verify=import_from_settings("OIDC_VERIFY_SSL", True),
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable(str(error)) from error
        # A document naming another issuer is not this provider's (a wrong address or a proxy answering for it).
        if str(document.get("issuer", "")).rstrip("/") != issuer:
            raise ProviderUnavailable(f"discovery names issuer {document.get('issuer')!r}, expected {issuer!r}")
        cache.set(key, document, DISCOVERY_SECONDS)
    return document


def provider_setting(name: str, *default):
    """A mozilla-django-oidc setting; an endpoint left unset comes from the discovery document."""
    if name in DISCOVERED and not getattr(settings, name, ""):
        return discovery().get(DISCOVERED[name], "")
    return import_from_settings(name, *default)


def refuse(request, reason: str, claims: dict | None = None) -> None:
    """Remember why this sign-in is refused (the callback view shows it) and log it."""
    request.oidc_refusal = reason
    email = (claims or {}).get("email", "")
    logger.warning("oidc sign-in refused: ip=%s email=%s reason=%s", client_ip(request), email, reason)


def is_provider_sign_in(request, credentials) -> bool:
    """django-axes' whitelist (AXES_WHITELIST_CALLABLE): a sign-in through the provider is neither counted nor
    locked out. It carries no password to guess — the provider throttles its own form, and the code it sends back
    is single-use and bound to this browser by state, nonce and PKCE — while counting it would let anyone's refusals
    lock the address of a whole school. Only the callback view passes a nonce, never a password form."""
    return bool(credentials) and "nonce" in credentials and not credentials.get("password")


class IdentityProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the matching rules of this system.

    Its settings are read when a sign-in runs, not when Django builds the backend: Django builds it on every
    request of a person signed in through it (to load the user), and that must not wait for the provider."""

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    get_settings = staticmethod(provider_setting)
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_JWKS_ENDPOINT", None))
    OIDC_RP_CLIENT_ID = property(lambda self: provider_setting("OIDC_RP_CLIENT_ID"))
    OIDC_RP_CLIENT_SECRET = property(lambda self: provider_setting("OIDC_RP_CLIENT_SECRET"))
    OIDC_RP_SIGN_ALGO = property(lambda self: provider_setting("OIDC_RP_SIGN_ALGO", "RS256"))
    OIDC_RP_IDP_SIGN_KEY = property(lambda self: provider_setting("OIDC_RP_IDP_SIGN_KEY", None))

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password form posted with ?code=…&state=… never reaches the
        # provider, and with single sign-on off nothing does.
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims) -> bool:
        # An unverified address could be anyone's, so it names no account here, even one it matches.
        if not claims.get("email") or claims.get("email_verified") is not True:
            refuse(self.request, REFUSED_UNVERIFIED, claims)
            return False
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            return None
        email = claims["email"].strip()
        users = list(self.UserModel._default_manager.filter(email__iexact=email)[:2])
        if len(users) > 1:
            refuse(self.request, REFUSED_AMBIGUOUS, claims)
            return None
        created = not users
        if created:
            if not import_from_settings("OIDC_CREATE_USER", True):
                refuse(self.request, REFUSED_UNKNOWN, claims)
                return None
            user = services.create_user_from_identity_provider(
                email=email,
                last_name=claims.get("family_name", ""),
                first_name=claims.get("given_name", ""),
                middle_name=claims.get("middle_name", ""),
            )
        else:
            user = users[0]
        if not user.is_active:
            refuse(self.request, REFUSED_INACTIVE, claims)
            return None
        logger.info(
            "oidc sign-in: user=%s id=%s ip=%s created=%s",
            user.get_username(),
            user.pk,
            client_ip(self.request),
            "yes" if created else "no",
        )
        return user

    # mozilla-django-oidc's own get_user loads switched-off accounts too; Django's refuses them, so switching an
    # account off ends the sessions it already has.
    get_user = ModelBackend.get_user


def logout_url(request, id_token: str, return_to: str) -> str:
    """The provider's end-session address (RP-initiated logout) that sends the browser back to `return_to`, or ""
    when the provider has none."""
    try:
        endpoint = provider_setting("OIDC_OP_LOGOUT_ENDPOINT", "")
    except ProviderUnavailable:
        return ""
    if not endpoint:
        return ""
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(return_to),
    }
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


class ProviderLogoutMiddleware:
    """Ends the provider's session too when a person who signed in through it logs out.

    The logout form (base.html) and the admin's post to Django's own logout views; those end the local session and
    answer with a redirect. A POST that turned a provider-signed-in request anonymous was such a logout: its
    redirect goes through the provider's end_session_endpoint, which comes back to where it pointed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        id_token = None
        if request.method == "POST" and enabled() and request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH:
            id_token = request.session.get("oidc_id_token", "")
        response = self.get_response(request)
        if id_token is not None and not request.user.is_authenticated and response.status_code in (301, 302, 303):
            provider_url = logout_url(request, id_token, response["Location"])
            if provider_url:
                response["Location"] = provider_url
        return response
