"""E-mail digests: Пётр (teacher) gets a daily digest of what others wrote in his communities, never his own posts
nor hidden ones; a second run the same day sends nothing; a weekly digest waits seven days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from innoinfra.communities import services
from innoinfra.communities.digests import send_digests
from innoinfra.communities.models import CommunityMember

from .factories import add_member, make_community, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(methodist, teacher, amursky):
    community = make_community(methodist, amursky)
    member = add_member(community, teacher)
    services.set_digest(member, "daily")
    # the digest was switched on yesterday
    CommunityMember.objects.filter(pk=member.pk).update(last_digest_at=timezone.now() - dt.timedelta(days=1))
    return community


def _send(capture, now=None):
    with capture(execute=True):
        return send_digests(now)


def test_a_member_gets_one_email_with_others_posts_and_replies_only(
    community, methodist, teacher, orgadmin, django_capture_on_commit_callbacks
):
    add_member(community, orgadmin)
    news = make_post(community, methodist, kind="news", title="Семинар 20 ноября", body="Приглашаем всех.")
    own = make_post(community, teacher, title="Мой вопрос о портфолио")
    services.reply(own, by=orgadmin, body="Отвечаю на вопрос")
    hidden = make_post(community, orgadmin, title="Реклама курсов")
    services.set_post_hidden(hidden, True, by=methodist)
    second = make_community(methodist, community.municipality, title="Функциональная грамотность")
    services.set_digest(add_member(second, teacher), "none")
    make_post(second, methodist, title="Запись в сообществе без сводки")

    assert _send(django_capture_on_commit_callbacks) == 1
    letters = [m for m in mail.outbox if m.to == [teacher.email]]
    assert len(letters) == 1
    letter = letters[0]
    assert letter.subject == "Новое в сообществах: «Цифровая педагогика»"
    assert "Семинар 20 ноября" in letter.body and news.get_absolute_url() in letter.body
    assert "1 новый ответ в обсуждении «Мой вопрос о портфолио»" in letter.body
    assert "Реклама курсов" not in letter.body and "без сводки" not in letter.body
    html = letter.alternatives[0][0]
    assert "Семинар 20 ноября" in html and "Реклама курсов" not in html
    # the author of the own post is not told of it as a new post
    assert "Мой вопрос о портфолио»" not in letter.body.split("новый ответ")[0]


def test_a_second_run_sends_nothing(community, methodist, django_capture_on_commit_callbacks):
    make_post(community, methodist, title="Новость")
    assert _send(django_capture_on_commit_callbacks) == 1
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_nothing_new_means_no_email(community, teacher, django_capture_on_commit_callbacks):
    make_post(community, teacher, title="Только моё")
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_weekly_digest_waits_seven_days(community, methodist, teacher, django_capture_on_commit_callbacks):
    member = CommunityMember.objects.get(community=community, user=teacher)
    services.set_digest(member, "weekly")
    CommunityMember.objects.filter(pk=member.pk).update(last_digest_at=timezone.now() - dt.timedelta(days=3))
    make_post(community, methodist, title="Новость недели")
    assert _send(django_capture_on_commit_callbacks) == 0
    later = timezone.now() + dt.timedelta(days=4, hours=1)
    assert _send(django_capture_on_commit_callbacks, later) == 1
    assert "Новость недели" in mail.outbox[0].body


def test_the_command_reports_in_russian(community, methodist, django_capture_on_commit_callbacks, capsys):
    make_post(community, methodist, title="Новость")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_community_digests")
    assert "Отправлено 1 письмо." in capsys.readouterr().out
