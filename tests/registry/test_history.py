"""Staff read who changed what, and when."""

import pytest

from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site

from ..factories import DirectionFactory, OrderFactory, kind, make_site

pytestmark = pytest.mark.django_db


def test_it_shows_who_changed_a_site_and_what(client_for, methodist, authority, school):
    client = client_for(methodist)
    client.post(
        "/registry/sites/new/",
        {
            "kind": kind("МИП").pk,
            "theme": "Проектная школа",
            "lead_organization": school.pk,
            "new_order_number": "172-Д",
            "new_order_date": "2025-04-11",
        },
    )
    site = Site.objects.get()
    direction = DirectionFactory(name="Наставничество")
    edit = {
        "kind": site.kind_id,
        "theme": "Проектная школа будущего",
        "lead_organization": school.pk,
        "directions": [direction.pk],
        "version": site.version,
    }
    assert client_for(authority).post(f"/registry/sites/{site.pk}/edit/", edit).status_code == 302
    client.post(
        f"/registry/sites/{site.pk}/state/", {"state": "suspended", "date": "2026-01-20", "comment": "Ремонт здания"}
    )

    response = client.get(f"/registry/history/site/{site.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    rows = content.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    # the description and the directions are saved one after the other: two rows for one edit
    assert len(rows) == 4
    suspended, directions, theme, created = rows
    assert "Кривошеева Лариса" in suspended and "Ремонт здания" in suspended
    assert '<strong>Состояние</strong>: <del class="text-danger">Действует</del>' in suspended
    assert "Приостановлена</ins>" in suspended
    assert "Сиденкова Наталья" in directions and "<strong>Направления</strong>" in directions
    assert "Наставничество</ins>" in directions
    assert "Сиденкова Наталья" in theme
    assert 'Проектная школа</del> → <ins class="text-success">Проектная школа будущего</ins>' in theme
    assert "Кривошеева Лариса" in created and "создание" in created and "запись создана" in created


def test_it_shows_the_history_of_an_order_and_an_organization(client_for, methodist, school):
    order = OrderFactory(municipality=school.municipality)
    client = client_for(methodist)
    for url in (f"/registry/history/order/{order.pk}/", f"/registry/history/organization/{school.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "История изменений" in response.content.decode()
        assert "запись создана" in response.content.decode()


def test_it_answers_404_for_an_unknown_model_or_object(client_for, methodist):
    client = client_for(methodist)
    assert client.get("/registry/history/user/1/").status_code == 404
    assert client.get("/registry/history/site/999999/").status_code == 404


@pytest.mark.parametrize("persona", ["expert", "orgadmin", "teacher"])
def test_people_without_registry_rights_may_not_read_history(client_for, school, persona, request):
    site = make_site(organization=school)
    assert client_for(request.getfixturevalue(persona)).get(f"/registry/history/site/{site.pk}/").status_code == 403


def test_a_state_change_is_attributed_in_the_history(client_for, methodist, school):
    site = make_site(organization=school)
    services.change_site_state(
        site, SiteState.COMPLETED, by=methodist, order=OrderFactory(municipality=school.municipality)
    )
    content = client_for(methodist).get(f"/registry/history/site/{site.pk}/").content.decode()
    assert "Действует → Завершена" in content
