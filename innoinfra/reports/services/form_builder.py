"""The form builder: a campaign's form is a copy of a ready form; its items are added, changed, moved and deleted
while the campaign is a draft, never on a ready form."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from innoinfra.core.errors import ServiceError

from ..enums import NUMBER_TYPES, ItemKind, ValueType
from ..models import Campaign, FormItem, ReportForm

ITEM_FIELDS = (
    "kind",
    "title",
    "hint",
    "code",
    "value_type",
    "unit",
    "min_value",
    "max_value",
    "options",
    "required",
    "allowed_types",
)


def copy_form(source: ReportForm, *, title: str | None = None) -> ReportForm:
    form = ReportForm.objects.create(
        title=title or source.title, description=source.description, is_template=False, copied_from=source
    )
    items = list(source.items.order_by("position", "id"))
    for item in items:
        item.pk = None
        item.form = form
    FormItem.objects.bulk_create(items)
    return form


def _check_form_editable(form: ReportForm) -> Campaign | None:
    campaign = Campaign.objects.filter(form=form).first()
    if form.is_template:
        raise ServiceError("Готовую форму не меняют: скопируйте её в кампанию и меняйте копию.")
    if campaign is not None and not campaign.is_draft:
        raise ServiceError("Сбор отчётов уже начат: форму кампании изменить нельзя.")
    return campaign


def _clean_item(item: FormItem) -> None:
    item.title = (item.title or "").strip()
    item.code = (item.code or "").strip()
    if not item.title:
        raise ServiceError("Сформулируйте пункт формы.")
    if item.kind == ItemKind.INDICATOR:
        if item.value_type not in ValueType.values:
            raise ServiceError("Выберите тип значения показателя.")
        if item.value_type == ValueType.CHOICE:
            item.options = [str(o).strip() for o in item.options or [] if str(o).strip()]
            if len(item.options) < 2:
                raise ServiceError("Для выбора из списка укажите хотя бы два варианта ответа.")
        else:
            item.options = []
        if item.value_type not in NUMBER_TYPES:
            item.min_value = item.max_value = None
            item.unit = ""
        elif item.min_value is not None and item.max_value is not None and item.min_value > item.max_value:
            raise ServiceError("Наименьшее допустимое значение больше наибольшего.")
    else:
        item.value_type = ""
        item.unit = ""
        item.min_value = item.max_value = None
        item.options = []
    if item.kind == ItemKind.ATTACHMENT and not item.extensions:
        raise ServiceError("Укажите допустимые типы файлов, например .pdf, .docx.")
    if item.kind != ItemKind.ATTACHMENT:
        item.allowed_types = ""
    if item.code and FormItem.objects.filter(form=item.form, code=item.code).exclude(pk=item.pk).exists():
        raise ServiceError(f"Пункт с кодом «{item.code}» в форме уже есть: коды не повторяются.")


@transaction.atomic
def add_item(form: ReportForm, **fields) -> FormItem:
    _check_form_editable(form)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения пункта так не задаются: {', '.join(sorted(unknown))}.")
    last = FormItem.objects.filter(form=form).aggregate(last=Max("position"))["last"]
    item = FormItem(form=form, position=(last or 0) + 1, **fields)
    _clean_item(item)
    item.save()
    return item


@transaction.atomic
def update_item(item: FormItem, **fields) -> FormItem:
    _check_form_editable(item.form)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise ServiceError(f"Поле «{name}» пункта так не меняется.")
        setattr(item, name, value)
    _clean_item(item)
    item.save()
    return item


@transaction.atomic
def delete_item(item: FormItem) -> None:
    _check_form_editable(item.form)
    item.delete()


@transaction.atomic
def move_item(item: FormItem, direction: str) -> None:
    """Swap with the neighbour above («up») or below («down»); positions are renumbered 1..n on the way."""
    _check_form_editable(item.form)
    items = list(FormItem.objects.select_for_update().filter(form=item.form).order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if target < 0 or target >= len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        other.position = position
    FormItem.objects.bulk_update(items, ["position"])
