"""The public list of orders and an order's page; staff add and correct orders."""

import datetime as dt

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Order

from ..api.clients import api
from ..factories import OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(amursky, vyselki):
    return [
        OrderFactory(
            number="172-Д", date=dt.date(2025, 4, 11), title="Об утверждении дорожной карты", municipality=amursky
        ),
        OrderFactory(
            number="45", date=dt.date(2024, 2, 1), title="О присвоении статуса площадок", municipality=vyselki
        ),
    ]


def test_it_lists_orders_newest_first(client, orders):
    response = client.get("/registry/orders/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("11 апреля 2025 г.") < content.index("1 февраля 2024 г.")
    assert "№ 172-Д" in content and "Об утверждении дорожной карты" in content


@pytest.mark.parametrize(
    ("query", "numbers"),
    [("?year=2025", ["172-Д"]), ("?q=карты", ["172-Д"]), ("?q=статусов", ["45"]), ("?year=2030", [])],
)
def test_it_filters_orders(client, orders, query, numbers):
    response = client.get(f"/registry/orders/{query}")
    assert [o.number for o in response.context["page"].object_list] == numbers
    if not numbers:
        assert "Приказов не найдено." in response.content.decode()


def test_it_filters_orders_by_municipality(client, orders, vyselki):
    response = client.get(f"/registry/orders/?municipality={vyselki.pk}")
    assert [o.number for o in response.context["page"].object_list] == ["45"]


def test_it_returns_only_the_table_to_htmx(client, orders):
    content = client.get("/registry/orders/?year=2025", headers={"HX-Request": "true"}).content.decode()
    assert "172-Д" in content and "<nav" not in content and "<form" not in content


def test_it_shows_what_an_order_established_and_changed(client, school):
    order = OrderFactory(number="172-Д", date=dt.date(2025, 4, 11), municipality=school.municipality)
    site = make_site(organization=school, order=order, theme="Проектная школа")
    closing = OrderFactory(number="9-Д", date=dt.date(2026, 5, 30), municipality=school.municipality)
    services.change_site_state(site, SiteState.COMPLETED, order=closing, date=dt.date(2026, 5, 30))
    content = client.get(f"/registry/orders/{order.pk}/").content.decode()
    assert "Приказ от 11 апреля 2025 г. № 172-Д" in content
    assert "Статусы, присвоенные приказом" in content and "Проектная школа" in content
    closing_page = client.get(f"/registry/orders/{closing.pk}/").content.decode()
    assert "Изменения статусов по приказу" in closing_page
    assert "завершена с 30 мая 2026 г." in closing_page


def test_the_methodist_adds_an_order(client_for, methodist, amursky):
    response = client_for(methodist).post(
        "/registry/orders/new/",
        {"number": "200-Д", "date": "2025-09-01", "title": "О МИП", "municipality": amursky.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Приказ внесён в реестр." in response.content.decode()
    order = Order.objects.get(number="200-Д")
    assert order.history.first().history_user == methodist


def test_it_refuses_an_order_without_a_number_and_saves_nothing(client_for, methodist, amursky):
    response = client_for(methodist).post("/registry/orders/new/", {"date": "2025-09-01", "municipality": amursky.pk})
    assert response.status_code == 400
    assert "Обязательное поле." in response.content.decode()
    assert not Order.objects.exists()


def test_the_methodist_cannot_add_an_order_for_another_district(client_for, methodist, vyselki):
    response = client_for(methodist).post(
        "/registry/orders/new/", {"number": "1", "date": "2025-09-01", "title": "Чужой", "municipality": vyselki.pk}
    )
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Order.objects.exists()


def test_the_methodist_corrects_an_order_of_her_district(client_for, methodist, orders):
    order = orders[0]
    data = {"number": "172-Д", "date": "2025-04-11", "title": "Об утверждении дорожной карты до 2030 года"}
    response = client_for(methodist).post(
        f"/registry/orders/{order.pk}/edit/", {**data, "municipality": order.municipality_id}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.title == "Об утверждении дорожной карты до 2030 года"


def test_other_methodist_may_not_edit_an_amursky_order(client_for, other_methodist, orders):
    response = client_for(other_methodist).get(f"/registry/orders/{orders[0].pk}/edit/")
    assert response.status_code == 403


def test_the_order_list_pages(client, school):
    for _ in range(27):
        OrderFactory(municipality=school.municipality)
    assert len(client.get("/registry/orders/?page=2").context["page"].object_list) == 2


def test_lead_organizations_of_other_districts_appear_on_order_pages(client, vyselki):
    order = OrderFactory(municipality=vyselki)
    make_site(organization=OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ ст. Выселки"), order=order)
    assert "МБОУ СОШ ст. Выселки" in client.get(f"/registry/orders/{order.pk}/").content.decode()


def test_the_page_refuses_a_duplicate_order_like_the_api(client_for, methodist, amursky):
    first = OrderFactory(municipality=amursky, number="200-Д", date=dt.date(2025, 9, 1))
    data = {"number": "200-Д", "date": "2025-09-01", "title": "О МИП", "municipality": amursky.pk}
    page = client_for(methodist).post("/registry/orders/new/", data)
    assert page.status_code == 400
    assert "Приказ № 200-Д от 1 сентября 2025 г. уже внесён в реестр." in page.content.decode()
    assert f'<a href="/registry/orders/{first.pk}/">Открыть</a>' in page.content.decode()
    through_api = api(methodist).post("/api/v1/orders/", data, format="json")
    assert through_api.status_code == 409
    assert through_api.json() == {
        "detail": "Приказ № 200-Д от 1 сентября 2025 г. уже внесён в реестр.",
        "existing": f"/registry/orders/{first.pk}/",
    }
    assert Order.objects.count() == 1


def test_correcting_an_order_into_a_duplicate_is_refused(client_for, methodist, orders, amursky):
    first = orders[0]
    second = OrderFactory(number="173-Д", date=first.date, title="О сетевой площадке", municipality=amursky)
    data = {"number": first.number, "date": first.date.isoformat(), "title": second.title, "municipality": amursky.pk}
    response = client_for(methodist).post(f"/registry/orders/{second.pk}/edit/", data)
    assert response.status_code == 400
    assert "Приказ № 172-Д от 11 апреля 2025 г. уже внесён в реестр." in response.content.decode()
    second.refresh_from_db()
    assert second.number == "173-Д"


def test_each_row_counts_the_sites_its_order_established(client, orders, school):
    for _ in range(2):
        make_site(organization=OrganizationFactory(municipality=school.municipality), order=orders[0])
    page = client.get("/registry/orders/").context["page"]
    assert {o.number: o.site_count for o in page} == {"172-Д": 2, "45": 0}
    sheet = client.get("/registry/orders/?format=xlsx")
    assert sheet.status_code == 200
