from django.core.management.base import BaseCommand
from django.db import transaction

from innoinfra.core import fulltext
from innoinfra.demo.data import accounts as accounts_demo
from innoinfra.demo.data import communities as communities_demo
from innoinfra.demo.data import consultations as consultations_demo
from innoinfra.demo.data import effectiveness as effectiveness_demo
from innoinfra.demo.data import events as events_demo
from innoinfra.demo.data import legal as legal_demo
from innoinfra.demo.data import mentoring as mentoring_demo
from innoinfra.demo.data import plans as plans_demo
from innoinfra.demo.data import practice_collections as collections_demo
from innoinfra.demo.data import practices as practices_demo
from innoinfra.demo.data import publications as publications_demo
from innoinfra.demo.data import registry as registry_demo
from innoinfra.demo.data import reports as reports_demo
from innoinfra.demo.data import review as review_demo


class Command(BaseCommand):
    help = (
        "Загружает демонстрационные данные (три района из исходных документов). Повторный запуск ничего не дублирует."
    )

    @transaction.atomic
    def handle(self, *args, **options):
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
        publications_demo.load(registry)
        consultations_demo.load(registry)
        communities_demo.load(registry)
        collections_demo.load(registry)
        # objects made in bulk send no signals: the search index is built once over everything
        fulltext.rebuild()
        self.stdout.write(self.style.SUCCESS("Демонстрационные данные загружены. Вход: methodist / demo."))
