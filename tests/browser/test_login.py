import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_by_username(page, login, methodist):
    login("larisa")
    expect(page.get_by_test_id("current-user")).to_contain_text("Кривошеева Л.")


def test_it_logs_in_by_email(page, login, methodist, screenshot):
    login("LARISA@example.org")
    expect(page.get_by_test_id("current-user")).to_contain_text("Кривошеева Л.")
    expect(page.get_by_role("button", name="Управление")).to_be_visible()
    screenshot("logged-in-home")


def test_it_shows_a_russian_error_for_a_wrong_password(page, login, methodist, screenshot):
    login("larisa", password="не тот пароль")
    expect(page.get_by_role("alert")).to_contain_text("Неверный логин (e-mail) или пароль.")
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    screenshot("login-wrong-password")


def test_it_returns_to_the_page_that_asked_for_a_login(page, methodist):
    page.goto("/registry/sites/new/")
    expect(page.get_by_role("heading", name="Вход в систему")).to_be_visible()
    page.get_by_label("Логин или e-mail").fill("larisa")
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("heading", name="Новая площадка")).to_be_visible()
