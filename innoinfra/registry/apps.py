from django.apps import AppConfig

from innoinfra.core.options import register_options_url
from innoinfra.core.public_cache import bump_on_change
from innoinfra.core.signals import on_change


class RegistryConfig(AppConfig):
    name = "innoinfra.registry"
    verbose_name = "Реестр инновационной инфраструктуры"

    def ready(self):
        from . import (
            mapgrid,
            search_index,  # noqa: F401 — registers the app's objects with the global search
        )
        from .models import MapCell, MapGrid, Site, SiteParticipant, SiteStateChange

        # any change of the app's records makes its cached public pages stale (core.public_cache); the map's summary
        # is derived data (written without signals anyway, registry.mapgrid)
        bump_on_change([m for m in self.get_models() if m not in (MapCell, MapGrid)], "registry")
        # the facts the map's summary counts (registry.mapgrid): organizations by their coordinates (another app's
        # model, looked up by its label as ready() does), sites and their participants and states
        organization = self.apps.get_model("reference", "Organization")
        on_change([organization, Site, SiteParticipant, SiteStateChange], mapgrid.mark_stale, name="map-grid")
        # a select of more municipalities than a page should carry asks the registry's autocomplete (core.forms)
        register_options_url("reference.Municipality", "registry:municipality_options")
