from django.core.management.base import BaseCommand

from innoinfra.plans.models import DueCount
from innoinfra.plans.services import refresh_due_counts


class Command(BaseCommand):
    help = (
        "Пересчитывает сводку сроков планов (открытые сроки по планам и датам) для сводки исполнения: после правок "
        "в обход сервисов — в консоли, массовым update(), прямым SQL."
    )

    def handle(self, *args, **options):
        refresh_due_counts()
        self.stdout.write(f"Сводка сроков пересчитана: строк — {DueCount.objects.count()}.")
