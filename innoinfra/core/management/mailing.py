"""What the cron-run mailing commands (reminders, digests) share: a `--now` or `--today` to try them at another
moment, a `--days` ahead for deadlines, and the report of how many letters went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.core.numerals import plural as plural_ru


def moment(value: str | None) -> dt.datetime:
    if not value:
        return timezone.now()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Неверное время «{value}»: укажите его в виде ГГГГ-ММ-ДДTЧЧ:ММ.") from error
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


class MailingCommand(BaseCommand):
    """Subclasses name the sending function (moment → letters sent) and the word forms of what they send."""

    send: Callable[[dt.datetime], int]
    forms = "письмо,письма,писем"

    def add_arguments(self, parser):
        parser.add_argument("--now", help="считать текущим это время, ГГГГ-ММ-ДДTЧЧ:ММ (для проверки)")

    def handle(self, *args, now, **options):
        sent = self.send(moment(now))
        self.stdout.write(f"Отправлено {sent} {plural_ru(sent, self.forms)}.")


def day(value: str | None) -> dt.date:
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Неверная дата «{value}»: укажите её в виде ГГГГ-ММ-ДД.") from error


class DeadlineReminderCommand(BaseCommand):
    """Reminders of deadlines some days ahead and of those passed; subclasses write `remind(day, days)`."""

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="за сколько дней до срока напоминать (по умолчанию 7)")
        parser.add_argument("--today", help="считать сегодняшней эту дату, ГГГГ-ММ-ДД (для проверки)")

    def handle(self, *args, days, today, **options):
        if days < 0:
            raise CommandError("Число дней до срока не может быть отрицательным.")
        self.remind(day(today), days)

    def remind(self, today: dt.date, days: int) -> None:
        raise NotImplementedError
