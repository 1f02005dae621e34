"""What the cron-run mailing commands (reminders, digests) share: a `--now` to try them at another moment, and the
report of how many letters went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.core.templatetags.ru import plural_ru


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
