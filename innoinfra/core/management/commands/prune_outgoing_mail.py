from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innoinfra.core.mail import prune
from innoinfra.core.numerals import plural as plural_ru


class Command(BaseCommand):
    help = (
        "Удаляет записи об отправленных и неотправленных письмах старше MAIL_KEEP_DAYS дней (в тексте писем — "
        "персональные данные). Запускайте раз в день (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help=f"хранить столько дней (по умолчанию {settings.MAIL_KEEP_DAYS})")

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            raise CommandError("Число дней не может быть отрицательным.")
        deleted = prune(keep_days=days)
        self.stdout.write(f"Удалено {deleted} {plural_ru(deleted, 'письмо,письма,писем')}.")
