"""«Мой профиль»: every logged-in person edits their own data, changes the password, sees their roles."""

import pytest

from innoinfra.accounts.models import User

pytestmark = pytest.mark.django_db
URL = "/manage/profile/"


def test_it_shows_own_roles_read_only(client_for, teacher):
    response = client_for(teacher).get(URL)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Мой профиль" in text
    assert "Педагог" in text and "МБОУ СОШ № 1 г. Амурска · действует" in text
    assert "Сменить пароль" in text
    assert 'href="/manage/profile/"' in text  # the name in the menu leads here


def test_it_saves_own_data(client_for, teacher):
    response = client_for(teacher).post(
        URL,
        {
            "last_name": "Петров",
            "first_name": "Пётр",
            "middle_name": "Сергеевич",
            "position": "Учитель физики",
            "phone": "+7 914 000-00-00",
            "email": "petrov@school1.example.ru",
        },
        follow=True,
    )

    assert "Профиль сохранён." in response.content.decode()
    teacher.refresh_from_db()
    assert (teacher.middle_name, teacher.email) == ("Сергеевич", "petrov@school1.example.ru")


def test_it_refuses_an_e_mail_of_another_account(client_for, teacher, orgadmin):
    response = client_for(teacher).post(
        URL, {"last_name": "Петров", "first_name": "Пётр", "email": orgadmin.email.upper()}
    )

    assert response.status_code == 400
    assert "уже указан у другого пользователя" in response.content.decode()
    assert User.objects.get(pk=teacher.pk).email == "petr@example.org"


def test_an_anonymous_visitor_is_sent_to_login(client_for):
    response = client_for(None).get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_changes_the_password(client_for, teacher, client):
    own = client_for(teacher)
    page = own.get("/accounts/password_change/").content.decode()
    assert "Смена пароля" in page and 'class="form-control' in page

    response = own.post(
        "/accounts/password_change/",
        {"old_password": "demo", "new_password1": "Сосна-Кедр-2025", "new_password2": "Сосна-Кедр-2025"},
        follow=True,
    )

    assert "Пароль изменён" in response.content.decode()
    assert client.login(username="petr", password="Сосна-Кедр-2025")


def test_it_explains_a_wrong_old_password_in_russian(client_for, teacher):
    response = client_for(teacher).post(
        "/accounts/password_change/",
        {"old_password": "не тот", "new_password1": "Сосна-Кедр-2025", "new_password2": "Сосна-Кедр-2025"},
    )

    assert "Ваш старый пароль введен неправильно" in response.content.decode()
