"""Anyone looks up organizations: by name in any word form, district, type, current status."""

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState

from ..factories import OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations(school, vyselki):
    kindergarten = OrganizationFactory(
        municipality=school.municipality,
        short_name="МБДОУ детский сад № 7",
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 7",
        type="doo",
    )
    far = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 3 ст. Выселки")
    make_site(organization=school)
    done = make_site(organization=kindergarten)
    services.change_site_state(done, SiteState.COMPLETED, order=OrderFactory(municipality=school.municipality))
    return {"school": school, "kindergarten": kindergarten, "far": far}


def names(response):
    return sorted(o.short_name for o in response.context["page"].object_list)


def test_it_lists_organizations_with_their_current_statuses(client, organizations):
    response = client.get("/registry/organizations/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Найдено: 3" in content
    assert names(response) == ["МБДОУ детский сад № 7", "МБОУ СОШ № 1 г. Амурска", "МБОУ СОШ № 3 ст. Выселки"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=детского+сада", ["МБДОУ детский сад № 7"]),
        ("q=Выселках", ["МБОУ СОШ № 3 ст. Выселки"]),
        ("type=doo", ["МБДОУ детский сад № 7"]),
        ("with_status=on", ["МБОУ СОШ № 1 г. Амурска"]),
    ],
)
def test_it_filters_organizations(client, organizations, query, expected):
    assert names(client.get(f"/registry/organizations/?{query}")) == expected


def test_it_filters_by_municipality(client, organizations, vyselki):
    assert names(client.get(f"/registry/organizations/?municipality={vyselki.pk}")) == ["МБОУ СОШ № 3 ст. Выселки"]


def test_it_returns_only_the_results_block_to_htmx(client, organizations):
    response = client.get("/registry/organizations/?type=doo", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "Найдено: 1" in content and "МБДОУ детский сад № 7" in content
    assert "<nav" not in content and "<form" not in content


def test_each_row_counts_the_current_statuses_of_its_organization(client, organizations):
    """Counted for the rows shown (a subquery per row of the page), with the same rules as before: a site the
    organization leads or takes part in counts once, a completed one does not count."""
    school = organizations["school"]
    network = make_site(kind_abbr="ИК", organization=organizations["far"], participants=[school])
    assert network.participants.filter(organization=school).exists()
    rows = {o.short_name: o.current_sites for o in client.get("/registry/organizations/").context["page"]}
    assert rows == {"МБДОУ детский сад № 7": 0, "МБОУ СОШ № 1 г. Амурска": 2, "МБОУ СОШ № 3 ст. Выселки": 1}


def test_an_organization_with_several_statuses_is_listed_once(client, organizations):
    make_site(organization=organizations["school"], kind_abbr="МАП")
    response = client.get("/registry/organizations/?with_status=on")
    assert names(response) == ["МБОУ СОШ № 1 г. Амурска"]
    assert "Найдено: 1" in response.content.decode()


def test_the_second_page_continues_the_first_in_order(client, organizations):
    """Pages are fetched by the ids of their rows (core.lists.IndexPaginator): the same rows, order and total."""
    for n in range(30):
        OrganizationFactory(municipality=organizations["school"].municipality, short_name=f"Школа {n:02}")
    first = client.get("/registry/organizations/").context["page"]
    second = client.get("/registry/organizations/?page=2").context["page"]
    shown = [o.short_name for o in first] + [o.short_name for o in second]
    assert len(shown) == 33 and shown == sorted(shown)
    assert second.paginator.count == 33 and second.number == 2
    assert {o.short_name: o.current_sites for o in second}["Школа 29"] == 0


def test_the_municipality_filter_keeps_its_choice(client, organizations, vyselki):
    """The long select of municipalities is drawn without a template per option (core.forms.LongSelect)."""
    content = client.get(f"/registry/organizations/?municipality={vyselki.pk}").content.decode()
    assert '<select name="municipality" class="form-select" id="id_municipality">' in content
    assert f'<option value="{vyselki.pk}" selected>{vyselki}</option>' in content
    assert '<option value="">Все муниципалитеты</option>' in content
