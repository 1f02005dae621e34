"""The staff list of people: each sees the people of their own territory, searchable and filterable."""

import pytest

from innoinfra.accounts.enums import Role

from ..factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/manage/users/"


@pytest.fixture
def people(teacher, orgadmin, expert, other_methodist):
    """Пётр and Ирина work at an Amursky school, Олег sits on the Amursky council, Вера is of Vyselki."""


def test_it_lists_the_people_of_her_district(client_for, methodist, people):
    response = client_for(methodist).get(URL)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Петров Пётр" in text
    assert "Иванова Ирина" in text
    assert "Олегов Олег" in text
    assert "Иванова Вера" not in text
    assert "Педагог" in text and "МБОУ СОШ № 1 г. Амурска" in text


def test_the_authority_sees_the_same_district(client_for, authority, people):
    text = client_for(authority).get(URL).content.decode()

    assert "Петров Пётр" in text
    assert "Иванова Вера" not in text


def test_another_district_methodist_sees_only_her_people(client_for, other_methodist, people):
    text = client_for(other_methodist).get(URL).content.decode()

    assert "Иванова Вера" in text
    assert "Петров Пётр" not in text


def test_the_installation_admin_sees_everyone(client_for, admin_user, people):
    text = client_for(admin_user).get(URL).content.decode()

    assert "Петров Пётр" in text and "Иванова Вера" in text


def test_a_teacher_is_refused(client_for, teacher):
    response = client_for(teacher).get(URL)

    assert response.status_code == 403
    assert "Недостаточно прав" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_login(client_for):
    response = client_for(None).get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/manage/users/")


@pytest.mark.parametrize("query", ["петров", "Петров", "petr", "PETR@example"])
def test_it_finds_people_by_name_login_or_e_mail(client_for, methodist, people, query):
    text = client_for(methodist).get(URL, {"q": query}).content.decode()

    assert "Петров Пётр" in text
    assert "Иванова Ирина" not in text


def test_it_filters_by_role(client_for, methodist, people):
    text = client_for(methodist).get(URL, {"role": Role.ORG_ADMIN}).content.decode()

    assert "Иванова Ирина" in text
    assert "Петров Пётр" not in text
    assert "Найдено: 1" in text


def test_it_filters_by_municipality(client_for, admin_user, people, vyselki):
    text = client_for(admin_user).get(URL, {"municipality": vyselki.pk}).content.decode()

    assert "Иванова Вера" in text
    assert "Петров Пётр" not in text


def test_htmx_gets_only_the_results(client_for, methodist, people):
    response = client_for(methodist).get(URL, {"q": "Петров"}, headers={"HX-Request": "true"})

    text = response.content.decode()
    assert "Петров Пётр" in text
    assert "<nav" not in text


def test_its_query_count_does_not_grow_with_rows(client_for, methodist, amursky, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            school = OrganizationFactory(municipality=amursky)
            user = UserFactory(organization=school)
            MembershipFactory(user=user, role=Role.TEACHER, organization=school)
            MembershipFactory(user=user, role=Role.EXPERT, municipality=amursky)

    client = client_for(methodist)
    client.get(URL)  # the first page of a session also creates the installation settings row
    assert_constant_queries(client, URL, grow, maximum=11)  # 11: the unread-notifications badge in the navbar
