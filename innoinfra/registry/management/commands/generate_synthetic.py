from django.core.management.base import BaseCommand, CommandError

from innoinfra.registry.synthetic import SCALES, generate


class Command(BaseCommand):
    help = "Создаёт синтетический регион для замеров производительности (не для рабочей системы)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=sorted(SCALES), default="small", help="small — для тестов, region — для замеров"
        )
        parser.add_argument("--seed", type=int, default=1, help="одно и то же зерно даёт одни и те же данные")
        parser.add_argument("--replace", action="store_true", help="удалить прежний синтетический регион")

    def handle(self, *args, scale, seed, replace, **options):
        try:
            counts = generate(scale=scale, seed=seed, replace=replace)
        except ValueError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{name} — {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Синтетический регион создан: {summary}."))
