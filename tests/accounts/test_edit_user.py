"""Staff correct a person's account; the person stays within the staff member's territory."""

import pytest

from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def data(teacher, **kw):
    base = {
        "last_name": "Петров",
        "first_name": "Пётр",
        "middle_name": "Ильич",
        "email": teacher.email,
        "position": "Учитель истории",
        "phone": "",
        "organization": teacher.organization_id,
    }
    base.update(kw)
    return base


def test_it_saves_changes(client_for, methodist, teacher):
    response = client_for(methodist).post(f"/manage/users/{teacher.pk}/edit/", data(teacher), follow=True)

    assert "Изменения сохранены." in response.content.decode()
    teacher.refresh_from_db()
    assert (teacher.middle_name, teacher.position) == ("Ильич", "Учитель истории")


def test_the_form_does_not_offer_schools_of_another_district(client_for, methodist, teacher, vyselki):
    OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 2 ст. Выселки")

    page = client_for(methodist).get(f"/manage/users/{teacher.pk}/edit/").content.decode()

    assert "МБОУ СОШ № 1 г. Амурска" in page
    assert "ст. Выселки" not in page


def test_it_refuses_a_school_of_another_district(client_for, methodist, teacher, vyselki):
    foreign = OrganizationFactory(municipality=vyselki)

    response = client_for(methodist).post(f"/manage/users/{teacher.pk}/edit/", data(teacher, organization=foreign.pk))

    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.organization.municipality.name == "Амурский муниципальный район"


def test_only_a_superuser_sees_and_sets_the_administrator_flag(client_for, methodist, admin_user, teacher):
    assert (
        "Администратор системы" not in client_for(methodist).get(f"/manage/users/{teacher.pk}/edit/").content.decode()
    )

    client = client_for(admin_user)
    assert "Администратор системы" in client.get(f"/manage/users/{teacher.pk}/edit/").content.decode()
    client.post(f"/manage/users/{teacher.pk}/edit/", data(teacher, is_superuser="on"))

    teacher.refresh_from_db()
    assert teacher.is_superuser and teacher.is_staff
