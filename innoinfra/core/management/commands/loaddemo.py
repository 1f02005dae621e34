from django.core.management.base import BaseCommand
from django.db import transaction

from innoinfra.core import fulltext


class Command(BaseCommand):
    help = (
        "Загружает демонстрационные данные (три района из исходных документов). Повторный запуск ничего не дублирует."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        from innoinfra.accounts import demo as accounts_demo
        from innoinfra.communities import demo as communities_demo
        from innoinfra.effectiveness import demo as effectiveness_demo
        from innoinfra.events import demo as events_demo
        from innoinfra.legal import demo as legal_demo
        from innoinfra.mentoring import demo as mentoring_demo
        from innoinfra.plans import demo as plans_demo
        from innoinfra.practice_collections import demo as collections_demo
        from innoinfra.practices import demo as practices_demo
        from innoinfra.registry import demo as registry_demo
        from innoinfra.reports import demo as reports_demo
        from innoinfra.review import demo as review_demo

        registry = registry_demo.load()
        accounts_demo.load(registry)
        plans_demo.load(registry)
        review_demo.load(registry)
        events_demo.load(registry)
        mentoring_demo.load(registry)
        reports_demo.load(registry)
        effectiveness_demo.load(registry)
        legal_demo.load(registry)
        practices_demo.load(registry)
        communities_demo.load(registry)
        collections_demo.load(registry)
        # objects made in bulk send no signals: the search index is built once over everything
        fulltext.rebuild()
        self.stdout.write(self.style.SUCCESS("Демонстрационные данные загружены. Вход: methodist / demo."))
