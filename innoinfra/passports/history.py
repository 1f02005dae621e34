"""The passport's versions as its «История изменений» shows them, and the difference between any two of them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from innoinfra.core.dates import academic_year_label

from .sections import SECTIONS, YEAR_TASKS_LABEL

# Machinery, not content: the version counter (core.versioning) and the editor (shown as the version's author).
NOT_CONTENT = ["version", "updated_by"]


@dataclass
class Version:
    record: object
    number: int
    changed: list[str]


@dataclass
class SectionDiff:
    label: str
    lines: list[tuple[str, str]]  # (" " | "-" | "+", line)


def _labels(fields) -> list[str]:
    names = set(fields)
    labels = [s.label for s in SECTIONS if s.code in names]
    if "year_tasks" in names:
        labels.append(YEAR_TASKS_LABEL)
    return labels


def versions(passport) -> list[Version]:
    """Newest first, each with the sections it changed against the one before (one query for all)."""
    records = list(passport.history.select_related("history_user").order_by("-history_date", "-history_id"))
    result = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is None:
            changed = []
        else:
            delta = record.diff_against(previous, excluded_fields=NOT_CONTENT)
            changed = _labels(change.field for change in delta.changes)
        result.append(Version(record, len(records) - index, changed))
    return result


def _year_texts(record) -> dict[str, str]:
    return {academic_year_label(int(e["year"])): e["text"] for e in record.year_tasks or []}


def _lines(old: str, new: str) -> list[tuple[str, str]]:
    lines = []
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        marker, text = line[:1], line[2:]
        if marker in {" ", "-", "+"}:
            lines.append((marker, text))
    return lines


def compare(older, newer, *, with_private: bool) -> list[SectionDiff]:
    """The sections whose text differs between two versions, line by line (removed «-», added «+»)."""
    diffs = []
    for section in SECTIONS:
        if section.private and not with_private:
            continue
        old, new = getattr(older, section.code), getattr(newer, section.code)
        if old != new:
            diffs.append(SectionDiff(section.label, _lines(old, new)))
    old_years, new_years = _year_texts(older), _year_texts(newer)
    for label in sorted(set(old_years) | set(new_years)):
        if old_years.get(label, "") != new_years.get(label, ""):
            diffs.append(SectionDiff(f"Задачи на {label}", _lines(old_years.get(label, ""), new_years.get(label, ""))))
    return diffs
