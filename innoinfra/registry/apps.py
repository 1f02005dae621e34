from django.apps import AppConfig

from innoinfra.core.public_cache import bump_on_change


class RegistryConfig(AppConfig):
    name = "innoinfra.registry"
    verbose_name = "Реестр инновационной инфраструктуры"

    def ready(self):
        from . import search_index  # noqa: F401 — registers the app's objects with the global search

        # any change of the app's records makes its cached public pages stale (core.public_cache)
        bump_on_change(self.get_models(), "registry")
