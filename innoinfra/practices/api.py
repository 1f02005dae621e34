"""The data bank in the API: published practices only, to anyone, with the catalogue's own filters."""

from __future__ import annotations

from django.db.models import Prefetch

from innoinfra.registry.api import FormFilteredMixin, ReadOnly
from innoinfra.registry.models import Direction

from . import queries
from .forms import PracticeFilterForm
from .serializers import PracticeSerializer


class PracticeViewSet(FormFilteredMixin, ReadOnly):
    serializer_class = PracticeSerializer
    filter_form = PracticeFilterForm
    filter_function = staticmethod(queries.filter_practices)

    def get_queryset(self):
        return queries.published().prefetch_related(Prefetch("directions", queryset=Direction.objects.only("id")))
