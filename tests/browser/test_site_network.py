"""Ирина, head of the school that leads an innovation complex, adds a creative team and a signed network agreement;
a visitor sees both on the complex's page (the signed file is for the parties only)."""

import os

import pytest
from playwright.sync_api import expect

from ..factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_adds_a_team_and_an_agreement_and_a_visitor_sees_them(
    page, login, orgadmin, school, screenshot, live_server, tmp_path
):
    site = make_site(kind_abbr="ИК", organization=school, theme="Непрерывное инклюзивное образование")
    login("irina")
    page.goto(site.get_absolute_url())
    page.get_by_role("link", name="Участники и соглашения").click()
    expect(page.get_by_role("heading", name="Участники и сетевые соглашения")).to_be_visible()

    page.get_by_role("link", name="Добавить участника").click()
    form = page.locator("form[method=post]")
    form.get_by_label("Вид участника").select_option(label="Творческая группа")
    form.get_by_label("Наименование или ФИО").fill("Творческая группа «Равные возможности» <b>")
    form.get_by_label("Руководитель").fill("Шевченко Наталья Викторовна")
    form.get_by_label("Состав").fill("Кравченко В. П., учитель-логопед\nЛысенко О. Н., педагог-психолог")
    form.get_by_label("Роль").select_option(label="Координатор")
    screenshot("network-member-form")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Сведения об участнике сохранены.")).to_be_visible()

    page.get_by_role("link", name="Добавить соглашение").click()
    form = page.locator("form[method=post]")
    form.get_by_label("Номер").fill("12")
    form.get_by_label("Дата").fill("2025-04-11")
    form.get_by_label("Предмет соглашения").fill("Совместная реализация программ инклюзивного образования")
    form.get_by_label("Другие стороны").fill("ФГБОУ ВО «АмГПГУ»\nКГБУ ЦППМСП")
    form.get_by_label("Окончание действия").fill("2028-06-30")
    signed = tmp_path / "Соглашение № 12.pdf"
    signed.write_bytes(b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\n")
    form.get_by_label("Файл").set_input_files(os.fspath(signed))
    screenshot("network-agreement-form")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Сведения о соглашении сохранены.")).to_be_visible()
    expect(page.get_by_role("link", name="Соглашение № 12.pdf")).to_be_visible()
    screenshot("network-keepers-page")

    page.goto(site.get_absolute_url())
    section = page.locator("#network")
    expect(section.get_by_text("Творческая группа «Равные возможности» <b>")).to_be_visible()
    expect(section.get_by_text("№ 12 от 11 апреля 2025 г.")).to_be_visible()
    expect(section.get_by_role("link", name="Соглашение № 12.pdf")).to_be_visible()
    screenshot("network-site-page")

    page.context.clear_cookies()
    page.goto(site.get_absolute_url())
    section = page.locator("#network")
    expect(section.get_by_text("ФГБОУ ВО «АмГПГУ»")).to_be_visible()
    expect(section.get_by_text("Действует")).to_be_visible()
    expect(section.get_by_role("link", name="Соглашение № 12.pdf")).to_have_count(0)
