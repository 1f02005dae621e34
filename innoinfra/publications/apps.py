from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.publications"
    verbose_name = "Публикации и СМИ"

    def ready(self):
        from . import search_index  # noqa: F401 — registers the app's objects with the global search
