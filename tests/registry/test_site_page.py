"""Anyone reads a site's page; the people who run its registry see the buttons to change it."""

import datetime as dt
import re

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture
def network_site(school, methodist):
    partner = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 5")
    return make_site(
        kind_abbr="ИК",
        organization=school,
        participants=[partner],
        order=OrderFactory(number="172-Д", date=dt.date(2025, 4, 11), municipality=school.municipality),
        theme="Инженерное образование в сетевом взаимодействии",
        directions=[DirectionFactory(name="Инженерное образование")],
        supervisor="Петрова Анна Ивановна, к. п. н.",
        curator=methodist,
        description="Сеть школ района развивает инженерные классы.",
        start_date=dt.date(2025, 9, 1),
        end_date=dt.date(2028, 6, 30),
    )


def test_it_shows_the_site_to_anyone(client, network_site):
    response = client.get(f"/registry/sites/{network_site.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Инженерное образование в сетевом взаимодействии" in content
    assert "Инновационный комплекс (ИК)" in content
    assert "Муниципальный уровень" in content
    assert "Муниципальное бюджетное общеобразовательное учреждение СОШ № 1 г. Амурска" in content
    assert "МБОУ СОШ № 5" in content and "участник" in content
    assert "от 11 апреля 2025 г. № 172-Д" in content
    assert "с 1 сентября 2025 г. по 30 июня 2028 г." in content
    assert "Инженерное образование</span>" in content
    assert "Петрова Анна Ивановна" in content
    assert "Кривошеева" in content
    assert "Сеть школ района развивает инженерные классы." in content
    assert "Действует" in content
    assert "Изменить состояние" not in content


def test_it_shows_the_history_of_states_with_orders(client, network_site, school):
    order = OrderFactory(number="15-Д", date=dt.date(2026, 1, 20), municipality=school.municipality)
    services.change_site_state(
        network_site, SiteState.SUSPENDED, date=dt.date(2026, 1, 20), order=order, comment="По заявлению ОО"
    )
    content = client.get(f"/registry/sites/{network_site.pk}/").content.decode()
    assert "Изменения статуса" in content
    assert "Приостановлена — 20 января 2026 г." in text(content)
    assert "№ 15-Д от 20.01.2026" in content
    assert "По заявлению ОО" in content
    assert "Действует — 11 апреля 2025 г." in text(content)


@pytest.mark.parametrize("persona", ["methodist", "authority", "admin_user"])
def test_it_shows_change_buttons_to_those_who_run_the_registry(client_for, network_site, persona, request):
    content = client_for(request.getfixturevalue(persona)).get(f"/registry/sites/{network_site.pk}/").content.decode()
    assert f"/registry/sites/{network_site.pk}/edit/" in content
    assert "Изменить состояние" in content
    assert "История изменений" in content


@pytest.mark.parametrize("persona", ["other_methodist", "expert", "orgadmin", "teacher"])
def test_it_hides_change_buttons_from_everybody_else(client_for, network_site, persona, request):
    content = client_for(request.getfixturevalue(persona)).get(f"/registry/sites/{network_site.pk}/").content.decode()
    assert f"/registry/sites/{network_site.pk}/edit/" not in content
    assert "Изменить состояние" not in content
    # the head of the lead school keeps the site's passport (and its network members), not the registry entry
    assert ("Изменить паспорт" in content) == (persona == "orgadmin")


def test_it_hides_the_state_button_on_a_completed_site(client_for, network_site, methodist, school):
    services.change_site_state(network_site, SiteState.COMPLETED, order=OrderFactory(municipality=school.municipality))
    content = client_for(methodist).get(f"/registry/sites/{network_site.pk}/").content.decode()
    assert "Завершена" in content
    assert "Изменить состояние" not in content


def test_it_answers_404_for_an_unknown_site(client, db):
    response = client.get("/registry/sites/999999/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_it_reads_the_page_in_a_fixed_number_of_queries(client, school, count_queries):
    site = make_site(organization=school)
    with count_queries() as few:
        client.get(f"/registry/sites/{site.pk}/")
    for _ in range(3):
        services.change_site_state(site, SiteState.SUSPENDED)
        services.change_site_state(site, SiteState.ACTIVE)
    site.directions.set([DirectionFactory(), DirectionFactory()])
    with count_queries() as many:
        client.get(f"/registry/sites/{site.pk}/")
    assert len(few) == len(many)
