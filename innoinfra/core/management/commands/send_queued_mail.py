from django.core.management.base import BaseCommand

from innoinfra.core.mail import send_due
from innoinfra.core.management.mailing import moment
from innoinfra.core.numerals import plural as plural_ru


class Command(BaseCommand):
    help = (
        "Отправляет письма из очереди, которые ждут: очередную попытку после сбоя почтового сервера или задачу, "
        "потерянную при остановке обработчика. Запускайте каждые 10 минут (cron); обычно письма уходят и без неё."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="считать текущим это время, ГГГГ-ММ-ДДTЧЧ:ММ (для проверки)")

    def handle(self, *args, now, **options):
        outcome = send_due(now=moment(now))
        sent, retry, failed = outcome["sent"], outcome["retry"], outcome["failed"]
        self.stdout.write(
            f"Отправлено {sent} {plural_ru(sent, 'письмо,письма,писем')}; "
            f"отложено до следующей попытки: {retry}; не отправлено: {failed}."
        )
