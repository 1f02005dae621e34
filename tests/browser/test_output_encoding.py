"""User text shown by our JavaScript stays text: a hostile organization name on the public map runs nothing."""

import pytest
from playwright.sync_api import expect

from ..factories import OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_hostile_organization_name_shows_as_text_on_the_map(page, school):
    # Anyone who may name an organization (a methodist, an import from Excel) could otherwise run script in
    # every visitor's browser.
    make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name=HOSTILE),
        theme='<b onmouseover="alert(2)">Тема</b>',
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/registry/map/")
    expect(page.locator("#map-count")).to_have_text("1")
    # the first answer (the extent) is drawn, then the visible area's replaces it: hover the markers that stay
    expect(page.locator("#map")).to_have_attribute("aria-busy", "false")
    marker = page.locator("#map path.leaflet-interactive")
    marker.hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(HOSTILE)
    expect(tooltip.locator("img")).to_have_count(0)

    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name=HOSTILE)).to_be_visible()
    expect(popup).to_contain_text('МИП: <b onmouseover="alert(2)">Тема</b>')
    expect(popup.locator("img, b")).to_have_count(0)
    expect(page.locator("#map-list")).to_contain_text(HOSTILE)
    page.wait_for_timeout(300)  # a broken image's onerror fires once the load fails
    assert not dialogs, dialogs
