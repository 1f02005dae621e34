"""A filter of more municipalities than a page lists, in a real browser: the select holds only its choice, the
visitor types a few letters, picks from what the registry offers, and the list narrows to that municipality."""

import pytest
from playwright.sync_api import expect

from innoinfra.core.options import INLINE_OPTIONS
from innoinfra.reference.models import Municipality

from ..factories import OrganizationFactory
from .test_create_site import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_municipality_by_typing(page, amursky, screenshot):
    Municipality.objects.bulk_create(
        Municipality(region=amursky.region, name=f"Район № {n:03}") for n in range(INLINE_OPTIONS + 1)
    )
    chosen = Municipality.objects.get(name="Район № 150")
    OrganizationFactory(municipality=chosen, short_name="Школа в районе № 150")
    OrganizationFactory(municipality=amursky, short_name="Школа Амурского района")

    page.goto("/registry/organizations/")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 2")
    assert page.locator("select[name=municipality] option").count() == 1  # «Все муниципалитеты» alone
    choose(page, "Муниципалитет", "Район № 150")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.get_by_role("link", name="Школа в районе № 150")).to_be_visible()
    assert f"municipality={chosen.pk}" in page.url
    screenshot("long-municipality-select")

    # the address keeps the choice: the page opens with it, its name shown
    page.reload()
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.locator(".ts-control").filter(has_text="Район № 150")).to_be_visible()


def test_a_country_administrator_picks_a_monitoring_territory_by_typing(page, login, admin_user, amursky, screenshot):
    """Monitoring's territory filter over more territories than a page lists: typed, offered from the user's own
    (`?mine=1` joined to the typed text), chosen, and shown."""
    Municipality.objects.bulk_create(
        Municipality(region=amursky.region, name=f"Район № {n:03}") for n in range(INLINE_OPTIONS + 1)
    )
    login("anna")
    page.goto("/monitoring/")
    expect(page.get_by_test_id("monitoring-scope")).to_contain_text("все территории")
    choose(page, "Территория", "Район № 150")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_test_id("monitoring-scope")).to_contain_text("Район № 150")
    screenshot("monitoring-territory-typed")
