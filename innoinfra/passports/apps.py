from django.apps import AppConfig


class PassportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.passports"
    verbose_name = "Паспорта площадок"

    def ready(self):
        from . import receivers, rules  # noqa: F401 — the application's passport follows it into its site; permissions
