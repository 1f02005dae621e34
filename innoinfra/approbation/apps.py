from django.apps import AppConfig


class ApprobationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.approbation"
    verbose_name = "Апробация инновационных продуктов"

    def ready(self):
        from . import rules  # noqa: F401 — registers the app's perms
