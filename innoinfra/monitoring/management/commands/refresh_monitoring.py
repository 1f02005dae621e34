from django.core.management.base import BaseCommand

from innoinfra.monitoring import snapshots


class Command(BaseCommand):
    help = (
        "Заранее рассчитывает сводки мониторинга текущего учебного года для всей системы и каждого муниципалитета "
        "(например, ночью после загрузок), чтобы панели открывались сразу."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="первый год учебного года (2025 — 2025/2026); по умолчанию текущий"
        )

    def handle(self, *args, year=None, **options):
        count = snapshots.refresh(year)
        self.stdout.write(self.style.SUCCESS(f"Сводок мониторинга рассчитано: {count}."))
