from django.apps import AppConfig


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.practices"
    verbose_name = "Банк инновационного опыта"

    def ready(self):
        from . import search_index  # noqa: F401 — registers the app's objects with the global search
