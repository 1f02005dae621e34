from innoinfra.core.management.mailing import DeadlineReminderCommand
from innoinfra.core.numerals import plural as plural_ru
from innoinfra.plans.reminders import send_plan_reminders
from innoinfra.review.reminders import send_review_reminders


class Command(DeadlineReminderCommand):
    # One daily command for both kinds of deadline, as the cron line in docs/deploy.md has it; it lives in
    # review, the higher of the two apps it serves, so that plans never import the review engine.
    help = (
        "Напоминает ответственным о сроках мероприятий утверждённых планов (о приближающихся и о просроченных), "
        "а экспертам — о сроках экспертизы. "
        "Запускайте раз в день (cron); повторный запуск в тот же день ничего не повторяет."
    )

    def remind(self, today, days):
        result = send_plan_reminders(today, days)
        experts = send_review_reminders(today)
        self.stdout.write(f"Напоминаний о сроках: {result['due_soon']}, о просроченных: {result['overdue']}.")
        self.stdout.write(f"Отправлено {result['emails']} {plural_ru(result['emails'], 'письмо,письма,писем')}.")
        if result["unattended"]:
            self.stdout.write(
                f"Без получателя (не указаны ответственные и ответственный за план): {result['unattended']}."
            )
        self.stdout.write(f"Напоминаний экспертам о сроках экспертизы: {experts}.")
