import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from innoinfra.core.models import Submission


class Command(BaseCommand):
    help = (
        "Удаляет старые отметки об отправленных формах и запросах с Idempotency-Key: повтор через столько дней "
        "уже не распознаётся как повтор (дубли приказов по-прежнему не даёт ограничение базы)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Сколько дней хранить (по умолчанию 7).")

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days: не меньше 1.")
            return
        deleted, _ = Submission.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=days)).delete()
        self.stdout.write(f"Удалено отметок: {deleted}.")
