from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "innoinfra.registry"
    verbose_name = "Реестр инновационной инфраструктуры"

    def ready(self):
        from . import search_index  # noqa: F401 — registers the app's objects with the global search
