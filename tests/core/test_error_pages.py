"""Users see the Russian error pages whether the system runs with DEBUG or not; developers opt into Django's."""

import pytest
from django.test import RequestFactory, override_settings

from innoinfra.core.error_pages import RussianErrorPagesMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_address_and_an_unknown_certificate_get_the_russian_404(client, debug):
    with override_settings(DEBUG=debug):
        for address in ("/no-such-page/", "/certificates/NO-SUCH-NUMBER/"):
            response = client.get(address)
            assert response.status_code == 404
            page = response.content.decode()
            # the certificate check answers with its own Russian page: «Сертификат с номером … не найден»
            assert "Страница не найдена" in page or "не найден." in page
            assert "Page not found" not in page and "Django" not in page


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_address_is_answered_in_json(client, debug):
    # `1.5` is no id the routes accept: no API view answers, yet a script must still get JSON it can parse
    with override_settings(DEBUG=debug):
        for address in ("/api/v1/regions/1.5/", "/api/v1/no-such-resource/"):
            response = client.get(address)
            assert response.status_code == 404
            assert response["Content-Type"] == "application/json"
            assert response.json() == {"detail": "Страница не найдена."}


@override_settings(DEBUG=True, DEBUG_TECHNICAL_PAGES=True)
def test_a_developer_can_ask_for_the_technical_pages(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_the_403_page_is_russian_in_every_mode(client_for, teacher, debug):
    with override_settings(DEBUG=debug):
        response = client_for(teacher).get("/registry/catalogues/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


@override_settings(DEBUG=True)
def test_an_error_in_debug_mode_shows_the_russian_500_and_is_logged(caplog):
    middleware = RussianErrorPagesMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/x/"), RuntimeError("boom"))
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode() and "boom" not in response.content.decode()
    assert "boom" in caplog.text or any(r.exc_info for r in caplog.records)


@override_settings(DEBUG=False)
def test_without_debug_the_middleware_leaves_errors_to_django():
    middleware = RussianErrorPagesMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/x/"), RuntimeError("boom")) is None
