"""Single sign-on's rules without a provider: whom a verified e-mail names, who is refused, what happens while the
feature is off, and that password sign-in (with django-axes first among the backends) is untouched by it.
The whole way through a real provider is in tests/browser/test_oidc.py."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.test import RequestFactory

from innoinfra.accounts import oidc
from innoinfra.accounts.models import User
from tests.accounts.oidc.provider import point_settings_at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ISSUER = "http://127.0.0.1:9"  # nothing listens there: a provider that cannot be reached


@pytest.fixture
def sso_on(settings):
    point_settings_at(settings, ISSUER)


def signed_in(claims: dict) -> User | None:
    """What the backend makes of these claims from the provider's userinfo endpoint."""
    backend = oidc.IdentityProviderBackend()
    backend.request = RequestFactory().get("/oidc/callback/")
    with mock.patch.object(oidc.IdentityProviderBackend, "get_userinfo", return_value=claims):
        user = backend.get_or_create_user("access", "id", {})
    signed_in.refusal = getattr(backend.request, "oidc_refusal", None)
    return user


def test_a_verified_address_names_its_account_in_any_case(methodist, sso_on):
    assert signed_in({"email": "LARISA@example.ORG", "email_verified": True}) == methodist
    assert User.objects.count() == 1


def test_an_unverified_address_names_nobody_even_a_matching_one(methodist, sso_on):
    assert signed_in({"email": "larisa@example.org", "email_verified": False}) is None
    assert signed_in.refusal == oidc.REFUSED_UNVERIFIED


def test_a_missing_verification_or_address_is_refused(methodist, sso_on):
    assert signed_in({"email": "larisa@example.org"}) is None
    assert signed_in({"email_verified": True}) is None
    assert signed_in.refusal == oidc.REFUSED_UNVERIFIED
    assert User.objects.count() == 1


def test_a_switched_off_account_is_refused(methodist, sso_on):
    methodist.is_active = False
    methodist.save()

    assert signed_in({"email": "larisa@example.org", "email_verified": True}) is None
    assert signed_in.refusal == oidc.REFUSED_INACTIVE


def test_an_address_of_two_accounts_names_neither(methodist, sso_on):
    UserFactory(username="larisa2", email="Larisa@example.org")

    assert signed_in({"email": "larisa@example.org", "email_verified": True}) is None
    assert signed_in.refusal == oidc.REFUSED_AMBIGUOUS


def test_a_new_address_makes_an_account_with_no_role_and_no_password(sso_on):
    user = signed_in(
        {"email": "Nina@Example.org", "email_verified": True, "given_name": "Нина", "family_name": "Орлова"}
    )

    assert (user.username, user.email, user.first_name, user.last_name) == (
        "nina@example.org",
        "Nina@example.org",  # Django's own normalisation: the domain in lower case
        "Нина",
        "Орлова",
    )
    assert not user.memberships.exists()
    assert not (user.is_staff or user.is_superuser or user.has_usable_password())


def test_a_taken_login_is_numbered(sso_on):
    UserFactory(username="nina@example.org", email="other@example.org")

    user = signed_in({"email": "nina@example.org", "email_verified": True})

    assert user.username == "nina@example.org-2"


def test_no_account_is_made_when_the_installation_says_so(settings, sso_on):
    settings.OIDC_CREATE_USER = False

    assert signed_in({"email": "nina@example.org", "email_verified": True}) is None
    assert signed_in.refusal == oidc.REFUSED_UNKNOWN
    assert not User.objects.exists()


def test_the_backend_ignores_password_sign_ins_and_everything_while_off(methodist, settings):
    request = RequestFactory().post("/accounts/login/?code=x&state=y")
    backend = oidc.IdentityProviderBackend()
    with mock.patch.object(oidc.IdentityProviderBackend, "get_token") as token:
        assert backend.authenticate(request, username="larisa", password="demo") is None
        assert backend.authenticate(request, nonce="n", code_verifier=None) is None  # off
        point_settings_at(settings, ISSUER)
        assert backend.authenticate(request, username="larisa", password="demo") is None
    token.assert_not_called()


