"""Practices in the global search: only published ones are public."""

from innoinfra.core.fulltext import Document, register

from .enums import PracticeState
from .models import Practice


def practice_document(practice: Practice) -> Document:
    parts = (
        practice.annotation,
        practice.description,
        practice.keywords,
        practice.authors,
        practice.organization.short_name,
        practice.organization.full_name,
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
    lambda: Practice.objects.select_related("organization"),
)
