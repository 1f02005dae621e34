import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.communities.digests import send_digests
from innoinfra.core.templatetags.ru import plural_ru


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
        "Рассылает участникам сетевых сообществ сводки новых записей и ответов: ежедневные — раз в день, "
        "еженедельные — раз в семь дней. Запускайте раз в день (cron); повторный запуск ничего не отправит."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="считать текущим это время, ГГГГ-ММ-ДДTЧЧ:ММ (для проверки)")

    def handle(self, *args, now, **options):
        sent = send_digests(_moment(now))
        self.stdout.write(f"Отправлено {sent} {plural_ru(sent, 'письмо,письма,писем')}.")
