import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from innoinfra.plans.timing import parse_timing


def _period_date(value: str, which: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Неверная дата {which} периода «{value}»: укажите её в виде ГГГГ-ММ-ДД.") from error


class Command(BaseCommand):
    help = "Разбирает текст сроков пункта плана и печатает его даты в пределах периода плана (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("text", help="текст из графы «Сроки», например «май ежегодно»")
        parser.add_argument("--start", required=True, help="начало периода плана, ГГГГ-ММ-ДД")
        parser.add_argument("--end", required=True, help="конец периода плана, ГГГГ-ММ-ДД")

    def handle(self, *args, text, start, end, **options):
        period_start = _period_date(start, "начала")
        period_end = _period_date(end, "окончания")
        if period_end < period_start:
            raise CommandError(
                f"Период плана задан неверно: окончание ({period_end:%d.%m.%Y}) "
                f"раньше начала ({period_start:%d.%m.%Y})."
            )
        result = parse_timing(text, period_start, period_end)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
