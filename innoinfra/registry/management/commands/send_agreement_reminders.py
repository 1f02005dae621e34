from django.core.management.base import BaseCommand

from innoinfra.core.management.mailing import day
from innoinfra.registry.networks import send_agreement_reminders


class Command(BaseCommand):
    help = (
        "Напоминает руководителю ведущей организации и куратору площадки об окончании сетевого соглашения за 30 "
        "и за 7 дней. Запускайте раз в день (cron); повторный запуск ничего не повторяет."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="считать сегодняшней эту дату, ГГГГ-ММ-ДД (для проверки)")

    def handle(self, *args, today, **options):
        found = send_agreement_reminders(today=day(today))
        self.stdout.write(f"Напоминаний об окончании сетевых соглашений: {found['reminders']}.")
        if found["unattended"]:
            self.stdout.write(f"Соглашений площадок без руководителя в системе и без куратора: {found['unattended']}.")
