"""The methodist enters an approbation from the site page, starts it, records a monitoring result and concludes it;
the site moves to the stage «Внедрение»."""

import pytest
from playwright.sync_api import expect

from innoinfra.reference.enums import CycleStage

from ..factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_monitor_conclude(page, login, methodist, school, screenshot):
    site = make_site(kind_abbr="МАП", organization=school, theme="Апробация рабочих программ «Труд (технология)»",
                     cycle_stage=CycleStage.APPROBATION)  # fmt: skip
    login("larisa")
    page.goto(site.get_absolute_url())
    page.get_by_test_id("site-approbations").get_by_role("link", name="Новая апробация").click()
    page.get_by_label("Название продукта").fill("Рабочая программа «Труд (технология)», 5–9 классы")
    page.get_by_label("Вид продукта").select_option(label="Образовательная программа")
    page.get_by_label("Авторы продукта").fill("Коллектив учителей технологии")
    page.get_by_label("Цели и задачи апробации").fill("Оценить возможность использования программы в школах района")
    page.get_by_label("Показатели").fill("Доля обучающихся, освоивших программу\nУдовлетворённость педагогов")
    screenshot("approbation-form")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("heading", name="Рабочая программа «Труд (технология)», 5–9 классы")).to_be_visible()
    expect(page.get_by_test_id("approbation-state")).to_have_text("Планируется")
    stage = page.get_by_role("form", name="Новый этап программы")
    stage.get_by_role("textbox", name="Этап программы").fill("Подготовительный этап")
    stage.get_by_label("Начало").fill("2025-09-01")
    stage.get_by_label("Окончание").fill("2025-10-31")
    stage.get_by_role("button", name="Добавить этап").click()
    expect(page.get_by_test_id("stages")).to_contain_text("Подготовительный этап")
    page.get_by_role("button", name="Начать апробацию").click()
    expect(page.get_by_test_id("approbation-state")).to_have_text("Идёт апробация")

    results = page.get_by_role("form", name="Новый результат мониторинга")
    results.get_by_label("Дата").fill("2025-12-20")
    results.get_by_label("Показатель").fill("Доля обучающихся, освоивших программу")
    results.get_by_label("Значение").fill("82 %")
    results.get_by_label("Комментарий").fill("По итогам первого полугодия")
    results.get_by_role("button", name="Внести результат").click()
    expect(page.get_by_test_id("results")).to_contain_text("82 %")
    screenshot("approbation-in-progress")

    page.get_by_role("link", name="Завершить с заключением").click()
    expect(page.get_by_text("перейдут на этап инновационного цикла «Внедрение»")).to_be_visible()
    page.get_by_label("Рекомендован к внедрению").check()
    page.get_by_role("textbox", name="Заключение").fill("Программа рекомендуется к внедрению в школах района.")
    page.get_by_label("Дата заключения").fill("2026-05-25")
    page.get_by_role("button", name="Завершить апробацию").click()

    expect(page.get_by_test_id("approbation-state")).to_have_text("Завершена")
    expect(page.get_by_test_id("conclusion")).to_contain_text("25 мая 2026 г.")
    screenshot("approbation-finished")
    page.goto(site.get_absolute_url())
    expect(page.get_by_test_id("cycle-stage-current")).to_have_text("Внедрение")
