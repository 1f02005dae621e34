"""Reminders the day before: confirmed participants of events starting within 24 hours get one letter, once."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from innoinfra.events import services
from innoinfra.events.models import Registration

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command, with the letters it queues after commit delivered to mail.outbox."""

    def call(**options):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", stdout=out, **options)
        return out.getvalue()

    return call


def test_confirmed_participants_of_tomorrows_event_are_reminded_once(school, teacher, run):
    tomorrow = make_event(school, starts_in=dt.timedelta(hours=20), capacity=2)
    seated, _other, waiting = sign_up(tomorrow, 3)
    cancelled = services.register(event=tomorrow, full_name="Петров Пётр", email="petr@example.org", consent=True,
                                  user=teacher)
    services.cancel_registration(cancelled)
    sign_up(make_event(school, title="Через неделю", starts_in=dt.timedelta(days=7)), 1, start=10)
    mail.outbox.clear()
    assert run() == "Отправлено 2 напоминания.\n"
    assert sorted(letter.to[0] for letter in mail.outbox) == ["person1@example.org", "person2@example.org"]
    letter = mail.outbox[0]
    assert letter.subject.startswith("Напоминание: «Семинар «Первые шаги к инновациям»»")
    assert "Напоминаем: вы зарегистрированы на мероприятие" in letter.body
    assert f"/events/r/{seated.token}/" in letter.body and "/events/checkin/" in letter.body
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.reminded_at is not None and waiting.reminded_at is None
    mail.outbox.clear()
    assert run() == "Отправлено 0 напоминаний.\n"
    assert mail.outbox == []


def test_an_event_further_than_a_day_or_already_begun_is_not_reminded(school, run):
    event = make_event(school, starts_in=dt.timedelta(hours=30))
    sign_up(event, 1)
    mail.outbox.clear()
    assert run() == "Отправлено 0 напоминаний.\n"
    later = timezone.localtime(event.starts_at - dt.timedelta(hours=5))
    assert run(now=later.strftime("%Y-%m-%dT%H:%M")) == "Отправлено 1 напоминание.\n"
    assert run(now=(event.starts_at + dt.timedelta(minutes=5)).isoformat()) == "Отправлено 0 напоминаний.\n"
    assert len(mail.outbox) == 1


def test_a_registered_account_is_notified_in_the_system_too(school, teacher):
    event = make_event(school, starts_in=dt.timedelta(hours=3))
    services.register(event=event, user=teacher, full_name="Петров Пётр", email="petr@example.org", consent=True)
    services.send_reminders()
    assert teacher.notifications.filter(title__startswith="Напоминание").count() == 1


def test_a_wrong_time_is_refused_in_russian(db, run):
    with pytest.raises(CommandError, match="Неверное время «завтра»"):
        run(now="завтра")
    assert not Registration.objects.exists()
