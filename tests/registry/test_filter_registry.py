"""Anyone filters the public registry of sites; the list answers in full or, for HTMX, as a block."""

import datetime as dt

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Subsystem

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(school, vyselki):
    """Four sites that differ in one thing each, so every filter keeps exactly one of them."""
    literacy = DirectionFactory(name="Функциональная грамотность")
    mentoring = DirectionFactory(name="Наставничество")
    mip = make_site(
        organization=school,
        theme="Проектная площадка для старшеклассников",
        directions=[literacy],
        start_date=dt.date(2022, 9, 1),
        end_date=dt.date(2023, 6, 30),
    )
    kip = make_site(
        kind_abbr="КИП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 2"),
        theme="Читательская грамотность в начальной школе",
        directions=[mentoring],
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )
    map_site = make_site(
        kind_abbr="МАП",
        organization=OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 3 ст. Выселки"),
        theme="Апробация новых учебников физики",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 6, 30),
    )
    done = make_site(
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБДОУ № 7"),
        theme="Робототехника для дошкольников",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 6, 30),
    )
    services.change_site_state(
        done, SiteState.COMPLETED, order=OrderFactory(municipality=school.municipality), date=dt.date(2026, 6, 30)
    )
    return {"mip": mip, "kip": kip, "map": map_site, "done": done, "literacy": literacy, "mentoring": mentoring}


def themes(response):
    return sorted(site.theme for site in response.context["page"].object_list)


def test_it_lists_every_site_without_filters(client, world):
    response = client.get("/registry/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Реестр инновационной инфраструктуры" in content
    assert "Найдено: 4" in content
    for site in ("mip", "kip", "map", "done"):
        assert world[site].theme in content
    assert "№ 1" in content and "Амурский район" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind", ["Читательская грамотность в начальной школе"]),
        ("level=regional", ["Читательская грамотность в начальной школе"]),
        ("level=federal", []),
        ("state=completed", ["Робототехника для дошкольников"]),
        ("year=2022", ["Проектная площадка для старшеклассников"]),
    ],
)
def test_it_filters_by_kind_level_state_and_year(client, world, query, expected):
    if query == "kind":
        query = f"kind={world['kip'].kind_id}"
    assert themes(client.get(f"/registry/?{query}")) == expected


def test_it_filters_by_subsystem(client, world):
    supporting = Subsystem.objects.get(code="supporting")
    assert themes(client.get(f"/registry/?subsystem={supporting.pk}")) == ["Апробация новых учебников физики"]


def test_it_filters_by_municipality(client, world, vyselki, amursky):
    assert themes(client.get(f"/registry/?municipality={vyselki.pk}")) == ["Апробация новых учебников физики"]
    assert len(themes(client.get(f"/registry/?municipality={amursky.pk}"))) == 3


def test_it_filters_by_direction(client, world):
    response = client.get(f"/registry/?direction={world['mentoring'].pk}")
    assert themes(response) == ["Читательская грамотность в начальной школе"]
    assert "Наставничество" in response.content.decode()


def test_it_combines_filters(client, world, amursky):
    # The МИП of 2022–2023 is over: «Действует» no longer finds it, «Завершена (срок истёк)» does.
    query = f"/registry/?municipality={amursky.pk}&kind={world['mip'].kind_id}"
    assert themes(client.get(f"{query}&state=active")) == []
    assert themes(client.get(f"{query}&state=expired")) == ["Проектная площадка для старшеклассников"]


@pytest.mark.parametrize(
    ("word", "found", "not_found"),
    [
        # every kind but ЦК/ЦТТ/РЦ is a «площадка», so the kind names match too
        ("площадки", ["Проектная площадка для старшеклассников"], []),
        ("площадке проектной", ["Проектная площадка для старшеклассников"], ["Апробация новых учебников физики"]),
        (
            "грамотности",
            ["Проектная площадка для старшеклассников", "Читательская грамотность в начальной школе"],
            ["Апробация новых учебников физики", "Робототехника для дошкольников"],
        ),
        ("учебника", ["Апробация новых учебников физики"], ["Проектная площадка для старшеклассников"]),
        ("Выселки", ["Апробация новых учебников физики"], ["Читательская грамотность в начальной школе"]),
        ("МБДОУ робототехники", ["Робототехника для дошкольников"], ["Проектная площадка для старшеклассников"]),
    ],
)
def test_it_finds_sites_by_other_word_forms(client, world, word, found, not_found):
    """«грамотности» also finds the site whose direction (not theme) is «Функциональная грамотность»."""
    result = themes(client.get("/registry/", {"q": word}))
    assert set(found) <= set(result)
    assert not set(not_found) & set(result)


def test_it_says_so_when_nothing_matches(client, world):
    response = client.get("/registry/", {"q": "астрономия"})
    assert response.status_code == 200
    assert "Найдено: 0" in response.content.decode()
    assert "По заданным условиям площадок не найдено" in response.content.decode()


def test_it_ignores_an_invalid_filter_instead_of_failing(client, world):
    response = client.get("/registry/?year=abc&kind=999999")
    assert response.status_code == 200
    assert "Найдено: 4" in response.content.decode()


def test_it_returns_only_the_results_block_to_htmx(client, world):
    response = client.get(f"/registry/?kind={world['kip'].kind_id}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Найдено: 1" in content
    assert "Читательская грамотность в начальной школе" in content
    assert "<html" not in content and "<nav" not in content and "<form" not in content


def test_it_returns_the_whole_page_to_a_boosted_htmx_request(client, world):
    response = client.get("/registry/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in response.content.decode()


def test_it_returns_the_whole_page_when_htmx_restores_history(client, world):
    """Back after a filter change: HTMX asks for the page it pushed and swaps in the whole body."""
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    content = client.get(f"/registry/?kind={world['kip'].kind_id}", headers=headers).content.decode()
    assert "<html" in content and "Найдено: 1" in content


def test_it_keeps_the_chosen_filter_in_the_form(client, world):
    response = client.get(f"/registry/?kind={world['kip'].kind_id}&q=грамотность")
    content = response.content.decode()
    assert f'<option value="{world["kip"].kind_id}" selected>' in content
    assert 'value="грамотность"' in content


def test_it_pages_long_lists(client, school):
    for n in range(27):
        make_site(organization=OrganizationFactory(municipality=school.municipality), theme=f"Тема {n}")
    first = client.get("/registry/")
    assert len(first.context["page"].object_list) == 25
    second = client.get("/registry/?page=2")
    assert len(second.context["page"].object_list) == 2
    assert "Найдено: 27" in second.content.decode()
