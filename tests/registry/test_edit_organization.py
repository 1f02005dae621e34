"""Лариса adds and corrects organizations of her district; nobody moves one out of their reach."""

import pytest

from innoinfra.reference.models import Organization

pytestmark = pytest.mark.django_db


def org_data(organization, **changes):
    data = {
        "full_name": organization.full_name,
        "short_name": organization.short_name,
        "type": organization.type,
        "municipality": organization.municipality_id,
        "address": organization.address,
        "latitude": "50.240000",
        "longitude": "136.910000",
        "head_name": organization.head_name,
        "head_position": "Директор",
        "is_active": "on",
        "version": organization.version,
    }
    return {**data, **changes}


def test_it_shows_the_form_with_the_current_values(client_for, methodist, school):
    response = client_for(methodist).get(f"/registry/organizations/{school.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "МБОУ СОШ № 1 г. Амурска: изменение" in content
    assert "Полное наименование" in content and "Широта" in content
    assert 'value="МБОУ СОШ № 1 г. Амурска"' in content


def test_the_methodist_corrects_an_organization(client_for, methodist, school):
    response = client_for(methodist).post(
        f"/registry/organizations/{school.pk}/edit/", org_data(school, head_name="Сидорова Мария Петровна"), follow=True
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Изменения сохранены." in content
    assert "Сидорова Мария Петровна" in content
    school.refresh_from_db()
    assert school.head_name == "Сидорова Мария Петровна"
    assert school.history.first().history_user == methodist


def test_it_refuses_half_of_the_coordinates(client_for, methodist, school):
    response = client_for(methodist).post(
        f"/registry/organizations/{school.pk}/edit/", org_data(school, longitude="", head_name="Другой")
    )
    assert response.status_code == 400
    assert "Укажите обе координаты: широту и долготу, — или ни одной." in response.content.decode()
    school.refresh_from_db()
    assert school.head_name == "Иванова Ирина Сергеевна"


def test_it_refuses_a_wrong_inn(client_for, methodist, school):
    response = client_for(methodist).post(f"/registry/organizations/{school.pk}/edit/", org_data(school, inn="123"))
    assert response.status_code == 400
    assert "ИНН" in response.content.decode()
    school.refresh_from_db()
    assert school.inn == ""


def test_the_methodist_cannot_move_an_organization_to_another_district(client_for, methodist, school, vyselki):
    response = client_for(methodist).post(
        f"/registry/organizations/{school.pk}/edit/", org_data(school, municipality=vyselki.pk)
    )
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    school.refresh_from_db()
    assert school.municipality_id != vyselki.pk


def test_other_methodist_may_not_edit_an_amursky_organization(client_for, other_methodist, school):
    client = client_for(other_methodist)
    assert client.get(f"/registry/organizations/{school.pk}/edit/").status_code == 403
    response = client.post(f"/registry/organizations/{school.pk}/edit/", org_data(school, short_name="Чужая"))
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.short_name == "МБОУ СОШ № 1 г. Амурска"


def test_the_org_admin_may_not_edit_even_her_own_school(client_for, orgadmin, school):
    assert client_for(orgadmin).get(f"/registry/organizations/{school.pk}/edit/").status_code == 403


def test_the_methodist_adds_an_organization(client_for, methodist, amursky):
    data = {
        "full_name": "Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 7",
        "short_name": "МБДОУ № 7",
        "type": "doo",
        "municipality": amursky.pk,
        "head_position": "Заведующий",
        "is_active": "on",
    }
    response = client_for(methodist).post("/registry/organizations/new/", data, follow=True)
    assert "Организация добавлена." in response.content.decode()
    organization = Organization.objects.get(short_name="МБДОУ № 7")
    assert response.redirect_chain[-1][0] == f"/registry/organizations/{organization.pk}/"


def test_it_finds_the_corrected_organization_by_its_new_name(client, client_for, methodist, school):
    client_for(methodist).post(
        f"/registry/organizations/{school.pk}/edit/", org_data(school, short_name="МБОУ Гимназия г. Амурска")
    )
    response = client.get("/registry/organizations/", {"q": "гимназии"})
    assert [o.pk for o in response.context["page"].object_list] == [school.pk]
