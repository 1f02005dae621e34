from django.apps import AppConfig


class LegalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.legal"
    verbose_name = "Нормативные документы"

    def ready(self):
        from . import search_index  # noqa: F401 — registers the app's objects with the global search
