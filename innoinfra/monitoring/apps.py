from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.monitoring"
    verbose_name = "Мониторинг"

    def ready(self):
        from . import snapshots
        from .exports import register_exports

        register_exports()
        snapshots.connect()
