"""Single sign-on through a real OpenID provider (oidc-provider under Node, tests/accounts/oidc/provider.mjs):
the button on the login page, the provider's own sign-in and consent pages, the way back, logging out at both ends.

The provider knows: larisa (Larisa@Example.org, verified — Лариса's account here), newcomer (a verified address
nobody here has), unverified (Лариса's address, not verified) and inactive (the address of a switched-off account).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from innoinfra.accounts import oidc
from innoinfra.accounts.models import User
from innoinfra.accounts.oidc_views import CANCELLED
from tests.accounts.oidc.provider import point_settings_at, running_provider
from tests.browser.axe import assert_accessible
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTON = "Войти через региональную учётную запись"


@pytest.fixture(scope="session")
def provider(live_server):
    with running_provider(f"{live_server.url}/oidc/callback/", f"{live_server.url}/") as issuer:
        yield issuer


@pytest.fixture
def sign_on(settings, provider, page):
    point_settings_at(settings, provider)

    def through_provider(login: str, *, consent: bool = True):
        page.goto("/accounts/login/")
        page.get_by_role("link", name=BUTTON).click()
        expect(page).to_have_url(re.compile(re.escape(provider)))
        page.locator("input[name=login]").fill(login)
        page.locator("input[name=password]").fill("any")
        page.get_by_role("button", name="Sign-in").click()
        if consent:
            page.get_by_role("button", name="Continue").click()
        else:
            page.get_by_role("link", name="[ Cancel ]").click()
        page.wait_for_load_state()

    return through_provider


def test_an_existing_user_signs_in_through_the_button(page, sign_on, methodist, screenshot):
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Войти", exact=True)).to_be_visible()  # passwords still work
    assert_accessible(page, "the login page with the single sign-on button")
    screenshot("oidc-login-page")

    sign_on("larisa")

    expect(page.get_by_test_id("current-user")).to_contain_text("Кривошеева Л.")
    expect(page.get_by_role("button", name="Управление")).to_be_visible()
    assert User.objects.count() == 1  # matched, not created
    screenshot("oidc-signed-in")


def test_logout_ends_the_session_here_and_at_the_provider(page, sign_on, methodist, provider, live_server):
    sign_on("larisa")
    expect(page.get_by_test_id("current-user")).to_be_visible()

    page.get_by_role("button", name="Выйти").click()
    expect(page).to_have_url(re.compile(re.escape(f"{provider}/session/end")))
    page.get_by_role("button", name=re.compile("Yes, sign me out")).click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    # The provider forgot the person too: the button leads to its sign-in form again, not straight back here.
    page.goto("/accounts/login/")
    page.get_by_role("link", name=BUTTON).click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_new_address_makes_an_account_with_no_role(page, sign_on, screenshot):
    sign_on("newcomer")

    expect(page.get_by_test_id("current-user")).to_contain_text("Новикова С.")
    expect(page.get_by_role("button", name="Управление")).to_have_count(0)
    user = User.objects.get(email="svetlana.novikova@example.org")
    assert (user.last_name, user.first_name, user.middle_name) == ("Новикова", "Светлана", "Игоревна")
    assert not user.memberships.exists() and not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    screenshot("oidc-new-user")
    page.goto("/manage/users/")
    expect(page.get_by_text("Недостаточно прав")).to_be_visible()


def test_an_unverified_address_is_refused_with_a_russian_message(page, sign_on, methodist, screenshot):
    sign_on("unverified")

    expect(page.get_by_role("heading", name="Вход в систему")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(oidc.REFUSED_UNVERIFIED)
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    assert_accessible(page, "the login page with a refusal of single sign-on")
    screenshot("oidc-refused-unverified")


def test_a_switched_off_account_is_refused(page, sign_on):
    UserFactory(username="ivan", email="ivan@example.org", is_active=False)

    sign_on("inactive")

    expect(page.get_by_role("alert")).to_contain_text(oidc.REFUSED_INACTIVE)
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_a_refused_consent_returns_to_the_login_page(page, sign_on, methodist):
    sign_on("larisa", consent=False)

    expect(page.get_by_role("heading", name="Вход в систему")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(CANCELLED)
    expect(page.get_by_test_id("current-user")).to_have_count(0)
