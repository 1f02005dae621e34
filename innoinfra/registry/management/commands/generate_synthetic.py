from django.core.management.base import BaseCommand, CommandError

from innoinfra.registry.synthetic import SCALES, generate


class Command(BaseCommand):
    help = "Создаёт синтетический регион для замеров производительности (не для рабочей системы)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true", help="удалить прежний синтетический регион")

    def handle(self, *args, scale, seed, replace, **options):
        try:
            counts = generate(scale=scale, seed=seed, replace=replace)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Создано: " + ", ".join(f"{k}: {v}" for k, v in counts.items())))
