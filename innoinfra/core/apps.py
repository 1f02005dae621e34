from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "innoinfra.core"
    verbose_name = "Общие настройки"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import site_url  # noqa: F401  (registers the deploy check of SITE_URL)
        from .timezones import remember_zone

        user_logged_in.connect(remember_zone, dispatch_uid="innoinfra.core.timezones.remember_zone")
