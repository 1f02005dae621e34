"""Notifications: given once per key, mailed once, read only by their owner."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from innoinfra.core.models import Notification
from innoinfra.core.notification_context import unread_notifications
from innoinfra.core.notifications import notify

pytestmark = pytest.mark.django_db


def give(user, key="test:1", **kwargs):
    fields = {"title": "Заявка принята", "text": "Ваша заявка зарегистрирована.", "url": "/plans/", "key": key}
    return notify(user, **{**fields, **kwargs})


def test_a_notification_is_given_and_mailed_once_per_key(teacher, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://innoinfra.example"
    with django_capture_on_commit_callbacks(execute=True):
        assert give(teacher) is True
        assert give(teacher) is False
    assert Notification.objects.filter(user=teacher).count() == 1
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [teacher.email] and letter.subject == "Заявка принята"
    assert letter.body.startswith("Здравствуйте, Пётр!")
    assert "Ваша заявка зарегистрирована." in letter.body
    assert "Открыть: https://innoinfra.example/plans/" in letter.body


def test_the_base_url_argument_wins_and_email_may_be_off(teacher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        give(teacher, key="a", base_url="https://other.example/")
        give(teacher, key="b", email=False)
    assert len(mail.outbox) == 1
    assert "Открыть: https://other.example/plans/" in mail.outbox[0].body


def test_the_same_key_for_two_people_gives_each_one(teacher, orgadmin):
    assert give(teacher) and give(orgadmin)


def test_the_list_shows_ones_own_newest_first_unread_in_bold(client_for, teacher, orgadmin):
    give(teacher, key="old", title="Первое уведомление")
    give(teacher, key="new", title="Второе уведомление")
    give(orgadmin, key="x", title="Чужое уведомление")
    Notification.objects.filter(key="old").update(read_at="2024-10-01T10:00:00Z")
    response = client_for(teacher).get(reverse("notifications:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Второе уведомление") < html.index("Первое уведомление")
    assert "Чужое уведомление" not in html
    new = Notification.objects.get(user=teacher, key="new")
    row = html.split(f'id="notification-{new.pk}"', 1)[1].split("</li>", 1)[0]
    assert 'data-unread="true"' in row and "fw-bold" in row


def test_marking_read_and_opening(client_for, teacher):
    give(teacher, key="one", url="/plans/calendar/")
    notification = Notification.objects.get(user=teacher)
    client = client_for(teacher)
    response = client.post(reverse("notifications:read", args=[notification.pk]), {"open": "1"})
    assert response.status_code == 302 and response.url == "/plans/calendar/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_foreign_notification_is_not_found(client_for, teacher, orgadmin):
    give(orgadmin)
    foreign = Notification.objects.get(user=orgadmin)
    assert client_for(teacher).post(reverse("notifications:read", args=[foreign.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_read_all_marks_only_ones_own(client_for, teacher, orgadmin):
    give(teacher, key="a")
    give(teacher, key="b")
    give(orgadmin, key="a")
    response = client_for(teacher).post(reverse("notifications:read-all"), follow=True)
    assert "Все уведомления отмечены прочитанными." in response.content.decode()
    assert not Notification.objects.filter(user=teacher, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=orgadmin, read_at__isnull=True).count() == 1


def test_the_pages_need_a_login_and_actions_need_post(client_for, teacher):
    response = client_for().get(reverse("notifications:list"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client_for(teacher).get(reverse("notifications:read-all")).status_code == 405


def test_the_unread_count_for_the_bell(teacher, django_assert_num_queries):
    give(teacher, key="a")
    give(teacher, key="b")
    Notification.objects.filter(key="b").update(read_at="2024-10-01T10:00:00Z")
    request = RequestFactory().get("/")
    request.user = teacher
    count = unread_notifications(request)["unread_notifications"]
    with django_assert_num_queries(1):
        # what a template does with it: {% if unread_notifications %}{{ unread_notifications }}
        html = Template("{% load ru %}{% if n %}{{ n }} {{ n|plural_ru:'новое,новых,новых' }}{% endif %}").render(
            Context({"n": count})
        )
    assert html == "1 новое"
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert unread_notifications(request) == {}


def test_the_list_is_paginated_with_a_constant_number_of_queries(client_for, teacher, assert_constant_queries):
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            give(teacher, key=f"k{next(counter)}", email=False)

    client = client_for(teacher)
    client.get(reverse("notifications:list"))
    assert_constant_queries(client, reverse("notifications:list"), grow, maximum=9)  # with the navbar badge
