"""Лариса suspends, resumes and completes a site; completing or revoking needs an order."""

import datetime as dt
import re

import pytest

from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import SiteStateChange

from ..factories import OrderFactory, make_site

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture
def site(school):
    return make_site(organization=school, theme="Проектная школа")


def url(site):
    return f"/registry/sites/{site.pk}/state/"


def test_it_offers_only_the_allowed_states(client_for, methodist, site):
    response = client_for(methodist).get(url(site))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Изменение состояния площадки" in content
    assert "сейчас «Действует»" in content
    for label in ("Приостановлена", "Завершена", "Статус прекращён"):
        assert f">{label}</option>" in content
    assert ">Действует</option>" not in content


def test_it_suspends_a_site_without_an_order(client_for, methodist, site):
    response = client_for(methodist).post(
        url(site), {"state": "suspended", "date": "2026-01-20", "comment": "Смена руководителя"}, follow=True
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Состояние площадки изменено: «Приостановлена»." in content
    assert "Приостановлена — 20 января 2026 г." in text(content)
    assert "Смена руководителя" in content
    site.refresh_from_db()
    assert site.state == SiteState.SUSPENDED


def test_it_refuses_to_complete_a_site_without_an_order(client_for, methodist, site):
    response = client_for(methodist).post(url(site), {"state": "completed", "date": "2026-06-30"})
    assert response.status_code == 400
    assert "Завершение или прекращение статуса оформляется приказом: укажите приказ." in response.content.decode()
    site.refresh_from_db()
    assert site.state == SiteState.ACTIVE
    assert SiteStateChange.objects.count() == 1


def test_it_completes_a_site_by_an_order(client_for, methodist, site, school):
    order = OrderFactory(number="88-Д", date=dt.date(2026, 6, 30), municipality=school.municipality)
    response = client_for(methodist).post(
        url(site), {"state": "completed", "date": "2026-06-30", "order": order.pk}, follow=True
    )
    content = response.content.decode()
    assert "Состояние площадки изменено: «Завершена»." in content
    changes = content.split("Изменения статуса")[1]
    assert "Завершена — 30 июня 2026 г." in text(changes)
    assert "№ 88-Д от 30.06.2026" in changes
    site.refresh_from_db()
    assert site.state == SiteState.COMPLETED
    assert SiteStateChange.objects.get(to_state="completed").changed_by == methodist


def test_it_refuses_a_transition_that_is_not_allowed(client_for, methodist, site):
    response = client_for(methodist).post(url(site), {"state": "active", "date": "2026-01-20"})
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert SiteStateChange.objects.count() == 1


def test_it_refuses_an_order_of_another_district(client_for, methodist, site, vyselki):
    far = OrderFactory(municipality=vyselki)
    response = client_for(methodist).post(url(site), {"state": "revoked", "date": "2026-01-20", "order": far.pk})
    assert response.status_code == 400
    site.refresh_from_db()
    assert site.state == SiteState.ACTIVE


def test_it_asks_for_a_date(client_for, methodist, site):
    response = client_for(methodist).post(url(site), {"state": "suspended"})
    assert response.status_code == 400
    assert "Обязательное поле." in response.content.decode()


def test_a_completed_site_offers_no_transition(client_for, methodist, site, school):
    client = client_for(methodist)
    client.post(
        url(site),
        {"state": "revoked", "date": "2026-01-20", "order": OrderFactory(municipality=school.municipality).pk},
    )
    response = client.post(url(site), {"state": "active", "date": "2026-02-01"})
    assert response.status_code == 400
    site.refresh_from_db()
    assert site.state == SiteState.REVOKED


@pytest.mark.parametrize(("persona", "status"), [("other_methodist", 403), ("expert", 403), ("teacher", 403)])
def test_others_may_not_change_the_state(client_for, site, persona, status, request):
    response = client_for(request.getfixturevalue(persona)).post(
        url(site), {"state": "suspended", "date": "2026-01-20"}
    )
    assert response.status_code == status
    site.refresh_from_db()
    assert site.state == SiteState.ACTIVE
