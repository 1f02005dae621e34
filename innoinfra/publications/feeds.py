"""The news feed of the infrastructure as RSS 2.0 and Atom: what organizations publish about their innovation work,
for the region's portal, a school's site or a reader app."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import queries
from .models import Publication

FEED_SIZE = 30


class PublicationsRss(Feed):
    title = "Публикации об инновационной деятельности"
    description = "Статьи, интервью, видеосюжеты и новости образовательных организаций и инновационных площадок."

    def link(self):
        return reverse("publications:list")

    def items(self):
        return queries.for_list()[:FEED_SIZE]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        parts = [f"{item.get_kind_display()} · {item.outlet} · {item.organization.short_name}"]
        if item.summary:
            parts.append(item.summary)
        return "\n".join(parts)

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication):
        # a publication has a day, not a moment: midnight of that day in the installation's zone
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time()))

    def item_updateddate(self, item: Publication):
        return item.updated_at

    def item_author_name(self, item: Publication) -> str:
        return item.authors or item.organization.short_name

    def item_categories(self, item: Publication):
        return [item.get_kind_display(), item.get_level_display()]


class PublicationsAtom(PublicationsRss):
    feed_type = Atom1Feed
    subtitle = PublicationsRss.description
