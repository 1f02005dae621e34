"""Granting and ending roles: staff act only inside their territory, and every change is recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.accounts import services
from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError

from ..factories import BodyFactory, MembershipFactory, OrganizationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(school):
    """Мария, a new teacher of the Amursky school, no roles yet."""
    return UserFactory(username="maria", first_name="Мария", last_name="Соколова", organization=school)


def test_it_gives_a_teacher_role_in_a_school_of_her_district(methodist, newcomer, school):
    membership = services.add_membership(user=newcomer, role=Role.TEACHER, organization=school, by=methodist)

    assert membership.pk
    assert Role.TEACHER in scope_of(type(newcomer).objects.get(pk=newcomer.pk)).roles


def test_it_records_who_granted_the_role(methodist, newcomer, school):
    services.add_membership(user=newcomer, role=Role.TEACHER, organization=school, by=methodist)

    record = Membership.history.get(user_id=newcomer.pk)
    assert record.history_type == "+"
    assert record.history_user == methodist
    assert record.role == Role.TEACHER


def test_it_gives_an_expert_seat_in_a_body_of_her_district(methodist, newcomer, amursky):
    council = BodyFactory(municipality=amursky)

    membership = services.add_membership(
        user=newcomer, role=Role.EXPERT, body=council, body_position=BodyPosition.SECRETARY, by=methodist
    )

    assert membership.get_body_position_display() == "Секретарь"


def test_it_refuses_a_school_of_another_district(methodist, newcomer, vyselki):
    foreign_school = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 2 ст. Выселки")

    with pytest.raises(ServiceError, match="вне вашей территории"):
        services.add_membership(user=newcomer, role=Role.TEACHER, organization=foreign_school, by=methodist)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_it_refuses_another_municipality_to_a_district_methodist(methodist, newcomer, vyselki):
    with pytest.raises(ServiceError, match="«Методист \\(методический центр\\)» в области «Выселковский район»"):
        services.add_membership(user=newcomer, role=Role.METHODIST, municipality=vyselki, by=methodist)


def test_it_refuses_installation_wide_roles_to_a_district_methodist(methodist, newcomer):
    with pytest.raises(ServiceError, match="на всю систему может назначить только администратор системы"):
        services.add_membership(user=newcomer, role=Role.AUTHORITY, by=methodist)


def test_it_refuses_region_wide_staff_roles_even_to_a_methodist_of_the_whole_region(amursky, newcomer):
    regional = UserFactory(username="regional")
    MembershipFactory(user=regional, role=Role.METHODIST, region=amursky.region)

    with pytest.raises(ServiceError, match="вне вашей территории"):
        services.add_membership(user=newcomer, role=Role.METHODIST, region=amursky.region, by=regional)


def test_an_installation_admin_grants_region_wide_staff_roles(admin_user, newcomer):
    region = RegionFactory(name="Краснодарский край", code="23")

    membership = services.add_membership(user=newcomer, role=Role.METHODIST, region=region, by=admin_user)

    assert membership.scope_label == "Краснодарский край"


def test_it_refuses_two_scopes_at_once(methodist, newcomer, amursky, school):
    with pytest.raises(ServiceError, match="Укажите одну область действия роли"):
        services.add_membership(
            user=newcomer, role=Role.TEACHER, municipality=amursky, organization=school, by=methodist
        )


def test_it_refuses_the_same_role_twice(methodist, newcomer, school):
    services.add_membership(user=newcomer, role=Role.TEACHER, organization=school, by=methodist)

    with pytest.raises(ServiceError, match="уже есть роль «Педагог»"):
        services.add_membership(user=newcomer, role=Role.TEACHER, organization=school, by=methodist)


def test_it_refuses_roles_to_oneself(methodist, amursky):
    with pytest.raises(ServiceError, match="Свои роли назначает другой сотрудник"):
        services.add_membership(user=methodist, role=Role.AUTHORITY, municipality=amursky, by=methodist)


def test_a_teacher_grants_nothing(teacher, newcomer, school):
    with pytest.raises(ServiceError):
        services.add_membership(user=newcomer, role=Role.TEACHER, organization=school, by=teacher)


def test_it_refuses_roles_for_a_person_holding_a_wider_role(methodist, newcomer, amursky):
    """A regional methodist working at an Amursky school is not Лариса's to manage."""
    MembershipFactory(user=newcomer, role=Role.METHODIST, region=amursky.region)

    with pytest.raises(ServiceError, match="Вы не можете назначать роли этому пользователю"):
        services.add_membership(user=newcomer, role=Role.EXPERT, municipality=amursky, by=methodist)


def test_ending_a_role_stops_it_today_and_keeps_the_record(methodist, teacher):
    membership = teacher.memberships.get()

    services.end_membership(membership, by=methodist)

    membership.refresh_from_db()
    assert membership.end_date == timezone.localdate() - dt.timedelta(days=1)
    assert not Membership.objects.active().filter(pk=membership.pk).exists()
    last = Membership.history.filter(id=membership.pk).order_by("-history_date").first()
    assert (last.history_type, last.history_user) == ("~", methodist)


def test_ending_an_ended_role_is_refused(methodist, teacher):
    membership = teacher.memberships.get()
    services.end_membership(membership, by=methodist)

    with pytest.raises(ServiceError, match="уже завершена"):
        services.end_membership(membership, by=methodist)


def test_removing_a_role_leaves_a_history_record_with_who_removed_it(methodist, teacher):
    membership = teacher.memberships.get()

    services.remove_membership(membership, by=methodist)

    assert not teacher.memberships.exists()
    removal = Membership.history.get(user_id=teacher.pk, history_type="-")
    assert removal.history_user == methodist


def test_another_district_methodist_may_not_end_an_amursky_role(other_methodist, teacher):
    membership = teacher.memberships.get()

    with pytest.raises(ServiceError, match="Вы не можете завершить эту роль"):
        services.end_membership(membership, by=other_methodist)
    membership.refresh_from_db()
    assert membership.end_date is None
