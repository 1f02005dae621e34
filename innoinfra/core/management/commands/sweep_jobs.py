from django.core.management.base import BaseCommand

from innoinfra.core import jobs


class Command(BaseCommand):
    help = (
        "Завершает с ошибкой фоновые задачи (выгрузки, выдачи сертификатов, сборки сборников), от которых больше "
        "BACKGROUND_JOB_STALE_MINUTES минут нет признаков жизни, и удаляет их недоделанные файлы, чтобы их можно "
        "было запустить снова. Запускайте по расписанию (cron или таймер systemd), например раз в 5 минут."
    )

    def handle(self, *args, **options):
        swept = jobs.sweep()
        self.stdout.write(f"Прерванных задач завершено: {swept}.")
