from django.apps import AppConfig


class LegalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.legal"
    verbose_name = "Нормативные документы"
