"""Public pages in the shared cache (core.public_cache): the registry, the map data and the catalogue of practices as
anonymous visitors get them.

Every test runs twice: on the local memory cache (the default) and on a real Redis (REDIS_TEST_URL, by default
redis://127.0.0.1:6379/15; `-k redis` selects those). A Redis that does not answer fails the Redis runs.

People: an anonymous visitor (two of them where it matters: Гость and Гостья); Лариса (`methodist`) runs the Amursky
registry and sees its pages signed in; Пётр (`teacher`) writes practices of school № 1.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from innoinfra.core.public_cache import HIT_HEADER
from innoinfra.practices.enums import PracticeState
from innoinfra.registry import services
from tests.factories import make_site
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{64})"')
ANY_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")  # in hx-headers and in forms


@pytest.fixture(params=["locmem", "redis"], autouse=True)
def backend(request, settings):
    """The cache the pages are kept in; the Redis one emptied first (its database is the tests' own)."""
    settings.PUBLIC_CACHE = True  # on by default only with a shared cache: tested here on both
    if request.param == "redis":
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_TEST_URL}
        }
        from django.core.cache import cache

        try:
            cache.clear()
        except Exception as error:  # redis-py's ConnectionError and friends: say what to start
            pytest.fail(
                f"Redis does not answer at {REDIS_TEST_URL} ({error}). Start it (see .ci/run) or point REDIS_TEST_URL "
                "at one; these tests check the cache on a real Redis and do not pass without it."
            )
    return request.param


def hit(response) -> bool:
    return response.get(HIT_HEADER) == "hit"


def settings_caches(env: dict[str, str]) -> tuple[dict, bool]:
    """The default cache and PUBLIC_CACHE as innoinfra/settings.py makes them from these environment variables."""
    code = "import json; from innoinfra import settings as s; print(json.dumps([s.CACHES, s.PUBLIC_CACHE]))"
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL", "PUBLIC_CACHE")}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, "SECRET_KEY": "test", **env}, cwd=ROOT, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    caches, public = json.loads(result.stdout)
    return caches["default"], public