def test_a_switched_off_account_loses_the_session_it_has(methodist):
    methodist.is_active = False
    methodist.save()

    assert oidc.IdentityProviderBackend().get_user(methodist.pk) is None


def test_passwords_still_work_with_single_sign_on_on(client, methodist, sso_on):
    response = client.post("/accounts/login/", {"username": "larisa", "password": "demo"})

    assert response.status_code == 302
    assert client.get("/manage/profile/").status_code == 200


def test_the_login_page_shows_the_button_only_when_on(client, settings):
    assert "/oidc/authenticate/" not in client.get("/accounts/login/").content.decode()

    point_settings_at(settings, ISSUER)
    settings.OIDC_BUTTON_LABEL = "Войти через Госуслуги"
    page = client.get("/accounts/login/?next=/plans/").content.decode()

    assert 'href="/oidc/authenticate/?next=/plans/"' in page
    assert "Войти через Госуслуги" in page


@pytest.mark.parametrize("url", ["/oidc/authenticate/", "/oidc/callback/?code=x&state=y"])
def test_the_urls_answer_404_while_off(client, url):
    assert client.get(url).status_code == 404


def test_an_unreachable_provider_is_explained_on_the_login_page(client, sso_on):
    response = client.get("/oidc/authenticate/", follow=True)

    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert "Не удалось связаться с поставщиком региональных учётных записей." in response.content.decode()


def test_an_error_from_the_provider_is_explained(client, sso_on):
    response = client.get("/oidc/callback/?error=server_error&state=x", follow=True)

    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert "Поставщик учётных записей сообщил об ошибке" in response.content.decode()


def test_a_callback_with_an_unknown_state_asks_to_start_again(client, sso_on):
    session = client.session
    session["oidc_states"] = {"known": {"nonce": "n", "code_verifier": None}}
    session.save()

    response = client.get("/oidc/callback/?code=x&state=forged", follow=True)

    assert response.status_code == 200
    assert "Начните вход заново." in response.content.decode()


def test_logout_goes_through_the_provider_when_it_has_an_end_session_endpoint(client, methodist, settings, sso_on):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "http://idp.example.org/logout"
    client.force_login(methodist, backend=oidc.BACKEND_PATH)
    session = client.session
    session["oidc_id_token"] = "the-id-token"
    session.save()

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response.url == (
        "http://idp.example.org/logout?client_id=innoinfra"
        "&post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F&id_token_hint=the-id-token"
    )
    assert BACKEND_SESSION_KEY not in client.session


def test_logout_of_a_password_sign_in_stays_here(client, methodist, settings, sso_on):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "http://idp.example.org/logout"
    client.force_login(methodist)

    assert client.post("/accounts/logout/").url == "/"


def test_django_axes_neither_counts_nor_locks_sign_ins_through_the_provider(methodist, settings, sso_on):
    from axes.models import AccessAttempt
    from django.contrib.auth import authenticate

    request = RequestFactory().get("/oidc/callback/?code=x&state=y")
    with mock.patch.object(oidc.IdentityProviderBackend, "authenticate", return_value=None):  # a refusal
        for _ in range(settings.AXES_FAILURE_LIMIT + 1):
            assert authenticate(request, nonce="n", code_verifier=None) is None
    assert not AccessAttempt.objects.exists()
    # a password guess from the same address still counts
    authenticate(RequestFactory().post("/accounts/login/"), username="larisa", password="wrong")
    assert AccessAttempt.objects.count() == 1


def test_a_locked_out_address_may_still_sign_in_through_the_provider(methodist, settings, sso_on):
    from django.contrib.auth import authenticate

    for _ in range(settings.AXES_FAILURE_LIMIT):
        authenticate(RequestFactory().post("/accounts/login/"), username="larisa", password="wrong")
    assert authenticate(RequestFactory().post("/accounts/login/"), username="larisa", password="demo") is None

    with mock.patch.object(oidc.IdentityProviderBackend, "authenticate", return_value=methodist):
        assert authenticate(RequestFactory().get("/oidc/callback/"), nonce="n", code_verifier=None) == methodist
