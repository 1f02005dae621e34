import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.core.templatetags.ru import plural_ru
from innoinfra.events.services import send_reminders


def _moment(value: str | None) -> dt.datetime:
    if not value:
        return timezone.now()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Неверное время «{value}»: укажите его в виде ГГГГ-ММ-ДДTЧЧ:ММ.") from error
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Напоминает участникам с подтверждённой регистрацией о мероприятиях, которые начнутся в ближайшие сутки. "
        "Запускайте раз в час или раз в день (cron); каждому участнику напоминание уходит один раз."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="считать текущим это время, ГГГГ-ММ-ДДTЧЧ:ММ (для проверки)")

    def handle(self, *args, now, **options):
        sent = send_reminders(_moment(now))
        self.stdout.write(f"Отправлено {sent} {plural_ru(sent, 'напоминание,напоминания,напоминаний')}.")
