"""A reader of the registry sees a status whose period is over as «Завершена (срок истёк)» and one whose order starts
later as «Вступает в силу …», before any nightly job ran; the filter «Истекает в этом году» narrows the list."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..factories import OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(school):
    today = timezone.localdate()
    make_site(
        kind_abbr="КИП",
        organization=school,
        theme="Краевая площадка прошлых лет",
        start_date=dt.date(today.year - 4, 1, 1),
        end_date=dt.date(today.year - 2, 12, 31),
    )
    starts = today + dt.timedelta(days=25)
    make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 4"),
        theme="Площадка, которая скоро начнёт работу",
        start_date=starts,
        end_date=dt.date(today.year + 3, 12, 31),
    )
    make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБДОУ № 5"),
        theme="Площадка, срок которой истекает в этом году",
        start_date=dt.date(today.year - 2, 1, 1),
        end_date=dt.date(today.year, 12, 31),
    )
    return starts


def row(page, theme):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=theme))


def test_the_registry_shows_expired_and_upcoming_statuses(page, sites, screenshot):
    page.goto("/registry/")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 3")
    expect(row(page, "Краевая площадка прошлых лет")).to_contain_text("Завершена (срок истёк)")
    expect(row(page, "Площадка, которая скоро начнёт работу")).to_contain_text(f"Вступает в силу {sites:%d.%m.%Y}")
    expect(row(page, "Площадка, срок которой истекает в этом году")).to_contain_text("Действует")
    screenshot("registry-expired-and-upcoming")

    page.get_by_label("Истекает в этом году").check()
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.get_by_role("link", name="Площадка, срок которой истекает в этом году")).to_be_visible()
    screenshot("registry-expiring-this-year")

    page.goto("/registry/?state=expired")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    page.get_by_role("link", name="Краевая площадка прошлых лет").click()
    expect(page.locator(".state-badge").first).to_have_text("Завершена (срок истёк)")
    screenshot("site-expired")
