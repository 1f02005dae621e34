from django.core.management.base import BaseCommand

from innoinfra.core.management.mailing import day
from innoinfra.core.templatetags.ru import plural_ru
from innoinfra.registry.lifecycle import expire_statuses, send_expiry_reminders


class Command(BaseCommand):
    help = (
        "Завершает статусы площадок, срок которых истёк («Завершена (срок истёк)», с записью в истории), и "
        "напоминает руководителю организации и куратору об окончании срока за 90 и за 30 дней. "
        "Запускайте раз в день (cron); повторный запуск ничего не повторяет."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="считать сегодняшней эту дату, ГГГГ-ММ-ДД (для проверки)")

    def handle(self, *args, today, **options):
        today = day(today)
        expired = expire_statuses(today=today)
        reminders = send_expiry_reminders(today=today)
        n = len(expired)
        self.stdout.write(f"Завершено по истечении срока: {n} {plural_ru(n, 'статус,статуса,статусов')}.")
        self.stdout.write(f"Напоминаний об окончании срока: {reminders['reminders']}.")
        if reminders["unattended"]:
            self.stdout.write(f"Площадок без руководителя в системе и без куратора: {reminders['unattended']}.")
