"""What several reporting actions share: a locked fresh copy of a row, the indicators the system can fill,
refusing with the errors found."""

from __future__ import annotations

from innoinfra.core.errors import ServiceError

from ..enums import NUMBER_TYPES, ItemKind
from ..facts import FACTS
from ..models import FormItem


def fresh(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def fact_items(form_id: int) -> list[FormItem]:
    return list(
        FormItem.objects.filter(
            form_id=form_id, kind=ItemKind.INDICATOR, value_type__in=NUMBER_TYPES, code__in=list(FACTS)
        )
    )


def raise_errors(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ServiceError(errors)
