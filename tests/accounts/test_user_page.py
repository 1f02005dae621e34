"""A person's page: account data, roles with their actions, and the history of role changes."""

import pytest

from innoinfra.accounts import services
from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership

from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(user, suffix=""):
    return f"/manage/users/{user.pk}/{suffix}"


def test_it_shows_roles_and_the_history_of_grants(client_for, methodist, teacher, school):
    services.add_membership(user=teacher, role=Role.EXPERT, organization=school, by=methodist)

    response = client_for(methodist).get(url(teacher))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Петров Пётр" in text
    assert "petr@example.org" in text
    assert "Педагог" in text and "Эксперт" in text
    assert "История назначений" in text
    assert "Кривошеева Лариса" in text  # who granted the expert role
    assert "роль назначена" in text
    assert "Назначить роль" in text


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_another_district_methodist_gets_404(client_for, other_methodist, teacher, suffix):
    assert client_for(other_methodist).get(url(teacher, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", ["active/", "send-link/", "roles/"])
def test_another_district_methodist_cannot_post_actions(client_for, other_methodist, teacher, suffix):
    response = client_for(other_methodist).post(url(teacher, suffix), {"active": "0", "role": Role.TEACHER})

    assert response.status_code == 404
    teacher.refresh_from_db()
    assert teacher.is_active


def test_a_teacher_is_refused(client_for, teacher, orgadmin):
    assert client_for(teacher).get(url(orgadmin)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_login(client_for, teacher):
    response = client_for(None).get(url(teacher))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_adds_a_role_in_a_school(client_for, methodist, teacher, amursky):
    other_school = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 5 г. Амурска")

    response = client_for(methodist).post(
        url(teacher, "roles/"), {"role": Role.ORG_ADMIN, "organization": other_school.pk}, follow=True
    )

    assert response.status_code == 200
    assert "Роль назначена: Руководитель / координатор ОО — МБОУ СОШ № 5 г. Амурска." in response.content.decode()
    assert teacher.memberships.filter(role=Role.ORG_ADMIN, organization=other_school).exists()


def test_it_refuses_a_role_without_a_scope_with_a_message(client_for, methodist, teacher):
    response = client_for(methodist).post(url(teacher, "roles/"), {"role": Role.EXPERT})

    assert response.status_code == 400
    assert "Укажите, где действует роль" in response.content.decode()
    assert teacher.memberships.count() == 1


def test_it_refuses_a_school_of_another_district(client_for, methodist, teacher, vyselki):
    foreign = OrganizationFactory(municipality=vyselki)

    response = client_for(methodist).post(url(teacher, "roles/"), {"role": Role.TEACHER, "organization": foreign.pk})

    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert teacher.memberships.count() == 1


def test_it_ends_a_role(client_for, methodist, teacher):
    membership = teacher.memberships.get()

    response = client_for(methodist).post(url(teacher, f"roles/{membership.pk}/end/"), follow=True)

    text = response.content.decode()
    assert "Роль «Педагог — МБОУ СОШ № 1 г. Амурска» завершена" in text
    assert "роль изменена" in text
    assert not Membership.objects.active().filter(pk=membership.pk).exists()


def test_it_removes_a_role_and_the_history_keeps_it(client_for, methodist, teacher):
    membership = teacher.memberships.get()

    response = client_for(methodist).post(url(teacher, f"roles/{membership.pk}/delete/"), follow=True)

    text = response.content.decode()
    assert "Запись о ней осталась в истории" in text
    assert "роль удалена" in text
    assert not teacher.memberships.exists()


def test_it_deactivates_and_reactivates_an_account(client_for, methodist, teacher):
    client = client_for(methodist)

    response = client.post(url(teacher, "active/"), {"active": "0"}, follow=True)
    assert "Учётная запись отключена" in response.content.decode()
    teacher.refresh_from_db()
    assert not teacher.is_active

    response = client.post(url(teacher, "active/"), {"active": "1"}, follow=True)
    assert "Учётная запись включена." in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.is_active


def test_a_wider_account_is_shown_but_not_editable(client_for, methodist, teacher, amursky):
    Membership.objects.create(user=teacher, role=Role.METHODIST, region=amursky.region)
    client = client_for(methodist)

    page = client.get(url(teacher)).content.decode()
    assert "Изменить" not in page and "Назначить роль" not in page
    assert client.get(url(teacher, "edit/")).status_code == 403
