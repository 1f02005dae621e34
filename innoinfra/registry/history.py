"""Readable change history of registry objects, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    kind: str
    reason: str
    changes: list[Change]


KINDS = {"+": "создание", "~": "изменение", "-": "удаление"}


def _display(record, field_name):
    field = record._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if field.is_relation:
        try:
            related = getattr(record, field_name)
        except Exception:  # the related row may have been deleted since
            return f"#{value}" if value else ""
        return str(related) if related else ""
    return "" if value is None else str(value)


def _m2m_display(field, rows) -> str:
    """m2m history rows are dicts of the through table's keys; show the related objects' names."""
    key = field.related_model._meta.model_name
    ids = [row.get(key) for row in rows or () if row.get(key) is not None]
    labels = sorted(str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids))
    return "; ".join(labels)


def history_entries(obj, limit: int = 200) -> list[HistoryEntry]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            # The version is the machinery of edit conflicts (core.versioning), not a change a reader cares about.
            delta = record.diff_against(previous, excluded_fields=["version"])
            for change in delta.changes:
                source_field = obj._meta.get_field(change.field)
                if source_field.many_to_many:
                    changes.append(
                        Change(
                            str(source_field.verbose_name),
                            _m2m_display(source_field, change.old),
                            _m2m_display(source_field, change.new),
                        )
                    )
                    continue
                changes.append(
                    Change(
                        str(source_field.verbose_name), _display(previous, change.field), _display(record, change.field)
                    )
                )
        entries.append(
            HistoryEntry(
                record.history_date,
                record.history_user,
                KINDS.get(record.history_type, ""),
                record.history_change_reason or "",
                changes,
            )
        )
    return entries
