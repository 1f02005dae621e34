"""Publications for the feed, the catalogue and the counts the reports and monitoring take."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from innoinfra.core.search import filter_by_text

from .enums import PublicationLevel
from .models import Publication


def for_list() -> QuerySet[Publication]:
    return Publication.objects.select_related("organization", "municipality", "site", "practice").order_by(
        "-published_on", "-id"
    )


def filter_publications(publications: QuerySet[Publication], params: dict) -> QuerySet[Publication]:
    for name in ("kind", "level", "organization", "municipality", "site", "practice"):
        if params.get(name):
            publications = publications.filter(**{name: params[name]})
    if params.get("year"):
        publications = publications.filter(
            published_on__gte=dt.date(params["year"], 1, 1), published_on__lt=dt.date(params["year"] + 1, 1, 1)
        )
    if params.get("q"):
        publications = filter_by_text(publications, params["q"])
    return publications


def latest(limit: int = 5) -> list[Publication]:
    """The news feed of the infrastructure: the newest publications of every organization."""
    return list(for_list()[:limit])


def counts_by_level(publications: QuerySet[Publication] | None = None, *, start=None, end=None) -> dict[str, int]:
    """How many publications of each level (every level present, zero where none) between two dates inclusive:
    what a site report's «трансляционная деятельность» and the monitoring panel count."""
    publications = Publication.objects.all() if publications is None else publications
    if start is not None:
        publications = publications.filter(published_on__gte=start)
    if end is not None:
        publications = publications.filter(published_on__lte=end)
    counted = dict(publications.order_by().values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    return {level: counted.get(level, 0) for level in PublicationLevel.values}
