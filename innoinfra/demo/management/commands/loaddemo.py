from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from innoinfra.core import fulltext, site_url
from innoinfra.core.db import analyze
from innoinfra.core.numerals import numeral
from innoinfra.demo.data import accounts as accounts_demo
from innoinfra.demo.data import approbation as approbation_demo
from innoinfra.demo.data import communities as communities_demo
from innoinfra.demo.data import consultations as consultations_demo
from innoinfra.demo.data import effectiveness as effectiveness_demo
from innoinfra.demo.data import events as events_demo
from innoinfra.demo.data import legal as legal_demo
from innoinfra.demo.data import mentoring as mentoring_demo
from innoinfra.demo.data import networks as networks_demo
from innoinfra.demo.data import passports as passports_demo
from innoinfra.demo.data import plans as plans_demo
from innoinfra.demo.data import practice_collections as collections_demo
from innoinfra.demo.data import practices as practices_demo
from innoinfra.demo.data import publications as publications_demo
from innoinfra.demo.data import registry as registry_demo
from innoinfra.demo.data import reports as reports_demo
from innoinfra.demo.data import review as review_demo
from innoinfra.demo.data import showcase as showcase_demo
from innoinfra.events.models import Event
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site
from innoinfra.review.models import Call

DEMO_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Загружает демонстрационные данные (три района из исходных документов). Повторный запуск ничего не дублирует."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="",
            help="Адрес системы в ссылках писем и документов демо-данных; по умолчанию SITE_URL, адрес, по которому "
            f"система открывалась, или {DEMO_URL}.",
        )

    def handle(self, *args, **options):
        # Letters and certificates of the demo carry links; `make run` passes SITE_URL, a bare `loaddemo` on a fresh
        # machine knows no address yet and takes the one `runserver` serves by default.
        origin = options["site_url"] or site_url.known_origin() or DEMO_URL
        with site_url.serving(origin):
            self._load_quietly()
        # the demo is loaded in bulk into a fresh database: give the planner real statistics (outside the transaction,
        # so PostgreSQL also vacuums)
        analyze(apps.get_models())
        self.stdout.write(self.style.SUCCESS(summary()))

    def _load_quietly(self):
        # The demo's actions queue a few hundred letters to demo addresses; with DEBUG's console backend they filled
        # the terminal. They are recorded as usual («Исходящие письма») but delivered into memory.
        # (the transaction closes first, so the letters it queued go out while the override still holds)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            self.load()

    def load(self):
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
        passports_demo.load(registry)
        consultations_demo.load(registry)
        approbation_demo.load(registry)
        networks_demo.load(registry)
        communities_demo.load(registry)
        collections_demo.load(registry)
        showcase_demo.load(registry)
        # objects made in bulk send no signals: the search index is built once over everything
        fulltext.rebuild()


def summary() -> str:
    """One line instead of the letters: what the demo holds and how to sign in."""
    parts = [
        numeral(Organization.objects.count(), ("организация", "организации", "организаций")),
        numeral(Site.objects.count(), ("площадка", "площадки", "площадок")),
        numeral(Call.objects.count(), ("конкурс", "конкурса", "конкурсов")),
        numeral(Event.objects.count(), ("мероприятие", "мероприятия", "мероприятий")),
        numeral(Practice.objects.count(), ("практика", "практики", "практик")),
    ]
    return (
        f"Демо-данные загружены: {', '.join(parts)}. Вход: methodist, orgadmin, expert1 и другие (README), пароль demo."
    )
