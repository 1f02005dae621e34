"""Materials of a practice: documents, presentations, video links.

A file is attached or replaced only while the practice is a draft or back for revision: what the moderator
published is what readers get. A replaced file stays as the previous version, still downloadable. The text of a
DOCX, PDF or TXT is extracted on upload, so that the search finds the practice by what its documents say."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from innoinfra.core import fulltext
from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import PRACTICE_FILES, checked_material

from .enums import EDITABLE_STATES
from .extraction import extract_text
from .models import Practice, PracticeFile

FILE_TYPES = PRACTICE_FILES.extensions
NOT_EDITABLE = (
    "Материалы меняются, только пока практика — черновик или возвращена на доработку. "
    "Чтобы обновить материалы опубликованной практики, нужна её новая редакция."
)


def _locked(practice: Practice) -> Practice:
    """The practice row locked for the transaction, its state checked afresh."""
    fresh = Practice.objects.select_for_update().get(pk=practice.pk)
    if fresh.state not in EDITABLE_STATES:
        raise ServiceError(NOT_EDITABLE)
    return fresh


def _reindex(practice: Practice) -> None:
    # The search entry is rewritten directly rather than through practice.save(): a save would write a history
    # record and move updated_at (the catalogue's «recently changed» order) though the description did not change.
    pk = practice.pk
    transaction.on_commit(
        lambda: fulltext.index(Practice.objects.select_related("organization").filter(pk=pk), "practice"),
        robust=True,
    )


def _fill(row: PracticeFile, *, title: str | None = None, file, url: str, by) -> PracticeFile:
    """Put the file (through the upload gate, its text extracted) or the link into a new row and save it."""
    title, url = checked_material(title=title, file=file, url=url, purpose=PRACTICE_FILES)
    if title is not None:
        row.title = title[:300]
    if file:
        name = Path(file.name).name
        row.text, row.extraction_note = extract_text(file, name)
        row.size = file.size
        row.file = file
    else:
        row.url = url
    row.uploaded_by = by if by is not None and by.is_authenticated else None
    row.uploaded_at = timezone.now()
    row.save()
    return row


@transaction.atomic
def attach_file(practice: Practice, *, title: str, file=None, url: str = "", by=None) -> PracticeFile:
    practice = _locked(practice)
    row = _fill(PracticeFile(practice=practice), title=title or "", file=file, url=url, by=by)
    _reindex(practice)
    return row


@transaction.atomic
def replace_file(old: PracticeFile, *, file=None, url: str = "", by=None) -> PracticeFile:
    """A new version of the material; the old one stays, no longer current."""
    _locked(old.practice)
    old = PracticeFile.objects.select_for_update().get(pk=old.pk)
    if not old.is_current:
        raise ServiceError("Заменить можно только действующую версию материала.")
    new = PracticeFile(practice_id=old.practice_id, title=old.title, replaces=old)
    old.is_current = False
    old.save(update_fields=["is_current"])
    _fill(new, file=file, url=url, by=by)
    _reindex(old.practice)
    return new


def versions_of(row: PracticeFile) -> list[PracticeFile]:
    """The row and every version it replaced, newest first."""
    chain = [row]
    while chain[-1].replaces_id:
        chain.append(PracticeFile.objects.get(pk=chain[-1].replaces_id))
    return chain


@transaction.atomic
def remove_file(file: PracticeFile, by=None) -> None:
    """The material with all its earlier versions; the stored files go once the deletion is committed."""
    _locked(file.practice)
    row = PracticeFile.objects.select_for_update().get(pk=file.pk)
    if not row.is_current:
        raise ServiceError("Удалить можно только действующую версию материала.")
    doomed = versions_of(row)
    stored = [(version.file.storage, version.file.name) for version in doomed if version.file]
    for version in doomed:  # newest first: nothing is left pointing at a deleted row
        version.delete()
    for storage, name in stored:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name), robust=True)
    _reindex(row.practice)


# One UPDATE is atomic by itself: no transaction (and no savepoint queries on every page view).
def count_download(row: PracticeFile) -> None:
    """A reader took a material of a published practice; like a page view, a plain UPDATE without history."""
    if row.practice.is_published:
        PracticeFile.objects.filter(pk=row.pk).update(downloads=F("downloads") + 1)
