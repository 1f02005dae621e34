"""Registering and changing accounts: staff keep people inside their territory."""

import pytest
from django.core import mail

from innoinfra.accounts import services
from innoinfra.accounts.models import User
from innoinfra.core.errors import ServiceError

from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _new(by, organization, **kw):
    data = dict(
        username="maria",
        email="maria@school1.example.ru",
        last_name="Соколова",
        first_name="Мария",
        middle_name="Ивановна",
        organization=organization,
    )
    data.update(kw)
    return services.create_user(by=by, **data)


def test_it_creates_an_account_without_a_password_and_mails_the_link(
    methodist, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = _new(methodist, school)

    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@school1.example.ru"]
    assert "Для вас создана учётная запись" in mail.outbox[0].body
    assert "Логин: maria" in mail.outbox[0].body


def test_it_refuses_an_organization_of_another_district(methodist, vyselki):
    with pytest.raises(ServiceError, match="не относится к вашей территории"):
        _new(methodist, OrganizationFactory(municipality=vyselki))
    assert not User.objects.filter(username="maria").exists()


def test_it_requires_a_place_of_work_from_district_staff(methodist):
    with pytest.raises(ServiceError, match="Укажите место работы"):
        _new(methodist, None)


def test_it_refuses_an_e_mail_that_another_account_has(methodist, school, teacher):
    with pytest.raises(ServiceError, match="уже указан у другого пользователя"):
        _new(methodist, school, email=teacher.email.upper())


def test_only_a_superuser_makes_superusers(methodist, admin_user, school):
    with pytest.raises(ServiceError, match="только администратор"):
        _new(methodist, school, is_superuser=True)

    assert _new(admin_user, None, is_superuser=True).is_superuser


def test_it_refuses_to_move_a_person_out_of_her_district(methodist, teacher, vyselki):
    with pytest.raises(ServiceError, match="не относится к вашей территории"):
        services.update_user(teacher, by=methodist, organization=OrganizationFactory(municipality=vyselki))
    teacher.refresh_from_db()
    assert teacher.organization.municipality.name == "Амурский муниципальный район"


def test_it_updates_a_person_of_her_district(methodist, teacher):
    services.update_user(teacher, by=methodist, position="Учитель математики", phone="+7 (42142) 2-22-22")

    teacher.refresh_from_db()
    assert teacher.position == "Учитель математики"


def test_deactivation_stops_login_and_is_refused_for_oneself(methodist, teacher, client):
    services.set_active(teacher, by=methodist, active=False)

    assert not client.login(username="petr", password="demo")
    with pytest.raises(ServiceError, match="Нельзя отключить собственную учётную запись"):
        services.set_active(methodist, by=methodist, active=False)


def test_another_district_methodist_may_not_change_amursky_people(other_methodist, teacher):
    with pytest.raises(ServiceError, match="Вы не можете изменять учётную запись"):
        services.update_user(teacher, by=other_methodist, position="Завуч")
