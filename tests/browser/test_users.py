import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, label, text):
    """Pick an option in a Tom Select box the way a person does: click, type, then click the match in the open
    list (other fields keep hidden lists with the same options)."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(text)
    option = page.locator(".ts-dropdown .option:visible", has_text=text).first
    expect(option).to_be_visible()
    option.click()
    expect(page.locator(".ts-dropdown:visible")).to_have_count(0)


def test_methodist_registers_a_teacher_who_sets_her_password_and_logs_in(
    page, login, methodist, school, teacher, live_server, settings, screenshot
):
    settings.SITE_URL = live_server.url
    login("larisa")
    page.goto("/manage/users/")
    page.get_by_role("link", name="Новый пользователь").click()

    page.get_by_label("Фамилия").fill("Соколова")
    page.get_by_label("Имя").fill("Мария")
    page.get_by_label("Отчество").fill("Ивановна")
    page.get_by_label("Логин").fill("sokolova")
    page.get_by_label("Адрес электронной почты").fill("sokolova@school1.example.ru")
    page.get_by_label("Должность").fill("Учитель начальных классов")
    choose(page, "Место работы", "СОШ № 1")
    page.get_by_role("button", name="Создать и отправить письмо").click()

    expect(page.get_by_role("alert")).to_contain_text("Письмо со ссылкой для установки пароля отправлено")
    expect(page.get_by_role("heading", level=1)).to_have_text("Соколова Мария Ивановна")

    page.get_by_label("Роль").select_option(label="Педагог")
    choose(page, "Организация", "СОШ № 1")
    page.get_by_role("button", name="Назначить роль").click()

    expect(page.get_by_role("alert")).to_contain_text("Роль назначена: Педагог — МБОУ СОШ № 1 г. Амурска.")
    expect(page.get_by_test_id("role-row")).to_contain_text("Педагог")
    expect(page.get_by_test_id("role-history")).to_contain_text("Кривошеева Лариса")
    screenshot("user-page")

    page.goto("/manage/users/")
    expect(page.get_by_test_id("user-row")).to_have_count(3)
    screenshot("users-list")
    page.get_by_role("main").get_by_label("Поиск").fill("соколова")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("user-row")).to_have_count(1)
    page.get_by_role("button", name="Выйти").click()
    # the logout must finish first: it ends the session the reset link is about to keep its token in
    expect(page.get_by_role("link", name="Войти")).to_be_visible()

    invitation = mail.outbox[-1]
    assert invitation.to == ["sokolova@school1.example.ru"]
    link = re.search(r"http://\S+/accounts/reset/\S+", invitation.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Установка пароля")
    page.get_by_label("Новый пароль").fill("Амур-Весна-2025")
    page.get_by_label("Подтверждение нового пароля").fill("Амур-Весна-2025")
    page.get_by_role("button", name="Сохранить пароль").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Пароль установлен")

    login("sokolova@school1.example.ru", "Амур-Весна-2025")
    expect(page.get_by_test_id("current-user")).to_contain_text("Соколова М.")
    page.get_by_test_id("current-user").click()
    expect(page.get_by_test_id("my-roles")).to_contain_text("Педагог")
    screenshot("my-profile")
