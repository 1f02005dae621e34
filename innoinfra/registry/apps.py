from django.apps import AppConfig

from innoinfra.core.public_cache import bump_on_change
from innoinfra.core.signals import on_change


class RegistryConfig(AppConfig):
    name = "innoinfra.registry"
    verbose_name = "Реестр инновационной инфраструктуры"

    def ready(self):
        from innoinfra.reference.models import Organization  # the map counts organizations by their coordinates

        from . import (
            mapgrid,
            search_index,  # noqa: F401 — registers the app's objects with the global search
        )
        from .models import MapCell, MapGrid, Site, SiteParticipant, SiteStateChange

        # any change of the app's records makes its cached public pages stale (core.public_cache); the map's summary
        # is derived data (written without signals anyway, registry.mapgrid)
        bump_on_change([m for m in self.get_models() if m not in (MapCell, MapGrid)], "registry")
        # the facts the map's summary counts (registry.mapgrid)
        on_change([Organization, Site, SiteParticipant, SiteStateChange], mapgrid.mark_stale, name="map-grid")
