"""Practices in the global search: only published ones are public."""

from django.db.models import Prefetch

from innoinfra.core.fulltext import Document, register

from .enums import PracticeState
from .models import Practice, PracticeFile

# the words of the attached documents indexed per practice: enough for any real document, and well under the
# 1 MB a PostgreSQL tsvector may hold
FILES_TEXT_IN_INDEX = 200_000


def _files_text(practice: Practice) -> str:
    """The text of the practice's current files; from the prefetch when `rebuild` made one."""
    files = getattr(practice, "current_files", None)
    if files is None:
        files = PracticeFile.objects.filter(practice=practice, is_current=True).only("text")
    return " ".join(file.text for file in files if file.text)[:FILES_TEXT_IN_INDEX]


def practice_document(practice: Practice) -> Document:
    parts = (
        practice.annotation,
        practice.description,
        practice.keywords,
        practice.authors,
        practice.organization.short_name,
        practice.organization.full_name,
        _files_text(practice),
    )
    return Document(
        title=practice.title,
        body=" ".join(part for part in parts if part),
        url=practice.get_absolute_url(),
        municipality_id=practice.municipality_id,
        updated_at=practice.updated_at,
        is_public=practice.state == PracticeState.PUBLISHED,
    )


register(
    "practice",
    "Практики",
    Practice,
    practice_document,
    lambda: Practice.objects.select_related("organization").prefetch_related(
        Prefetch(
            "files",
            queryset=PracticeFile.objects.filter(is_current=True).only("practice_id", "text"),
            to_attr="current_files",
        )
    ),
)
