"""Staff keep the catalogues: site kinds, directions, municipalities, regions."""

import pytest

from innoinfra.reference.models import Direction
from innoinfra.registry.models import SiteKind

from ..factories import DirectionFactory

pytestmark = pytest.mark.django_db


def test_it_lists_every_catalogue(client_for, methodist):
    DirectionFactory(name="Наставничество")
    response = client_for(methodist).get("/registry/catalogues/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Справочники",
        "Виды структурных единиц",
        "Муниципальная инновационная площадка",
        "Наставничество",
        "Амурский муниципальный район",
        "Субъекты РФ",
    ):
        assert text in content


def test_the_methodist_adds_a_direction(client_for, methodist):
    response = client_for(methodist).post(
        "/registry/catalogues/directions/new/", {"name": "Цифровая школа"}, follow=True
    )
    assert "Справочник «Направления инновационной деятельности»: запись «Цифровая школа» сохранена." in (
        response.content.decode()
    )
    assert Direction.objects.filter(name="Цифровая школа").exists()


def test_it_refuses_a_duplicate_direction(client_for, methodist):
    DirectionFactory(name="Цифровая школа")
    response = client_for(methodist).post("/registry/catalogues/directions/new/", {"name": "Цифровая школа"})
    assert response.status_code == 400
    assert "уже существует" in response.content.decode()
    assert Direction.objects.filter(name="Цифровая школа").count() == 1


def test_the_methodist_changes_a_kind_colour(client_for, methodist):
    kind = SiteKind.objects.get(abbreviation="МИП")
    response = client_for(methodist).get(f"/registry/catalogues/kinds/{kind.pk}/")
    assert "Виды структурных единиц: изменение" in response.content.decode()
    data = {
        "name": kind.name,
        "abbreviation": "МИП",
        "subsystem": kind.subsystem_id,
        "level": kind.level,
        "description": kind.description,
        "color": "#123456",
        "rank": kind.rank,
        "position": kind.position,
        "is_active": "on",
    }
    response = client_for(methodist).post(f"/registry/catalogues/kinds/{kind.pk}/", data)
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.color == "#123456"
    assert kind.history.first().history_user == methodist


def test_it_answers_404_for_an_unknown_catalogue(client_for, methodist):
    assert client_for(methodist).get("/registry/catalogues/planets/new/").status_code == 404
    assert client_for(methodist).get("/registry/catalogues/kinds/999999/").status_code == 404


@pytest.mark.parametrize("persona", ["expert", "orgadmin", "teacher"])
def test_people_without_registry_rights_may_not_edit_catalogues(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/registry/catalogues/").status_code == 403
    assert client.post("/registry/catalogues/directions/new/", {"name": "Чужое"}).status_code == 403
    assert not Direction.objects.filter(name="Чужое").exists()
