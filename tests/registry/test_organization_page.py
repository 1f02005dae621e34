"""The organization's page, its embeddable «Инновационная деятельность» block and its JSON feed."""

import datetime as dt

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(school):
    """Лицей-школа: a current МИП of its own, a participation in a network, and a completed МАП."""
    current = make_site(organization=school, theme="Проектная школа", start_date=dt.date(2024, 9, 1))
    lead = OrganizationFactory(municipality=school.municipality, short_name="МБОУ Лицей г. Амурска")
    network = make_site(kind_abbr="ИК", organization=lead, participants=[school], theme="Инженерные классы")
    past = make_site(
        kind_abbr="МАП",
        organization=school,
        theme="Апробация ФГОС",
        start_date=dt.date(2019, 9, 1),
        end_date=dt.date(2021, 6, 30),
    )
    services.change_site_state(
        past, SiteState.COMPLETED, order=OrderFactory(municipality=school.municipality), date=dt.date(2021, 6, 30)
    )
    return {"current": current, "network": network, "past": past}


def test_it_shows_current_and_past_statuses(client, school, activity):
    response = client.get(f"/registry/organizations/{school.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert school.full_name in content
    assert "Инновационная деятельность" in content
    assert "Действующие статусы" in content
    current_block, past_block = content.split("Действующие статусы")[1].split("Ранее")
    assert "Проектная школа" in current_block
    assert "Инженерные классы" in current_block
    assert "участник; ведущая организация — МБОУ Лицей г. Амурска" in current_block
    assert "Апробация ФГОС" in past_block
    assert "завершена" in past_block
    assert "Проектная школа" not in past_block


def test_it_says_when_an_organization_has_no_status(client, school):
    content = client.get(f"/registry/organizations/{school.pk}/").content.decode()
    assert "Действующих статусов нет." in content
    assert "Ранее" not in content


def test_it_offers_the_embed_code_and_feed(client, school, settings):
    # The embed code goes onto other websites: it carries the configured address, or the one the page was opened at.
    content = client.get(f"/registry/organizations/{school.pk}/").content.decode()
    assert f"{settings.SITE_URL}/registry/organizations/{school.pk}/embed/" in content
    settings.SITE_URL = ""
    content = client.get(f"/registry/organizations/{school.pk}/").content.decode()
    assert f"http://testserver/registry/organizations/{school.pk}/embed/" in content
    assert f"/registry/organizations/{school.pk}/activity.json" in content


def test_it_lets_other_sites_frame_the_embed_block(client, school, activity):
    response = client.get(f"/registry/organizations/{school.pk}/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    content = response.content.decode()
    assert "Проектная школа" in content and "Апробация ФГОС" in content
    # links open the registry itself, in a new tab, not inside the school's page
    assert f'href="http://testserver/registry/sites/{activity["current"].pk}/" target="_blank"' in content


@pytest.mark.parametrize(
    "url",
    ["/", "/registry/", "/registry/organizations/{pk}/", "/registry/map/", "/registry/orders/", "/accounts/login/"],
)
def test_it_forbids_framing_every_other_page(client, school, url):
    response = client.get(url.format(pk=school.pk))
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"


def test_it_serves_the_activity_as_json(client, school, activity, settings):
    response = client.get(f"/registry/organizations/{school.pk}/activity.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["organization"] == {
        "id": school.pk,
        "full_name": school.full_name,
        "short_name": "МБОУ СОШ № 1 г. Амурска",
        "municipality": "Амурский район",
        "url": f"{settings.SITE_URL}/registry/organizations/{school.pk}/",
    }
    assert sorted(e["theme"] for e in data["current"]) == ["Инженерные классы", "Проектная школа"]
    own = next(e for e in data["current"] if e["theme"] == "Проектная школа")
    site = activity["current"]
    assert own == {
        "id": site.pk,
        "kind": "Муниципальная инновационная площадка",
        "kind_abbreviation": "МИП",
        "level": "municipal",
        "theme": "Проектная школа",
        "role": "lead",
        "state": "active",
        "state_label": "Действует",
        "start_date": "2024-09-01",
        "end_date": "2027-06-30",
        "order": {"number": site.order.number, "date": "2024-06-14"},
        "directions": [],
        "url": f"{settings.SITE_URL}/registry/sites/{site.pk}/",
    }
    assert next(e for e in data["current"] if e["theme"] == "Инженерные классы")["role"] == "participant"
    assert [(e["theme"], e["state_label"]) for e in data["past"]] == [("Апробация ФГОС", "Завершена")]


def test_it_answers_404_for_an_unknown_organization(client, db):
    assert client.get("/registry/organizations/999999/").status_code == 404
    assert client.get("/registry/organizations/999999/embed/").status_code == 404
    assert client.get("/registry/organizations/999999/activity.json").status_code == 404


def test_it_reads_the_page_in_a_fixed_number_of_queries(client, school, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_site(
                kind_abbr="ИК",
                organization=OrganizationFactory(municipality=school.municipality),
                participants=[school],
            )

    assert_constant_queries(client, f"/registry/organizations/{school.pk}/", grow)


def test_it_reads_the_feed_in_a_fixed_number_of_queries(client, school, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_site(
                kind_abbr="ИК",
                organization=OrganizationFactory(municipality=school.municipality),
                participants=[school],
            )

    assert_constant_queries(client, f"/registry/organizations/{school.pk}/activity.json", grow)
    assert_constant_queries(client, f"/registry/organizations/{school.pk}/embed/", grow)
