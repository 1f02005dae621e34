"""The data bank in the API: published practices only, to anyone, with the catalogue's own filters."""

from __future__ import annotations

from django.db.models import Max, Prefetch

from innoinfra.core.drf import FormFilteredMixin, ReadOnly
from innoinfra.reference.models import Direction

from . import queries
from .forms import PracticeFilterForm
from .models import PracticeVersion
from .serializers import PracticeDetailSerializer, PracticeSerializer


class PracticeViewSet(FormFilteredMixin, ReadOnly):
    serializer_class = PracticeSerializer
    filter_form = PracticeFilterForm
    filter_function = staticmethod(queries.filter_practices)

    def get_serializer_class(self):
        return PracticeDetailSerializer if self.action == "retrieve" else PracticeSerializer

    def get_queryset(self):
        practices = (
            queries.published()
            .annotate(edition_number=Max("versions__number"))
            .prefetch_related(Prefetch("directions", queryset=Direction.objects.only("id")))
        )
        if self.action == "retrieve":
            practices = practices.prefetch_related(Prefetch("versions", queryset=PracticeVersion.objects.all()))
        return practices
