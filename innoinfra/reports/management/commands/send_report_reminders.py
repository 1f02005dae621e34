from innoinfra.core.management.mailing import DeadlineReminderCommand
from innoinfra.reports.reminders import send_report_reminders


class Command(DeadlineReminderCommand):
    help = (
        "Напоминает руководителям организаций о непредставленных отчётах: за несколько дней до срока и после него. "
        "Запускайте раз в день (cron); повторный запуск ничего не повторяет."
    )

    def remind(self, today, days):
        result = send_report_reminders(today, days)
        self.stdout.write(
            f"Напоминаний о сроке отчёта: {result['due_soon']}, о просроченных отчётах: {result['overdue']}."
        )
        if result["unattended"]:
            self.stdout.write(f"Отчётов без руководителя организации в системе: {result['unattended']}.")
