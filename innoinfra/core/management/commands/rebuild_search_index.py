from django.core.management.base import BaseCommand

from innoinfra.core import fulltext


class Command(BaseCommand):
    help = "Строит заново индекс общего поиска (после загрузки данных в обход форм, например синтетических)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"Что индексировать: {', '.join(fulltext.SOURCES)}; без — всё.")

    def handle(self, *args, kinds, **options):
        unknown = set(kinds) - set(fulltext.SOURCES)
        if unknown:
            self.stderr.write(f"Неизвестно: {', '.join(sorted(unknown))}.")
            return
        for kind, count in fulltext.rebuild(kinds or None).items():
            self.stdout.write(f"{fulltext.SOURCES[kind].label}: {count}")
