"""Answers to a report's items: parsed and checked one by one, stored (files included), and what is still missing
before the report can be submitted."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from innoinfra.core.uploads import ATTACHMENTS, check_upload

from ..enums import NUMBER_TYPES, ValueType
from ..models import Answer, FormItem, Report, format_number
from ._common import raise_errors


def field_name(item: FormItem) -> str:
    return f"item_{item.pk}"


def parse_value(item: FormItem, raw) -> dict:
    """The stored form of one answer (text / number / flag); raises ValidationError with a Russian message."""
    if item.is_section:
        return {"text": str(raw or "").strip()}
    raw = "" if raw is None else raw
    if item.value_type == ValueType.BOOLEAN:
        if raw in (True, False):
            return {"flag": raw}
        value = str(raw).strip().lower()
        if value in ("", "none"):
            return {"flag": None}
        if value in ("yes", "true", "1", "да"):
            return {"flag": True}
        if value in ("no", "false", "0", "нет"):
            return {"flag": False}
        raise ValidationError(f"«{item.title}»: ответьте «да» или «нет».")
    if item.value_type == ValueType.CHOICE:
        value = str(raw).strip()
        if value and value not in item.options:
            raise ValidationError(f"«{item.title}»: выберите один из вариантов ответа.")
        return {"text": value}
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return {"number": None}
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(f"«{item.title}»: введите число.")
    if item.value_type == ValueType.INTEGER and number != number.to_integral_value():
        raise ValidationError(f"«{item.title}»: введите целое число.")
    if abs(number) >= Decimal("1e10"):
        raise ValidationError(f"«{item.title}»: слишком большое число.")
    check_range(item, number)
    return {"number": number}


def check_range(item: FormItem, number: Decimal) -> None:
    unit = f" {item.unit}" if item.unit else ""

    def refuse(words: str, bound) -> None:
        message = f"«{item.title}»: значение не может быть {words} {format_number(bound, item.value_type)}{unit}"
        raise ValidationError(message if message.endswith(".") else f"{message}.")

    if item.min_value is not None and number < item.min_value:
        refuse("меньше", item.min_value)
    if item.max_value is not None and number > item.max_value:
        refuse("больше", item.max_value)


def store_answers(report: Report, values: dict, files: dict) -> None:
    """values and files are keyed by item id; an item not mentioned keeps its answer."""
    items = {item.pk: item for item in FormItem.objects.filter(form_id=report.campaign.form_id)}
    existing = {answer.item_id: answer for answer in Answer.objects.filter(report=report)}
    errors: dict[str, list[str]] = {}
    parsed = {}
    for key, raw in values.items():
        item = items.get(int(key))
        if item is None or item.is_attachment:
            continue
        try:
            parsed[item.pk] = parse_value(item, raw)
        except ValidationError as error:
            errors.setdefault(field_name(item), []).extend(error.messages)
    uploads = {}
    for key, upload in files.items():
        item = items.get(int(key))
        if item is None or not item.is_attachment or not upload:
            continue
        try:
            check_upload(upload, purpose=ATTACHMENTS.narrowed(item.extensions))
        except ValidationError as error:
            errors.setdefault(field_name(item), []).extend(f"«{item.title}»: {m}" for m in error.messages)
        uploads[item.pk] = upload
    raise_errors(errors)
    new, changed = [], []
    for item_id, stored in parsed.items():
        answer = existing.get(item_id) or Answer(report=report, item_id=item_id)
        answer.text, answer.number, answer.flag = stored.get("text", ""), stored.get("number"), stored.get("flag")
        (changed if answer.pk else new).append(answer)
    Answer.objects.bulk_create(new)
    if changed:
        Answer.objects.bulk_update(changed, ["text", "number", "flag"])
    for item_id, upload in uploads.items():
        answer = existing.get(item_id) or Answer(report=report, item_id=item_id)
        answer.file = upload
        answer.save()


def missing_answers(report: Report) -> dict[str, list[str]]:
    """What stops the report from being submitted: unanswered required items, numbers out of range."""
    items = list(FormItem.objects.filter(form_id=report.campaign.form_id).order_by("position", "id"))
    answers = {answer.item_id: answer for answer in Answer.objects.filter(report=report)}
    errors: dict[str, list[str]] = {}
    for item in items:
        answer = answers.get(item.pk)
        if answer is None or answer.is_empty:
            if item.required:
                if item.is_attachment:
                    message = f"«{item.title}»: приложите файл."
                elif item.is_section:
                    message = f"«{item.title}»: раздел не заполнен."
                else:
                    message = f"«{item.title}»: укажите значение."
                errors[field_name(item)] = [message]
            continue
        if item.is_indicator and item.value_type in NUMBER_TYPES and answer.number is not None:
            try:
                check_range(item, answer.number)
            except ValidationError as error:
                errors[field_name(item)] = error.messages
    return errors
