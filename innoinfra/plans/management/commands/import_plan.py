import json

from django.core.management.base import BaseCommand, CommandError

from innoinfra.core.errors import ServiceError
from innoinfra.plans import services
from innoinfra.plans.enums import PlanKind
from innoinfra.plans.word_import import read_plan_file


def _message(error: ServiceError) -> str:
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Читает план из файла Word (.docx) или Excel (.xlsx). С --dry-run только показывает, что разобрано "
        "(с --json — в формате JSON); без него создаёт проект плана владельца --owner."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="путь к файлу плана: .docx, .xlsx, .doc, .odt или .ods")
        parser.add_argument("--dry-run", action="store_true", help="только разобрать файл, ничего не сохраняя")
        parser.add_argument("--json", action="store_true", dest="as_json", help="напечатать разобранный план в JSON")
        parser.add_argument(
            "--owner",
            help="владелец плана: municipality:<название или номер>, organization:<краткое наименование или номер>, "
            "site:<номер>",
        )
        parser.add_argument("--kind", choices=PlanKind.values, default=PlanKind.EVENT_PLAN, help="вид плана")

    def handle(self, *args, file, dry_run, as_json, owner, kind, **options):
        parsed = self._read(file)
        if dry_run:
            self._print(parsed, as_json=as_json)
            return
        if not owner:
            raise CommandError(
                "Укажите владельца плана: --owner municipality:<название>, organization:<…> или site:<…>."
            )
        try:
            plan = services.create_plan_from_parsed(parsed, owner=services.resolve_owner(owner), kind=kind, user=None)
        except ServiceError as error:
            raise CommandError(_message(error)) from error
        self._print(parsed, as_json=as_json, plan=plan)

    def _read(self, path: str):
        try:
            return read_plan_file(path, path)
        except FileNotFoundError as error:
            raise CommandError(f"Файл «{path}» не найден.") from error
        except ServiceError as error:
            raise CommandError(_message(error)) from error

    def _print(self, parsed, *, as_json: bool, plan=None) -> None:
        if as_json:
            contract = parsed.as_contract()
            if plan is not None:
                contract = {"id": plan.pk, **contract}
            self.stdout.write(json.dumps(contract, ensure_ascii=False))
            return
        self.stdout.write(f"Разобрано: разделов — {len(parsed.sections)}, пунктов — {parsed.item_count}.")
        if parsed.title:
            self.stdout.write(f"Название: {parsed.title}")
        for warning in parsed.warnings:
            self.stdout.write(f"Внимание: {warning}")
        if plan is not None:
            self.stdout.write(f"Создан проект плана № {plan.pk}: «{plan.title}».")
