import datetime as dt

import pytest
from playwright.sync_api import expect

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(school, methodist):
    partner = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 5 г. Амурска")
    site = make_site(
        kind_abbr="ИК",
        organization=school,
        participants=[partner],
        order=OrderFactory(number="172-Д", date=dt.date(2025, 4, 11), municipality=school.municipality),
        theme="Инженерное образование в сетевом взаимодействии школ района",
        directions=[DirectionFactory(name="Инженерное образование"), DirectionFactory(name="Наставничество")],
        supervisor="Петрова Анна Ивановна, канд. пед. наук",
        curator=methodist,
        description="Сеть школ района развивает инженерные классы и проектную деятельность.",
        start_date=dt.date(2025, 9, 1),
        end_date=dt.date(2028, 6, 30),
    )
    services.change_site_state(
        site,
        SiteState.SUSPENDED,
        by=methodist,
        date=dt.date(2026, 1, 20),
        order=OrderFactory(number="15-Д", date=dt.date(2026, 1, 20), municipality=school.municipality),
        comment="На время капитального ремонта здания",
    )
    return site


def test_a_visitor_reads_the_site_page(page, site, screenshot):
    page.goto(f"/registry/sites/{site.pk}/")
    expect(
        page.get_by_role("heading", name="Инженерное образование в сетевом взаимодействии школ района")
    ).to_be_visible()
    expect(page.get_by_text("от 11 апреля 2025 г. № 172-Д")).to_be_visible()
    expect(page.get_by_text("с 1 сентября 2025 г. по 30 июня 2028 г.")).to_be_visible()
    expect(page.get_by_role("link", name="МБОУ СОШ № 5 г. Амурска")).to_be_visible()
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    screenshot("site-page")

    page.get_by_role("link", name="МБОУ СОШ № 5 г. Амурска").click()
    expect(page.get_by_role("heading", name="Инновационная деятельность")).to_be_visible()
    expect(page.get_by_text("участник; ведущая организация — МБОУ СОШ № 1 г. Амурска")).to_be_visible()


def test_the_methodist_sees_the_buttons_and_the_history(page, login, site, screenshot):
    login("larisa")
    page.goto(f"/registry/sites/{site.pk}/")
    expect(page.get_by_role("link", name="Изменить состояние")).to_be_visible()
    screenshot("site-page-methodist")
    page.get_by_role("link", name="История изменений").click()
    expect(page.get_by_role("heading", name="История изменений")).to_be_visible()
    expect(page.get_by_text("На время капитального ремонта здания")).to_be_visible()
    screenshot("site-history")


def test_the_methodist_completes_a_site_by_an_order(page, login, site, school, screenshot):
    OrderFactory(number="88-Д", date=dt.date(2026, 6, 30), municipality=school.municipality, title="О завершении")
    login("larisa")
    page.goto(f"/registry/sites/{site.pk}/")
    page.get_by_role("link", name="Изменить состояние").click()
    page.get_by_label("Новое состояние").select_option(label="Завершена")
    page.get_by_label("Дата").fill("2026-06-30")
    page.get_by_role("button", name="Изменить состояние").click()
    expect(page.get_by_text("Завершение или прекращение статуса оформляется приказом: укажите приказ.")).to_be_visible()
    screenshot("site-state-without-order")

    order = page.get_by_role("combobox", name="Приказ")
    order.click()
    order.fill("88-Д")
    page.locator(".ts-dropdown .option", has_text="88-Д").first.click()
    page.get_by_role("button", name="Изменить состояние").click()

    expect(page.get_by_role("alert")).to_contain_text("Состояние площадки изменено: «Завершена».")
    changes = page.locator(".list-group").last
    expect(changes).to_contain_text("Завершена — 30 июня 2026 г.")
    expect(changes).to_contain_text("№ 88-Д от 30.06.2026")
    expect(page.get_by_role("link", name="Изменить состояние")).to_have_count(0)
    screenshot("site-completed")
