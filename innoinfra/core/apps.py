from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "innoinfra.core"
    verbose_name = "Общие настройки"

    def ready(self):
        from . import site_url  # noqa: F401  (registers the deploy check of SITE_URL)
