"""Лариса corrects the description of an Amursky site; Вера of Vyselki may not."""

import pytest

from innoinfra.registry.models import Site

from ..factories import OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(school):
    return make_site(organization=school, theme="Проектная школа")


def edit_data(site, **changes):
    data = {"kind": site.kind_id, "theme": site.theme, "lead_organization": site.lead_organization_id}
    return {**data, "version": site.version, **changes}


def test_it_shows_the_form_without_the_order_fields(client_for, methodist, site):
    response = client_for(methodist).get(f"/registry/sites/{site.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Изменение площадки" in content
    assert "Проектная школа" in content
    assert "Номер нового приказа" not in content


def test_the_methodist_changes_the_theme(client_for, methodist, site):
    response = client_for(methodist).post(
        f"/registry/sites/{site.pk}/edit/", edit_data(site, theme="Проектная школа 2.0"), follow=True
    )
    content = response.content.decode()
    assert "Изменения сохранены." in content
    assert "Проектная школа 2.0" in content
    site.refresh_from_db()
    assert site.theme == "Проектная школа 2.0"


def test_it_refuses_participants_for_a_single_organization_kind(client_for, methodist, site, school):
    partner = OrganizationFactory(municipality=school.municipality)
    response = client_for(methodist).post(
        f"/registry/sites/{site.pk}/edit/", edit_data(site, theme="Новая тема", participants=[partner.pk])
    )
    assert response.status_code == 400
    assert "предполагает одну организацию" in response.content.decode()
    site.refresh_from_db()
    assert site.theme == "Проектная школа"
    assert list(site.organizations.all()) == [school]


def test_it_refuses_to_move_a_site_to_an_organization_of_another_district(client_for, methodist, site, vyselki):
    far = OrganizationFactory(municipality=vyselki)
    response = client_for(methodist).post(f"/registry/sites/{site.pk}/edit/", edit_data(site, lead_organization=far.pk))
    assert "Выберите корректный вариант" in response.content.decode()
    assert Site.objects.get().lead_organization_id != far.pk


def test_other_methodist_gets_403(client_for, other_methodist, site):
    client = client_for(other_methodist)
    assert client.get(f"/registry/sites/{site.pk}/edit/").status_code == 403
    assert client.post(f"/registry/sites/{site.pk}/edit/", edit_data(site, theme="Чужая")).status_code == 403
    site.refresh_from_db()
    assert site.theme == "Проектная школа"
