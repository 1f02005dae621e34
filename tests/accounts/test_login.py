"""People log in with their login or their e-mail; mistakes are explained in Russian."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/accounts/login/"


def test_it_logs_in_with_the_login(client, teacher):
    response = client.post(URL, {"username": "petr", "password": "demo"}, follow=True)

    assert response.status_code == 200
    assert 'data-testid="current-user"' in response.content.decode()
    assert "Петров Пётр" in response.content.decode()


def test_it_logs_in_with_the_e_mail_in_any_case(client, teacher):
    response = client.post(URL, {"username": "PETR@example.org", "password": "demo"})

    assert response.status_code == 302
    assert client.get("/manage/profile/").status_code == 200


def test_it_explains_a_wrong_password_in_russian(client, teacher):
    response = client.post(URL, {"username": "petr", "password": "не тот"})

    assert response.status_code == 200
    assert "Неверный логин (e-mail) или пароль." in response.content.decode()
    assert client.get("/manage/profile/").status_code == 302


def test_a_disabled_account_cannot_log_in(client, teacher):
    teacher.is_active = False
    teacher.save()

    response = client.post(URL, {"username": "petr", "password": "demo"})

    assert "Неверный логин (e-mail) или пароль." in response.content.decode()


def test_the_login_page_links_to_the_russian_password_reset(client):
    page = client.get(URL).content.decode()
    reset = client.get("/accounts/password_reset/").content.decode()

    assert 'href="/accounts/password_reset/"' in page
    assert "Восстановление пароля" in reset
    assert 'class="form-control' in reset
