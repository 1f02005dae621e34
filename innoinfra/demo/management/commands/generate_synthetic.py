from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from innoinfra.core import fulltext
from innoinfra.core.db import analyze, models_of
from innoinfra.demo.synthetic.events import delete_events, generate_events
from innoinfra.demo.synthetic.legal import delete_legal, generate_legal
from innoinfra.demo.synthetic.plans import delete_plans, generate_plans
from innoinfra.demo.synthetic.practices import delete_practices, generate_practices
from innoinfra.demo.synthetic.registry import REGION_NAME, generate
from innoinfra.demo.synthetic.reports import delete_reports, generate_reports
from innoinfra.demo.synthetic.review import delete_reviews, generate_reviews
from innoinfra.demo.synthetic.scale import parse as parse_scale
from innoinfra.registry import mapgrid

# Every app the generator fills (core holds the search index); their statistics are refreshed after the load.
LOADED_APPS = ("reference", "registry", "plans", "review", "events", "reports", "practices", "legal", "core")


class Command(BaseCommand):
    help = "Создаёт синтетический регион для замеров производительности (не для рабочей системы)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            default="small",
            help="small — для тестов, region — для замеров, целое N — в N раз больше региона (1 — то же, что region)",
        )
        parser.add_argument("--seed", type=int, default=1, help="одно и то же зерно даёт одни и те же данные")
        parser.add_argument("--replace", action="store_true", help="удалить прежний синтетический регион")

    def handle(self, *args, scale, seed, replace, **options):
        try:
            scale = parse_scale(scale)
            with transaction.atomic():
                if replace:
                    # plans, applications and events hold on to the territory the registry part deletes
                    delete_reports(REGION_NAME)
                    delete_events(REGION_NAME)
                    delete_reviews(REGION_NAME)
                    delete_plans(REGION_NAME)
                    delete_practices(REGION_NAME)
                    delete_legal(REGION_NAME)
                counts = generate(scale=scale, seed=seed, replace=replace)
                counts |= generate_plans(REGION_NAME, scale=scale, seed=seed)
                counts |= generate_reviews(REGION_NAME, scale=scale, seed=seed)
                counts |= generate_events(REGION_NAME, scale=scale, seed=seed)
                counts |= generate_reports(REGION_NAME, scale=scale, seed=seed)
                counts |= generate_practices(REGION_NAME, scale=scale, seed=seed)
                counts |= generate_legal(REGION_NAME, scale=scale, seed=seed)
            # made in bulk, without signals: the global search learns of them here
            fulltext.rebuild(["site", "organization", "practice", "legal"])
            # hundreds of thousands of rows arrived at once: the planner must not go on treating the tables as empty
            analyze(models_of(*LOADED_APPS))
            # nor the map its old summary (bulk writes send no signals)
            mapgrid.refresh()
        except ValueError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{name} — {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Синтетический регион создан: {summary}."))