def test_the_settings_take_redis_from_the_environment_and_memory_otherwise(backend):
    if backend == "redis":
        pytest.skip("reads the settings, not the cache: checked once, on the locmem run")
    caches, public = settings_caches({})
    assert caches["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache" and public is False
    assert settings_caches({"PUBLIC_CACHE": "1"})[1] is True
    for name in ("REDIS_URL", "CACHE_URL"):
        caches, public = settings_caches({name: "redis://cache.internal:6379/1"})
        assert caches["BACKEND"] == "django.core.cache.backends.redis.RedisCache" and public is True
        assert caches["LOCATION"] == "redis://cache.internal:6379/1"


def test_the_second_visit_of_the_registry_is_served_from_the_cache(client, school, django_assert_num_queries):
    make_site(organization=school, theme="Цифровая школа Амурска")
    first = client.get("/registry/")
    assert first.status_code == 200 and not hit(first) and "Цифровая школа Амурска" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/registry/")
    assert second.status_code == 200 and hit(second)
    assert ANY_TOKEN.sub("", second.content.decode()) == ANY_TOKEN.sub("", first.content.decode())


def test_a_new_site_made_through_the_service_shows_at_once(client, school):
    assert "Цифровая школа Амурска" not in client.get("/registry/").content.decode()
    assert hit(client.get("/registry/"))
    make_site(organization=school, theme="Цифровая школа Амурска")
    fresh = client.get("/registry/")
    assert not hit(fresh) and "Цифровая школа Амурска" in fresh.content.decode()


def test_an_organization_renamed_by_the_methodist_is_renamed_in_the_cached_lists(client, client_for, methodist, school):
    make_site(organization=school)
    for url in ("/registry/", "/registry/organizations/", "/registry/map/data.json"):
        client.get(url)
        assert hit(client.get(url)), url
    services.update_organization(school, by=methodist, short_name="МБОУ Гимназия № 1 г. Амурска")
    for url in ("/registry/", "/registry/organizations/", "/registry/map/data.json"):
        fresh = client.get(url)
        assert not hit(fresh) and "Гимназия № 1" in fresh.content.decode(), url


def test_the_map_data_is_cached_per_filter(client, school):
    make_site(organization=school)
    client.get("/registry/map/data.json")
    assert hit(client.get("/registry/map/data.json"))
    other = client.get("/registry/map/data.json", {"year": "2031"})
    assert not hit(other)
    assert json.loads(other.content) != json.loads(client.get("/registry/map/data.json").content)
    # the visible area is part of the address too: another area is another answer, the same area a hit
    area = {"bbox": "49,130,52,140", "zoom": "8"}
    assert not hit(client.get("/registry/map/data.json", area))
    assert hit(client.get("/registry/map/data.json", area))
    elsewhere = client.get("/registry/map/data.json", {"bbox": "0,0,10,10", "zoom": "8"})
    assert not hit(elsewhere) and json.loads(elsewhere.content)["total"] == 0


def test_a_practice_published_shows_in_the_catalogue(client, school, teacher):
    client.get("/practices/")
    assert hit(client.get("/practices/"))
    make_practice(school, by=teacher, state=PracticeState.PUBLISHED, title="Школьный технопарк")
    fresh = client.get("/practices/")
    assert not hit(fresh) and "Школьный технопарк" in fresh.content.decode()


def test_signed_in_users_always_get_a_fresh_page(client_for, methodist, school):
    lara = client_for(methodist)
    lara.get("/registry/")
    again = lara.get("/registry/")
    assert not hit(again)
    make_site(organization=school, theme="Цифровая школа Амурска")
    assert "Цифровая школа Амурска" in lara.get("/registry/").content.decode()


def test_pages_are_not_cached_when_switched_off(client, settings):
    settings.PUBLIC_CACHE = False
    client.get("/registry/")
    assert not hit(client.get("/registry/"))


def test_a_visitor_with_a_session_or_messages_is_not_served_from_the_cache(client, settings):
    client.get("/registry/")
    assert hit(client.get("/registry/"))
    for name in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[name] = "something"
        assert not hit(visitor.get("/registry/")), name


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(school):
    guest, other_guest = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = guest.get("/registry/")
    page = other_guest.get("/registry/")
    assert hit(page)
    first_token = TOKEN.search(first.content.decode()).group(1)
    token = TOKEN.search(page.content.decode()).group(1)
    assert token != first_token and "\x00" not in page.content.decode()
    assert set(ANY_TOKEN.findall(page.content.decode())) == {token}  # every token of the page is this one
    # the page's token belongs to this visitor's own cookie, set on this very answer
    secret = page.cookies["csrftoken"].value
    assert secret != first.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == secret
    # and it is accepted: the sign-in form answers, where a foreign token would get 403
    answer = other_guest.post("/accounts/login/", {"username": "x", "password": "y"}, HTTP_X_CSRFTOKEN=token)
    assert answer.status_code == 200
    assert other_guest.post("/accounts/login/", {"username": "x"}, HTTP_X_CSRFTOKEN=first_token).status_code == 403


def test_the_low_vision_version_and_the_htmx_partial_are_kept_apart(client):
    client.get("/registry/")
    assert hit(client.get("/registry/"))
    client.cookies["low_vision"] = "size-3.scheme-wb.spacing-1.images-hide"
    low_vision = client.get("/registry/")
    assert not hit(low_vision) and "lv-size-3" in low_vision.content.decode()
    del client.cookies["low_vision"]
    partial = client.get("/registry/", HTTP_HX_REQUEST="true")
    assert not hit(partial) and "<html" not in partial.content.decode()
    assert "<html" in client.get("/registry/").content.decode()
