import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoinfra.core.templatetags.ru import plural_ru
from innoinfra.plans.reminders import send_plan_reminders
from innoinfra.review.reminders import send_review_reminders


def _day(value: str | None) -> dt.date:
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Неверная дата «{value}»: укажите её в виде ГГГГ-ММ-ДД.") from error


class Command(BaseCommand):
    help = (
        "Напоминает ответственным о сроках мероприятий утверждённых планов (о приближающихся и о просроченных), "
        "а экспертам — о сроках экспертизы. "
        "Запускайте раз в день (cron); повторный запуск в тот же день ничего не повторяет."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="за сколько дней до срока напоминать (по умолчанию 7)")
        parser.add_argument("--today", help="считать сегодняшней эту дату, ГГГГ-ММ-ДД (для проверки)")

    def handle(self, *args, days, today, **options):
        if days < 0:
            raise CommandError("Число дней до срока не может быть отрицательным.")
        result = send_plan_reminders(_day(today), days)
        experts = send_review_reminders(_day(today))
        self.stdout.write(f"Напоминаний о сроках: {result['due_soon']}, о просроченных: {result['overdue']}.")
        self.stdout.write(f"Отправлено {result['emails']} {plural_ru(result['emails'], 'письмо,письма,писем')}.")
        if result["unattended"]:
            self.stdout.write(
                f"Без получателя (не указаны ответственные и ответственный за план): {result['unattended']}."
            )
        self.stdout.write(f"Напоминаний экспертам о сроках экспертизы: {experts}.")
