"""Publications in the global search."""

from innoinfra.core.fulltext import Document, register

from .models import Publication


def publication(item: Publication) -> Document:
    return Document(
        title=item.title,
        body=" ".join(part for part in (item.get_kind_display(), item.outlet, item.authors, item.summary) if part),
        url=item.get_absolute_url(),
        municipality_id=item.municipality_id,
        updated_at=item.updated_at,
    )


register("publications", "Публикации", Publication, publication)
