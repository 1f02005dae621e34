"""Compiling a collection of best practice and building it as a book (DOCX, PDF) in the background."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.practices.enums import PracticeState
from innoinfra.practices.models import Practice

from .models import BuildFormat, BuildState, Collection, CollectionBuild, CollectionEntry, CollectionState

MAX_ENTRIES = 500


def _clean(text: str, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ServiceError("Укажите год выпуска сборника.") from None
    if not 2000 <= year <= timezone.localdate().year + 2:
        raise ServiceError("Год выпуска сборника указан неверно.")
    return year


@transaction.atomic
def create_collection(*, municipality, title: str, subtitle: str = "", year=None, preface: str = "", by=None):
    title = _clean(title, 500)
    if not title:
        raise ServiceError("Укажите название сборника.")
    return Collection.objects.create(
        municipality=municipality,
        title=title,
        subtitle=_clean(subtitle, 500),
        year=_check_year(year if year is not None else timezone.localdate().year),
        preface=(preface or "").strip(),
        created_by=by,
    )


@transaction.atomic
def update_collection(collection: Collection, *, title: str, subtitle: str = "", year=None, preface: str = "", by=None):
    title = _clean(title, 500)
    if not title:
        raise ServiceError("Укажите название сборника.")
    collection.title = title
    collection.subtitle = _clean(subtitle, 500)
    collection.year = _check_year(year if year is not None else collection.year)
    collection.preface = (preface or "").strip()
    collection.save()
    return collection


@transaction.atomic
def set_published(collection: Collection, published: bool, *, by=None) -> Collection:
    if published and not collection.entries.exists():
        raise ServiceError("В сборнике нет ни одной практики: опубликовать нечего.")
    collection.state = CollectionState.PUBLISHED if published else CollectionState.DRAFT
    collection.save(update_fields=["state", "updated_at"])
    return collection


@transaction.atomic
def add_practices(collection: Collection, practice_ids: Iterable, *, by=None) -> int:
    """Add published practices (one, or all results of a catalogue search) at the end; returns how many were
    added. Those already in the collection are skipped; an unpublished one is refused."""
    ids = []
    for raw in practice_ids:
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            raise ServiceError("Неверный номер практики.") from None
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise ServiceError("Выберите практики для сборника.")
    practices = {p.pk: p for p in Practice.objects.filter(pk__in=ids)}
    for pk in ids:
        practice = practices.get(pk)
        if practice is None:
            raise ServiceError("Практика не найдена.")
        if practice.state != PracticeState.PUBLISHED:
            raise ServiceError(f"Практика «{practice.title}» не опубликована: в сборник входят только опубликованные.")
    Collection.objects.select_for_update().filter(pk=collection.pk).first()
    present = set(collection.entries.values_list("practice_id", flat=True))
    new = [pk for pk in ids if pk not in present]
    if len(present) + len(new) > MAX_ENTRIES:
        raise ServiceError(f"В сборнике может быть не больше {MAX_ENTRIES} практик.")
    position = collection.entries.aggregate(last=Max("position"))["last"] or 0
    CollectionEntry.objects.bulk_create(
        CollectionEntry(collection=collection, practice_id=pk, position=position + n) for n, pk in enumerate(new, 1)
    )
    return len(new)


def add_by_number(collection: Collection, registry_number: str, *, by=None) -> int:
    number = "".join((registry_number or "").split())
    practice = Practice.objects.filter(registry_number__iexact=number).first() if number else None
    if practice is None:
        raise ServiceError(f"Практики с номером «{number}» в банке данных нет.")
    return add_practices(collection, [practice.pk], by=by)


@transaction.atomic
def move(entry: CollectionEntry, step: int) -> CollectionEntry:
    """Swap the entry with its neighbour above (step −1) or below (+1)."""
    entries = list(entry.collection.entries.select_for_update().order_by("position", "id"))
    index = next(n for n, e in enumerate(entries) if e.pk == entry.pk)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(entries):
        raise ServiceError("Дальше двигать некуда.")
    entries[index], entries[other] = entries[other], entries[index]
    for position, item in enumerate(entries, 1):
        item.position = position
    CollectionEntry.objects.bulk_update(entries, ["position"])
    return entry


@transaction.atomic
def remove(entry: CollectionEntry) -> None:
    entry.delete()


# ---------------------------------------------------------------- building


def ordered_practices(collection: Collection) -> list[Practice]:
    return [
        entry.practice
        for entry in collection.entries.select_related("practice__organization", "practice__municipality").order_by(
            "position", "id"
        )
    ]


def latest_builds(collection: Collection) -> dict[str, CollectionBuild]:
    """The newest finished build of each format (what the download links give) — for the page."""
    found: dict[str, CollectionBuild] = {}
    for build in collection.builds.filter(state=BuildState.DONE).exclude(file=""):
        found.setdefault(build.format, build)
    return found


def current_builds(collection: Collection) -> list[CollectionBuild]:
    """The newest build of each format, whatever its state — the progress bars."""
    found: dict[str, CollectionBuild] = {}
    for build in collection.builds.all()[:20]:
        found.setdefault(build.format, build)
    return [found[f] for f in BuildFormat.values if f in found]
