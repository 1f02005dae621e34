"""«Проверить сертификат»: a public form by number; an unknown number is a Russian page (404) in any mode, never the
debug page; misses are throttled per client address."""

import datetime as dt

import pytest
from django.test import override_settings

from innoinfra.events import services
from innoinfra.events.certificates import services as certificates
from innoinfra.events.certificates.views import CHECK_LIMIT

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(school):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    (person,) = sign_up(event, 1, now=event.starts_at - dt.timedelta(days=2))
    services.mark_attendance(event, attended=[person.pk])
    services.mark_held(event)
    (certificate,) = certificates.issue_to_participants(event)
    return certificate


def test_the_form_finds_a_certificate_typed_in_lower_case_with_spaces(client, issued):
    assert "Номер сертификата" in client.get("/certificates/").content.decode()
    typed = " " + issued.number.lower().replace("-", "- ", 1)
    response = client.get("/certificates/", {"number": typed})
    assert response.status_code == 302 and response.url == f"/certificates/{issued.number}/"
    page = client.get(response.url).content.decode()
    assert "Документ подлинный" in page and issued.full_name in page and issued.event.title in page


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_number_is_a_russian_page_even_in_debug(client, db, debug):
    with override_settings(DEBUG=debug):
        for url in (
            "/certificates/?number=2026-AAAA-BBBB",
            "/certificates/2026-AAAA-BBBB/",
            "/certificates/2026-AAAA-BBBB/pdf/",
        ):
            response = client.get(url)
            text = response.content.decode()
            assert response.status_code == 404, url
            assert "Сертификат с номером 2026-AAAA-BBBB не найден" in text
            assert "Page not found" not in text and "Traceback" not in text


def test_a_revoked_certificate_says_so_by_the_form(client, issued):
    certificates.revoke(issued)
    page = client.get(client.get("/certificates/", {"number": issued.number}).url).content.decode()
    assert "Документ аннулирован" in page


def test_guessing_numbers_is_stopped_and_then_even_a_real_number_is_refused(client, issued):
    for n in range(CHECK_LIMIT):
        assert client.get(f"/certificates/2026-AAAA-{n:04d}/").status_code == 404
    blocked = client.get("/certificates/2026-AAAA-ZZZZ/")
    assert blocked.status_code == 429 and "Слишком много проверок" in blocked.content.decode()
    assert blocked["Retry-After"]
    # a blocked client learns nothing, not even that a real number exists
    assert client.get(f"/certificates/{issued.number}/").status_code == 429
    # another address is not blocked
    assert client.get(f"/certificates/{issued.number}/", REMOTE_ADDR="10.0.0.7").status_code == 200


def test_checking_real_numbers_is_never_throttled(client, issued):
    for _ in range(CHECK_LIMIT + 5):
        assert client.get(f"/certificates/{issued.number}/").status_code == 200


def test_the_footer_links_the_check(client, db):
    assert 'href="/certificates/"' in client.get("/events/").content.decode()
