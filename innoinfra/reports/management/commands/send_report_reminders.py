import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.reports.reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "Напоминает руководителям организаций о непредставленных отчётах: за несколько дней до срока и после него. "
        "Запускайте раз в день (cron); повторный запуск ничего не повторяет."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="за сколько дней до срока напоминать (по умолчанию 7)")
        parser.add_argument("--today", help="считать сегодняшней эту дату, ГГГГ-ММ-ДД (для проверки)")

    def handle(self, *args, days, today, **options):
        if days < 0:
            raise CommandError("Число дней до срока не может быть отрицательным.")
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Неверная дата «{today}»: укажите её в виде ГГГГ-ММ-ДД.") from error
        result = send_report_reminders(day, days)
        self.stdout.write(
            f"Напоминаний о сроке отчёта: {result['due_soon']}, о просроченных отчётах: {result['overdue']}."
        )
        if result["unattended"]:
            self.stdout.write(f"Отчётов без руководителя организации в системе: {result['unattended']}.")
