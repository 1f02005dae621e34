"""Лариса (methodist of Amursky) enters a new site, with its order picked or entered in the same form."""

import pytest

from innoinfra.registry.models import Order, Site, SiteStateChange

from ..factories import DirectionFactory, OrderFactory, OrganizationFactory, kind

pytestmark = pytest.mark.django_db

URL = "/registry/sites/new/"


@pytest.fixture
def form_data(school):
    return {
        "kind": kind("МИП").pk,
        "theme": "Функциональная грамотность через проектную деятельность",
        "lead_organization": school.pk,
        "start_date": "2025-09-01",
        "end_date": "2028-06-30",
        "supervisor": "Петрова А. И.",
    }


def test_it_shows_the_empty_form_in_russian(client_for, methodist, school, vyselki):
    OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ ст. Выселки")
    response = client_for(methodist).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Новая площадка" in content
    assert "Приказ о присвоении статуса" in content
    assert "Номер нового приказа" in content
    assert "МБОУ СОШ № 1 г. Амурска" in content
    assert "МБОУ СОШ ст. Выселки" not in content, "only organizations of her district are offered"


def test_it_creates_the_site_and_a_new_order_together(client_for, methodist, school, form_data):
    direction = DirectionFactory(name="Функциональная грамотность")
    data = {
        **form_data,
        "directions": [direction.pk],
        "new_order_number": "172-Д",
        "new_order_date": "2025-04-11",
        "new_order_title": "О присвоении статуса МИП",
    }
    response = client_for(methodist).post(URL, data, follow=True)
    assert response.status_code == 200
    site = Site.objects.get()
    order = Order.objects.get()
    assert response.redirect_chain == [(f"/registry/sites/{site.pk}/", 302)]
    content = response.content.decode()
    assert "внесена в реестр" in content
    assert "от 11 апреля 2025 г. № 172-Д" in content
    assert "О присвоении статуса МИП" in content
    assert (site.order, order.municipality, site.lead_organization) == (order, school.municipality, school)
    assert list(site.directions.all()) == [direction]
    assert order.history.first().history_user == methodist
    assert site.history.first().history_user == methodist
    assert SiteStateChange.objects.get().changed_by == methodist


def test_it_names_a_new_order_after_the_kind_when_no_title_is_given(client_for, methodist, form_data):
    data = {**form_data, "new_order_number": "5", "new_order_date": "2025-04-11"}
    assert client_for(methodist).post(URL, data).status_code == 302
    assert Order.objects.get().title == "О присвоении статуса «Муниципальная инновационная площадка»"


def test_it_leaves_no_order_behind_when_the_site_is_refused(client_for, methodist, school, form_data):
    partner = OrganizationFactory(municipality=school.municipality)
    data = {**form_data, "participants": [partner.pk], "new_order_number": "172-Д", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "предполагает одну организацию" in content
    assert 'value="172-Д"' in content, "what she typed stays in the form"
    assert not Site.objects.exists()
    assert not Order.objects.exists()


def test_it_creates_a_network_site_with_participants(client_for, methodist, school, form_data):
    partner = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 5")
    order = OrderFactory(municipality=school.municipality)
    data = {**form_data, "kind": kind("ИК").pk, "participants": [partner.pk], "order": order.pk}
    response = client_for(methodist).post(URL, data, follow=True)
    assert "МБОУ СОШ № 5" in response.content.decode()
    assert sorted(o.pk for o in Site.objects.get().organizations.all()) == sorted([school.pk, partner.pk])


def test_it_uses_an_existing_order(client_for, methodist, school, form_data):
    order = OrderFactory(number="245-Д", municipality=school.municipality)
    response = client_for(methodist).post(URL, {**form_data, "order": order.pk})
    site = Site.objects.get()
    assert response.status_code == 302
    assert response.url == f"/registry/sites/{site.pk}/"
    assert site.order == order
    assert Order.objects.count() == 1


def test_it_refuses_a_site_without_any_order(client_for, methodist, form_data):
    response = client_for(methodist).post(URL, form_data)
    assert response.status_code == 400
    assert "Статус площадки присваивается приказом: выберите приказ или укажите номер и дату нового." in (
        response.content.decode()
    )
    assert not Site.objects.exists()


def test_it_refuses_an_order_number_without_a_date(client_for, methodist, form_data):
    response = client_for(methodist).post(URL, {**form_data, "new_order_number": "172-Д"})
    assert response.status_code == 400
    assert "укажите номер и дату нового" in response.content.decode()
    assert not Order.objects.exists() and not Site.objects.exists()


def test_it_refuses_both_an_existing_and_a_new_order(client_for, methodist, school, form_data):
    order = OrderFactory(municipality=school.municipality)
    data = {**form_data, "order": order.pk, "new_order_number": "1", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    assert "Выберите существующий приказ или введите новый, но не то и другое сразу." in response.content.decode()
    assert Order.objects.count() == 1 and not Site.objects.exists()


def test_it_refuses_a_duplicate_new_order(client_for, methodist, school, form_data):
    OrderFactory(number="172-Д", date="2025-04-11", municipality=school.municipality)
    data = {**form_data, "new_order_number": " 172-Д ", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    assert "Приказ № 172-Д от 11 апреля 2025 г. уже внесён в реестр." in response.content.decode()
    assert not Site.objects.exists()


def test_it_refuses_a_period_that_ends_before_it_starts(client_for, methodist, form_data):
    data = {**form_data, "end_date": "2024-01-01", "new_order_number": "1", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    assert "Окончание периода не может быть раньше начала." in response.content.decode()
    assert not Site.objects.exists() and not Order.objects.exists()


def test_it_refuses_a_site_without_a_theme(client_for, methodist, form_data):
    data = {**form_data, "theme": "", "new_order_number": "1", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    assert "Обязательное поле." in response.content.decode()
    assert not Site.objects.exists() and not Order.objects.exists()


def test_it_refuses_an_organization_of_another_district(client_for, methodist, vyselki, form_data):
    far = OrganizationFactory(municipality=vyselki)
    data = {**form_data, "lead_organization": far.pk, "new_order_number": "1", "new_order_date": "2025-04-11"}
    response = client_for(methodist).post(URL, data)
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Site.objects.exists() and not Order.objects.exists()


def test_it_refuses_an_order_of_another_district(client_for, methodist, vyselki, form_data):
    far_order = OrderFactory(municipality=vyselki)
    response = client_for(methodist).post(URL, {**form_data, "order": far_order.pk})
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Site.objects.exists()


@pytest.mark.parametrize("persona", ["expert", "orgadmin", "teacher"])
def test_people_without_registry_rights_may_not_create_sites(client_for, persona, request, form_data):
    data = {**form_data, "new_order_number": "1", "new_order_date": "2025-04-11"}
    response = client_for(request.getfixturevalue(persona)).post(URL, data)
    assert response.status_code == 403
    assert "Недостаточно прав для этого действия." in response.content.decode()
    assert not Site.objects.exists() and not Order.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, form_data):
    response = client.post(URL, form_data)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert not Site.objects.exists()
