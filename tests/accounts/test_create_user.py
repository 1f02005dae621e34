"""Staff register a person; the person gets a Russian e-mail with a link to set the password."""

import re

import pytest
from django.core import mail

from innoinfra.accounts.models import User

pytestmark = pytest.mark.django_db
URL = "/manage/users/new/"


def form(school, **kw):
    data = {
        "last_name": "Соколова",
        "first_name": "Мария",
        "middle_name": "Ивановна",
        "username": "sokolova",
        "email": "sokolova@school1.example.ru",
        "position": "Учитель начальных классов",
        "phone": "",
        "organization": school.pk,
    }
    data.update(kw)
    return data


def test_it_shows_the_form_without_a_password_field(client_for, methodist):
    response = client_for(methodist).get(URL)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Новый пользователь" in text and "Место работы" in text
    assert 'type="password"' not in text
    assert "Администратор системы" not in text


def test_it_creates_the_account_and_mails_a_working_link(
    client_for, methodist, school, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(methodist).post(URL, form(school), follow=True)

    assert response.status_code == 200
    assert (
        "Письмо со ссылкой для установки пароля отправлено на sokolova@school1.example.ru" in response.content.decode()
    )
    user = User.objects.get(username="sokolova")
    assert user.organization == school and not user.has_usable_password()
    message = mail.outbox[-1]
    assert message.subject.startswith("Учётная запись в системе")
    assert "Здравствуйте, Мария Ивановна!" in message.body
    link = re.search(r"http://\S+/accounts/reset/\S+", message.body).group(0)

    path = link.split("127.0.0.1:8000", 1)[1]
    set_password_page = client.get(path, follow=True)
    assert "Установка пароля" in set_password_page.content.decode()
    done = client.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "Амур-2025-весна", "new_password2": "Амур-2025-весна"},
        follow=True,
    )
    assert "Пароль установлен" in done.content.decode()
    assert client.login(username="sokolova@school1.example.ru", password="Амур-2025-весна")


def test_it_refuses_a_taken_login_in_russian(client_for, methodist, school, teacher):
    response = client_for(methodist).post(URL, form(school, username="petr"))

    assert response.status_code == 400
    assert "Пользователь с таким именем уже существует." in response.content.decode()
    assert len(mail.outbox) == 0


def test_it_requires_the_place_of_work(client_for, methodist):
    response = client_for(methodist).post(URL, {**form_without_school()})

    assert response.status_code == 400
    assert "Обязательное поле." in response.content.decode()
    assert not User.objects.filter(username="sokolova").exists()


def form_without_school():
    return {"last_name": "Соколова", "first_name": "Мария", "username": "sokolova", "email": "s@example.ru"}


def test_a_teacher_is_refused(client_for, teacher, school):
    response = client_for(teacher).post(URL, form(school))

    assert response.status_code == 403
    assert not User.objects.filter(username="sokolova").exists()
