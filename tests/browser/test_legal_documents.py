"""The bank of normative documents in a real browser: the methodist enters an order, a visitor finds it from the
menu by another form of its words and opens it."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_methodist_adds_a_document_and_a_visitor_finds_it(page, login, methodist, screenshot):
    login("larisa")
    page.goto("/documents/")
    page.get_by_role("link", name="Новый документ").click()
    page.get_by_label("Уровень").select_option(label="Федеральный")
    page.get_by_label("Вид документа").select_option(label="Приказ")
    page.get_by_label("Кем принят").fill("Министерство науки и высшего образования Российской Федерации")
    page.get_by_label("Номер").fill("21н")
    page.get_by_label("Дата принятия").fill("2019-03-22")
    page.get_by_label("Наименование").fill(
        "Об утверждении Порядка формирования и функционирования инновационной инфраструктуры в системе образования"
    )
    page.get_by_label("Ключевые слова").fill("инновационная инфраструктура, федеральная инновационная площадка")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Приказ от 22 марта 2019 г. № 21н")
    screenshot("legal-document")

    page.get_by_role("button", name="Выйти").click()
    expect(page.get_by_role("link", name="Войти")).to_be_visible()  # a visitor from here on
    page.goto("/")
    page.get_by_role("button", name="Документы").click()
    page.get_by_role("link", name="Нормативные документы").click()
    page.get_by_role("main").get_by_label("Поиск").fill("инновационных площадок")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("found")).to_have_text("Найдено документов: 1")
    screenshot("legal-catalogue")
    page.get_by_role("link", name="Приказ от 22 марта 2019 г. № 21н").click()
    expect(page.get_by_text("Действует", exact=True)).to_be_visible()
