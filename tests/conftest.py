"""Shared test tooling: the people of the Amursky district, logged-in clients, query pins,
and a real Chromium driven by Playwright for browser tests.

The people (healthchecks-style personas):
- Лариса (`methodist`) — methodist of the Amursky centre: runs the Amursky registry.
- Наталья (`authority`) — the Amursky education authority: may do what Лариса does.
- Вера (`other_methodist`) — methodist of Vyselki: runs her district, not Amursky.
- Олег (`expert`) — member of the Amursky expert council: reads, no registry rights.
- Марина (`moderator`) — moderator of the Amursky data bank: checks practices, sends them to expertise, decides
  after it, moderates comments; no registry rights.
- Ирина (`orgadmin`) — head of an Amursky school: no registry rights.
- Пётр (`teacher`) — a teacher: no registry rights.
- Анна (`admin`) — installation administrator (superuser).
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innoinfra.accounts.enums import BodyPosition, Role

from .factories import (
    BodyFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganizationFactory,
    RegionFactory,
    UserFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.INNOINFRA = {**settings.INNOINFRA, "MAP_TILE_URL": ""}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Summaries (monitoring.snapshots: the dashboards, the home page's figures, the public overview) go stale when a
    # change commits; a test's changes never commit, so summary storage is off for every test but those that turn it
    # on to test it (tests/monitoring/test_snapshots.py, the home page's figures in tests/registry/test_lifecycle.py).
    settings.MONITORING_SNAPSHOT_MAX_AGE = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (password reset) count in the cache, which outlives a test's database: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _catalogue_after_flush(request):
    """Transactional tests (browser tests) flush the database after each test, which also removes
    the catalogue the migrations installed (site kinds, subsystems): put it back before each one."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from innoinfra.registry.catalogue import install

    install()


@pytest.fixture
def amursky(db):
    return MunicipalityFactory()


@pytest.fixture
def vyselki(db):
    return MunicipalityFactory(
        region=RegionFactory(name="Краснодарский край", code="23"),
        name="Выселковский район",
        short_name="Выселковский район",
    )


@pytest.fixture
def school(amursky):
    return OrganizationFactory(
        municipality=amursky,
        short_name="МБОУ СОШ № 1 г. Амурска",
        full_name="Муниципальное бюджетное общеобразовательное учреждение СОШ № 1 г. Амурска",
    )


@pytest.fixture
def methodist(amursky):
    user = UserFactory(username="larisa", first_name="Лариса", last_name="Кривошеева")
    MembershipFactory(user=user, role=Role.METHODIST, municipality=amursky)
    return user


@pytest.fixture
def authority(amursky):
    user = UserFactory(username="natalya", first_name="Наталья", last_name="Сиденкова")
    MembershipFactory(user=user, role=Role.AUTHORITY, municipality=amursky)
    return user


@pytest.fixture
def other_methodist(vyselki):
    user = UserFactory(username="vera", first_name="Вера", last_name="Иванова")
    MembershipFactory(user=user, role=Role.METHODIST, municipality=vyselki)
    return user


@pytest.fixture
def expert(amursky):
    user = UserFactory(username="oleg", first_name="Олег", last_name="Олегов")
    MembershipFactory(
        user=user, role=Role.EXPERT, body=BodyFactory(municipality=amursky), body_position=BodyPosition.MEMBER
    )
    return user


@pytest.fixture
def moderator(amursky):
    user = UserFactory(username="marina", first_name="Марина", last_name="Соколова")
    MembershipFactory(user=user, role=Role.MODERATOR, municipality=amursky)
    return user


@pytest.fixture
def orgadmin(school):
    user = UserFactory(username="irina", first_name="Ирина", last_name="Иванова", organization=school)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=school)
    return user


@pytest.fixture
def teacher(school):
    user = UserFactory(username="petr", first_name="Пётр", last_name="Петров", organization=school)
    MembershipFactory(user=user, role=Role.TEACHER, organization=school)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="anna", first_name="Анна", is_superuser=True, is_staff=True)


ROLE_FIXTURES = [
    "methodist",
    "authority",
    "other_methodist",
    "expert",
    "moderator",
    "orgadmin",
    "teacher",
    "admin_user",
]


@pytest.fixture
def client_for():
    """`client_for(user)` → a Client logged in as that user (None → anonymous)."""

    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def count_queries():
    """`with count_queries() as ctx: ...; len(ctx)` — for pinning list pages' query counts."""

    @contextmanager
    def capture():
        with CaptureQueriesContext(connection) as ctx:
            yield ctx

    return capture


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


@pytest.fixture
def assert_constant_queries():
    """Render `url` after `grow(1)` and after `grow(2)` more objects: the query count must not change."""

    def check(client, url, grow, *, maximum: int | None = None):
        grow(1)
        few = queries_for(client, url)
        grow(2)
        many = queries_for(client, url)
        assert few == many, f"{url}: {few} queries with 1 object, {many} with 3 — a query runs per row"
        if maximum is not None:
            assert many <= maximum, f"{url}: {many} queries, expected at most {maximum}"
        return many

    return check


# Browser tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real form, as a person would."""

    def do(username, password="demo"):
        page.goto("/accounts/login/")
        page.get_by_label("Логин или e-mail").fill(username)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_load_state()

    return do


# TEST_ARTIFACTS: another folder, for a second suite running beside this one (.ci/run runs SQLite and PostgreSQL so)
SCREENSHOTS = os.environ.get("TEST_ARTIFACTS") or os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "test-artifacts"
)


@pytest.fixture
def screenshot(page):
    def shot(name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)

    return shot
