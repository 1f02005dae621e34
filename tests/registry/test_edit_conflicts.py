"""No lost update in the registry (issue 15, finding 7): Наталья (`authority`) and Лариса (`methodist`) open the
same site's or organization's form; Наталья saves first, Лариса's stale save is refused naming Наталья."""

import pytest

from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site
from tests.api.clients import api

from ..factories import make_site

pytestmark = pytest.mark.django_db
CONFLICT = "Запись изменил(а) Сиденкова Наталья"


@pytest.fixture
def site(school):
    return make_site(organization=school, theme="Проектная школа")


def _form_data(client, url) -> dict:
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value not in (None, [])}


def test_a_stale_save_of_a_site_is_refused(client_for, authority, methodist, site):
    url = f"/registry/sites/{site.pk}/edit/"
    natalya, larisa = client_for(authority), client_for(methodist)
    natalya_form, larisa_form = _form_data(natalya, url), _form_data(larisa, url)
    assert natalya.post(url, {**natalya_form, "theme": "Тема Натальи"}).status_code == 302

    answer = larisa.post(url, {**larisa_form, "theme": "Тема Ларисы"})

    assert answer.status_code == 409
    assert CONFLICT in answer.content.decode() and "Тема Ларисы" in answer.content.decode()
    assert Site.objects.get(pk=site.pk).theme == "Тема Натальи"
    assert larisa.post(url, {**_form_data(larisa, url), "theme": "Тема Ларисы"}).status_code == 302
    site = Site.objects.get(pk=site.pk)
    assert (site.theme, site.version) == ("Тема Ларисы", 3)


def test_a_stale_save_of_an_organization_is_refused(client_for, authority, methodist, school):
    url = f"/registry/organizations/{school.pk}/edit/"
    natalya, larisa = client_for(authority), client_for(methodist)
    natalya_form, larisa_form = _form_data(natalya, url), _form_data(larisa, url)
    assert natalya.post(url, {**natalya_form, "head_name": "Сидорова Мария Петровна"}).status_code == 302

    answer = larisa.post(url, {**larisa_form, "head_name": "Петрова Анна Ивановна"})

    assert answer.status_code == 409
    assert CONFLICT in answer.content.decode()
    assert Organization.objects.get(pk=school.pk).head_name == "Сидорова Мария Петровна"


def test_the_api_refuses_a_stale_site_or_organization(authority, methodist, site, school):
    for url, field in ((f"/api/v1/sites/{site.pk}/", "theme"), (f"/api/v1/organizations/{school.pk}/", "head_name")):
        read = api(methodist).get(url)
        assert read["ETag"] == '"1"' and read.json()["version"] == 1
        assert api(authority).patch(url, {field: "Наталья", "version": 1}, format="json").status_code == 200

        body = api(methodist).patch(url, {field: "Лариса", "version": 1}, format="json")
        header = api(methodist).patch(url, {field: "Лариса"}, format="json", HTTP_IF_MATCH=read["ETag"])

        assert (body.status_code, header.status_code) == (409, 412)
        assert CONFLICT in body.json()["detail"] and CONFLICT in header.json()["detail"]
        assert api(methodist).get(url).json()[field] == "Наталья"
