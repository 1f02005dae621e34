"""Collections of best practice in the API: published ones to anyone, drafts to the methodists compiling them."""

from __future__ import annotations

from django.db.models import Prefetch

from innoinfra.core.drf import ReadOnly

from .models import BuildState, CollectionBuild, CollectionEntry
from .queries import visible_collections
from .serializers import CollectionSerializer


class CollectionViewSet(ReadOnly):
    serializer_class = CollectionSerializer

    def get_queryset(self):
        entries = CollectionEntry.objects.select_related("practice__organization").order_by("position", "id")
        builds = CollectionBuild.objects.filter(state=BuildState.DONE).order_by("-created_at", "-id")
        return (
            visible_collections(self.request.user)
            .select_related("municipality")
            .prefetch_related(Prefetch("entries", queryset=entries), Prefetch("builds", queryset=builds))
            .order_by("-year", "-id")
        )
